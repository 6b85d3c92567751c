#version 330 core
// Planar 8-bit YUV to RGB on the GPU. Planes are uploaded at their own sizes, so any chroma
// subsampling (4:2:0, 4:2:2, 4:4:4) is just normalized coordinates. The matrix and the range come
// from the frame's colour metadata (BT.601 / 709 / 2020, TV or full range).
in vec2 vTexCoord;
out vec4 fragColor;

uniform sampler2D uY;
uniform sampler2D uU;
uniform sampler2D uV;
uniform mat3 uYuvToRgb;
uniform vec3 uOffset;  // subtracted first: (16, 128, 128) / 255 for TV range
uniform vec3 uScale;   // then multiplied: (255/219, 255/224, 255/224) for TV range

void main() {
    vec3 yuv = vec3(texture(uY, vTexCoord).r, texture(uU, vTexCoord).r, texture(uV, vTexCoord).r);
    fragColor = vec4(clamp(uYuvToRgb * ((yuv - uOffset) * uScale), 0.0, 1.0), 1.0);
}
