#pragma once
// The window's pixels as a PNG: glReadPixels of the default framebuffer (rows flipped to
// top-down), written with libpng. UI thread, after rendering and before the buffer swap.

#include <filesystem>

#include "core/result.h"

namespace ll::gfx {

Status saveScreenshot(const std::filesystem::path& file, int framebufferWidth, int framebufferHeight);

}  // namespace ll::gfx
