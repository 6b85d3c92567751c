#include "gfx/shader_program.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ll::gfx {
namespace {

Result<std::string> readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::make(Error::Code::Io, "cannot read " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<GlShader> compile(GLenum type, const std::string& source) {
    GlShader shader(glCreateShader(type));
    const char* text = source.c_str();
    glShaderSource(shader.get(), 1, &text, nullptr);
    glCompileShader(shader.get());
    GLint ok = 0;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(shader.get(), sizeof log, nullptr, log);
        return Error::make(Error::Code::Invalid, "a display shader did not compile", log);
    }
    return shader;
}

}  // namespace

std::filesystem::path dataDir() {
    if (const char* env = std::getenv("LESSONLENS_DATA_DIR"); env && *env) return env;
    return LL_SOURCE_DATA_DIR;
}

Result<GlProgram> buildProgram(const std::string& vertexSource, const std::string& fragmentSource) {
    LL_ASSIGN(auto vs, compile(GL_VERTEX_SHADER, vertexSource));
    LL_ASSIGN(auto fs, compile(GL_FRAGMENT_SHADER, fragmentSource));
    GlProgram program(glCreateProgram());
    glAttachShader(program.get(), vs.get());
    glAttachShader(program.get(), fs.get());
    glLinkProgram(program.get());
    GLint ok = 0;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program.get(), sizeof log, nullptr, log);
        return Error::make(Error::Code::Invalid, "a display shader did not link", log);
    }
    return program;
}

Result<GlProgram> loadProgram(const std::string& name) {
    return loadProgram(name, name);
}

Result<GlProgram> loadProgram(const std::string& vertex, const std::string& fragment) {
    auto dir = dataDir() / "shaders";
    LL_ASSIGN(auto vs, readText(dir / (vertex + ".vert")));
    LL_ASSIGN(auto fs, readText(dir / (fragment + ".frag")));
    return buildProgram(vs, fs);
}

}  // namespace ll::gfx
