#pragma once
// Video frames on the GPU: uploads the Y, Cb and Cr planes as textures and converts them to RGB
// with shaders/yuv.{vert,frag} while drawing (rotation applied; sizes are after rotation). No
// colour conversion happens on the CPU. The UI draws it from an ImGui draw callback.
// Owned by the UI thread (needs the GL context).

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

    GlProgram m_program;
    GlVertexArray m_vao;
    GlTexture m_planes[3];
    int m_planeSize[3][2] = {};
    mutable GLint m_filter[3] = {};  // the planes' current min/mag filter (draw() picks it)
    int m_width = 0, m_height = 0;
    int m_quarterTurns = 0;
    float m_matrix[9] = {};
    bool m_fullRange = false;
    GLint m_locRotation = -1, m_locMatrix = -1, m_locOffset = -1, m_locScale = -1;
};

}  // namespace ll::gfx
