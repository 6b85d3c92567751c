#include "media/png_writer.h"

#include <png.h>

#include <cstring>
#include <fstream>

namespace ll::media {

Status writePng(const std::filesystem::path& file, const RgbImage& image) {
    if (image.empty()) return Error::invalid("there is no picture to write");
    // libpng's simplified API reports errors through the struct, with no longjmp to manage.
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr)) {
        std::string detail = png.message;
        png_image_free(&png);
        return Error::make(Error::Code::Invalid, "the picture cannot be encoded as PNG", detail);
    }
    std::vector<uint8_t> bytes(size);
    if (!png_image_write_to_memory(&png, bytes.data(), &size, 0, image.pixels.data(), 0, nullptr)) {
        std::string detail = png.message;
        png_image_free(&png);
        return Error::make(Error::Code::Invalid, "the picture cannot be encoded as PNG", detail);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (out)
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (!out) {
        return Error::make(Error::Code::Io, "\u201c" + file.string() + "\u201d cannot be written",
                           std::strerror(errno));
    }
    return {};
}

}  // namespace ll::media
