#include "gfx/screenshot.h"

#include <cstring>
#include <vector>

#include "gfx/gl.h"
#include "media/png_writer.h"

namespace ll::gfx {

Status saveScreenshot(const std::filesystem::path& file, int width, int height) {
    if (width <= 0 || height <= 0) return Error::invalid("the window has no pixels to save");
    media::RgbImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, image.pixels.data());
    // GL's rows run bottom-up; PNG's top-down.
    const size_t row = static_cast<size_t>(width) * 3;
    std::vector<uint8_t> tmp(row);
    for (int y = 0; y < height / 2; ++y) {
        uint8_t* a = image.pixels.data() + static_cast<size_t>(y) * row;
        uint8_t* b = image.pixels.data() + static_cast<size_t>(height - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    if (!file.parent_path().empty()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
    }
    return media::writePng(file, image);
}

}  // namespace ll::gfx
