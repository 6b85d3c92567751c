#pragma once
// Decoded pictures as plain values, free of FFmpeg types: YUV planes for the display shader and
// packed RGB for thumbnails and PNG files.

#include <array>
#include <cstdint>
#include <vector>

#include "core/media_time.h"

namespace ll::media {

// 8-bit YUV. Whole frames are planar (Y, Cb, Cr planes); sources in any other pixel format are
// converted to the nearest of the planar layouts. Frames shrunk for display (`reduced`) are
// Yuv444Packed: one plane of Y, Cb, Cr, 255 bytes per pixel, so the display shader reads one
// texel per pixel instead of three (on software GL, most of the cost of drawing the picture).
enum class YuvLayout { Yuv420p, Yuv422p, Yuv444p, Yuv444Packed };

// How YUV maps to RGB, for the shader.
enum class ColorMatrix { Bt601, Bt709, Bt2020 };

struct VideoFrame {
    struct Plane {
        std::vector<uint8_t> bytes;  // `height` rows of `stride` bytes
        int stride = 0;
        int width = 0;  // pixels per row actually used (4 bytes each when packed)
        int height = 0;
    };

    MediaTime time;      // when the frame starts to show, relative to the container's start
    MediaTime duration;  // until the next frame shows (estimated for the last frame)
    int width = 0;       // decoded size, before rotation
    int height = 0;
    int rotation = 0;  // clockwise degrees a player turns the picture: 0, 90, 180, 270
    // A pixel's width over its height (sample aspect ratio): 1 for most recordings, 4/3 for
    // anamorphic DV/HDV, where 1440x1080 is shown 1920 wide.
    double pixelAspect = 1.0;
    YuvLayout format = YuvLayout::Yuv420p;
    ColorMatrix matrix = ColorMatrix::Bt601;
    bool fullRange = false;       // 0-255 (JPEG) rather than 16-235 (TV) levels
    // Shrunk on the CPU to the size it is shown at (VideoDecoder::frameForView): the picture's
    // own detail is not all there, so a player showing it larger fetches the frame again.
    bool reduced = false;
    std::array<Plane, 3> planes;  // Y, Cb, Cr; packed: all in the first, the others empty

    bool empty() const { return width == 0 || height == 0; }
};

// Packed 8-bit RGB, rows without padding.
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  // width * height * 3 bytes

    bool empty() const { return width == 0 || height == 0; }
};

// Turns `image` clockwise by `degrees` (0, 90, 180 or 270).
RgbImage rotateClockwise(const RgbImage& image, int degrees);

}  // namespace ll::media
