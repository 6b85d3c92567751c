#version 330 core
// Packed 8-bit YUV 4:4:4 (Y, Cb, Cr in one RGBA texture: frames shrunk to the size shown) to
// RGB: one texel fetch per pixel instead of yuv.frag's three. Same matrix and range uniforms.
in vec2 vTexCoord;
out vec4 fragColor;

uniform sampler2D uYuv;
uniform mat3 uYuvToRgb;
uniform vec3 uOffset;  // subtracted first: (16, 128, 128) / 255 for TV range
uniform vec3 uScale;   // then multiplied: (255/219, 255/224, 255/224) for TV range

void main() {
    vec3 yuv = texture(uYuv, vTexCoord).rgb;
    fragColor = vec4(clamp(uYuvToRgb * ((yuv - uOffset) * uScale), 0.0, 1.0), 1.0);
}
