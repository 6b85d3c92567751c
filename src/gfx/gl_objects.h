#pragma once
// Owners for GL names: each deletes its name when destroyed; move-only. Use on the thread that
// owns the GL context (the UI thread).

#include <utility>

#include "gfx/gl.h"

namespace ll::gfx {

template <void (*Delete)(GLuint)>
class GlName {
public:
    GlName() = default;
    explicit GlName(GLuint name) : m_name(name) {}
    ~GlName() { reset(); }
    GlName(GlName&& o) noexcept : m_name(std::exchange(o.m_name, 0)) {}
    GlName& operator=(GlName&& o) noexcept {
        if (this != &o) {
            reset();
            m_name = std::exchange(o.m_name, 0);
        }
        return *this;
    }
    GlName(const GlName&) = delete;
    GlName& operator=(const GlName&) = delete;

    GLuint get() const { return m_name; }
    explicit operator bool() const { return m_name != 0; }
    void reset() {
        if (m_name) Delete(m_name);
        m_name = 0;
    }

private:
    GLuint m_name = 0;
};

namespace detail {
inline void deleteTexture(GLuint n) { glDeleteTextures(1, &n); }
inline void deleteBuffer(GLuint n) { glDeleteBuffers(1, &n); }
inline void deleteVertexArray(GLuint n) { glDeleteVertexArrays(1, &n); }
inline void deleteFramebuffer(GLuint n) { glDeleteFramebuffers(1, &n); }
inline void deleteProgram(GLuint n) { glDeleteProgram(n); }
inline void deleteShader(GLuint n) { glDeleteShader(n); }
}  // namespace detail

using GlTexture = GlName<detail::deleteTexture>;
using GlBuffer = GlName<detail::deleteBuffer>;
using GlVertexArray = GlName<detail::deleteVertexArray>;
using GlFramebuffer = GlName<detail::deleteFramebuffer>;
using GlProgram = GlName<detail::deleteProgram>;
using GlShader = GlName<detail::deleteShader>;

inline GlTexture makeTexture() { GLuint n = 0; glGenTextures(1, &n); return GlTexture(n); }
inline GlBuffer makeBuffer() { GLuint n = 0; glGenBuffers(1, &n); return GlBuffer(n); }
inline GlVertexArray makeVertexArray() { GLuint n = 0; glGenVertexArrays(1, &n); return GlVertexArray(n); }
inline GlFramebuffer makeFramebuffer() { GLuint n = 0; glGenFramebuffers(1, &n); return GlFramebuffer(n); }

}  // namespace ll::gfx
