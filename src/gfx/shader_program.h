#pragma once
// Shader programs from the GLSL files in shaders/. UI thread (GL context).

#include <filesystem>
#include <string>

#include "core/result.h"
#include "gfx/gl_objects.h"

namespace ll::gfx {

// Where shaders/ and assets/ live: $LESSONLENS_DATA_DIR, else the source tree of this build.
std::filesystem::path dataDir();

// Compiles and links `<dataDir>/shaders/<name>.vert` and `.frag`; errors carry the GL info log.
Result<GlProgram> loadProgram(const std::string& name);
// Compiles and links `<dataDir>/shaders/<vertex>.vert` with `<fragment>.frag`.
Result<GlProgram> loadProgram(const std::string& vertex, const std::string& fragment);
Result<GlProgram> buildProgram(const std::string& vertexSource, const std::string& fragmentSource);

}  // namespace ll::gfx
