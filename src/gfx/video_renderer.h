#pragma once
// Video frames on the GPU: uploads the Y, Cb and Cr planes as textures and converts them to RGB
// with shaders/yuv.{vert,frag} while drawing (rotation applied; sizes are after rotation); frames
// shrunk to the size shown come packed in one texture, for shaders/yuv_packed.frag. No colour
// conversion happens on the CPU. The UI draws it from an ImGui draw callback.
// Owned by the UI thread (needs the GL context).

#include <initializer_list>

#include "core/result.h"
#include "gfx/gl_objects.h"
#include "media/video_frame.h"

namespace ll::gfx {

class VideoRenderer {
public:
    // Compiles the shaders; call with a current GL 3.3 context.
    static Result<VideoRenderer> create();

    // Uploads the frame's planes (once per new video frame).
    void upload(const media::VideoFrame& frame);
    void clear() { m_width = m_height = 0; }

    // Converts and draws the current frame into the bound framebuffer's pixel rectangle
    // (x, y from the bottom-left, GL convention). The conversion runs at the size shown, not
    // the video's size: a 1080p frame shown at 900x500 costs a quarter of the fragments, which
    // matters on software GL. Changes GL state (program, textures, viewport, scissor, blend).
    void draw(int x, int y, int width, int height) const;

    bool hasPicture() const { return m_width > 0; }
    int width() const { return m_width; }  // after rotation
    int height() const { return m_height; }

private:
    VideoRenderer() = default;

    // A YUV-to-RGB program and where its uniforms are.
    struct Program {
        GlProgram program;
        GLint rotation = -1, matrix = -1, offset = -1, scale = -1;
    };
    static Result<Program> makeProgram(const char* fragment, std::initializer_list<const char*> samplers);

    Program m_planar;  // three planes, shaders/yuv.frag
    Program m_packed;  // one packed texture, shaders/yuv_packed.frag
    GlVertexArray m_vao;
    GlTexture m_planes[3];
    int m_planeSize[3][2] = {};
    GLint m_planeFormat[3] = {};  // internal format allocated: GL_R8, or GL_RGBA8 when packed
    int m_textureCount = 0;       // planes in use: 3, or 1 when packed
    mutable GLint m_filter[3] = {};  // the planes' current min/mag filter (draw() picks it)
    int m_width = 0, m_height = 0;
    int m_quarterTurns = 0;
    float m_matrix[9] = {};
    bool m_fullRange = false;
};

}  // namespace ll::gfx
