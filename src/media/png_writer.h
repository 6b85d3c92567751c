#pragma once
// PNG files from RGB images (libpng). Any thread.

#include <filesystem>

#include "core/result.h"
#include "media/video_frame.h"

namespace ll::media {

Status writePng(const std::filesystem::path& file, const RgbImage& image);

}  // namespace ll::media
