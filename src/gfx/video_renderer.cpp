#include "gfx/video_renderer.h"

#include <algorithm>
#include <cmath>

#include "gfx/shader_program.h"

namespace ll::gfx {
namespace {

// Column-major mat3 (GLSL): columns multiply Y, Cb, Cr. Kr/Kb from the ITU recommendations.
void yuvMatrix(media::ColorMatrix m, float out[9]) {
    float kr = 0.299f, kb = 0.114f;  // BT.601
    if (m == media::ColorMatrix::Bt709) kr = 0.2126f, kb = 0.0722f;
    if (m == media::ColorMatrix::Bt2020) kr = 0.2627f, kb = 0.0593f;
    float kg = 1.f - kr - kb;
    float rv = 2.f * (1.f - kr);
    float bu = 2.f * (1.f - kb);
    float gu = -bu * kb / kg;
    float gv = -rv * kr / kg;
    float cols[9] = {1, 1, 1, 0, gu, bu, rv, gv, 0};
    for (int i = 0; i < 9; ++i) out[i] = cols[i];
}

}  // namespace

Result<VideoRenderer::Program> VideoRenderer::makeProgram(
    const char* fragment, std::initializer_list<const char*> samplers) {
    Program out;
    LL_ASSIGN(out.program, loadProgram("yuv", fragment));
    GLuint p = out.program.get();
    glUseProgram(p);
    GLint unit = 0;
    for (const char* sampler : samplers) glUniform1i(glGetUniformLocation(p, sampler), unit++);
    out.rotation = glGetUniformLocation(p, "uRotation");
    out.matrix = glGetUniformLocation(p, "uYuvToRgb");
    out.offset = glGetUniformLocation(p, "uOffset");
    out.scale = glGetUniformLocation(p, "uScale");
    glUseProgram(0);
    return out;
}

Result<VideoRenderer> VideoRenderer::create() {
    VideoRenderer r;
    LL_ASSIGN(r.m_planar, makeProgram("yuv", {"uY", "uU", "uV"}));
    LL_ASSIGN(r.m_packed, makeProgram("yuv_packed", {"uYuv"}));
    r.m_vao = makeVertexArray();
    for (auto& t : r.m_planes) t = makeTexture();
    return r;
}

void VideoRenderer::upload(const media::VideoFrame& frame) {
    if (frame.empty()) {
        clear();
        return;
    }
    GLint previousTexture = 0, previousUnit = 0;
    glGetIntegerv(GL_ACTIVE_TEXTURE, &previousUnit);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    const bool packed = frame.format == media::YuvLayout::Yuv444Packed;
    m_textureCount = packed ? 1 : 3;
    const GLint internalFormat = packed ? GL_RGBA8 : GL_R8;
    const GLenum layout = packed ? GL_RGBA : GL_RED;
    const int bytesPerPixel = packed ? 4 : 1;
    for (int i = 0; i < m_textureCount; ++i) {
        const auto& plane = frame.planes[static_cast<size_t>(i)];
        glActiveTexture(GL_TEXTURE0 + static_cast<GLenum>(i));
        if (i == 0) glGetIntegerv(GL_TEXTURE_BINDING_2D, &previousTexture);
        glBindTexture(GL_TEXTURE_2D, m_planes[i].get());
        glPixelStorei(GL_UNPACK_ROW_LENGTH, plane.stride / bytesPerPixel);
        if (m_planeSize[i][0] != plane.width || m_planeSize[i][1] != plane.height ||
            m_planeFormat[i] != internalFormat) {
            glTexImage2D(GL_TEXTURE_2D, 0, internalFormat, plane.width, plane.height, 0, layout,
                         GL_UNSIGNED_BYTE, plane.bytes.data());
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            m_filter[i] = GL_LINEAR;
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            m_planeSize[i][0] = plane.width;
            m_planeSize[i][1] = plane.height;
            m_planeFormat[i] = internalFormat;
        } else {
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, plane.width, plane.height, layout,
                            GL_UNSIGNED_BYTE, plane.bytes.data());
        }
    }
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previousTexture));
    glActiveTexture(static_cast<GLenum>(previousUnit));

    m_quarterTurns = ((frame.rotation % 360 + 360) % 360) / 90;
    bool sideways = m_quarterTurns % 2 == 1;
    // The shown size: non-square pixels (anamorphic video) widen the picture before it turns.
    const int shownWidth = std::max(1, static_cast<int>(std::lround(frame.width * frame.pixelAspect)));
    m_width = sideways ? frame.height : shownWidth;
    m_height = sideways ? shownWidth : frame.height;
    yuvMatrix(frame.matrix, m_matrix);
    m_fullRange = frame.fullRange;
}

void VideoRenderer::draw(int x, int y, int width, int height) const {
    if (!hasPicture() || width <= 0 || height <= 0) return;
    glViewport(x, y, width, height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x, y, width, height);
    glDisable(GL_BLEND);
    const Program& program = m_textureCount == 1 ? m_packed : m_planar;
    glUseProgram(program.program.get());
    glUniformMatrix3fv(program.matrix, 1, GL_FALSE, m_matrix);
    if (m_fullRange) {
        glUniform3f(program.offset, 0.f, 128.f / 255.f, 128.f / 255.f);
        glUniform3f(program.scale, 1.f, 1.f, 1.f);
    } else {
        glUniform3f(program.offset, 16.f / 255.f, 128.f / 255.f, 128.f / 255.f);
        glUniform3f(program.scale, 255.f / 219.f, 255.f / 224.f, 255.f / 224.f);
    }
    glUniform1i(program.rotation, m_quarterTurns);
    const bool sideways = m_quarterTurns % 2 == 1;
    const int shownW = sideways ? height : width;  // the target in the plane's orientation
    const int shownH = sideways ? width : height;
    for (int i = 0; i < m_textureCount; ++i) {
        glActiveTexture(GL_TEXTURE0 + static_cast<GLenum>(i));
        glBindTexture(GL_TEXTURE_2D, m_planes[i].get());
        // A plane shown near its own size looks the same sampled nearest or bilinear, and on
        // software GL (llvmpipe) a nearest fetch is a quarter of the work: 4:2:0 chroma in a
        // window about half the video's size is the common case. Otherwise filter.
        const double sx = static_cast<double>(shownW) / std::max(1, m_planeSize[i][0]);
        const double sy = static_cast<double>(shownH) / std::max(1, m_planeSize[i][1]);
        const GLint filter = sx >= 0.8 && sx <= 1.25 && sy >= 0.8 && sy <= 1.25 ? GL_NEAREST : GL_LINEAR;
        if (m_filter[i] != filter) {
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
            m_filter[i] = filter;
        }
    }
    glBindVertexArray(m_vao.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glActiveTexture(GL_TEXTURE0);
}

}  // namespace ll::gfx
