#version 330 core
// A full-target quad from gl_VertexID (no vertex buffer). uRotation turns the picture clockwise
// in quarter turns, so the render target is sized after rotation.
uniform int uRotation;  // 0..3 quarter turns clockwise
out vec2 vTexCoord;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
    // Output (u, v) with v = 0 at the top row of the picture.
    vec2 uv = vec2(corner.x, 1.0 - corner.y);
    // Source coordinate for a clockwise turn: each quarter maps (u, v) -> (v, 1 - u).
    for (int i = 0; i < uRotation; ++i) uv = vec2(uv.y, 1.0 - uv.x);
    vTexCoord = uv;
}
