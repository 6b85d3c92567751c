#pragma once
// Internal to ll::media: AVFrame to VideoFrame (YUV planes) and to RgbImage (swscale).

#include <vector>

#include "media/av_util.h"
#include "media/video_frame.h"

namespace ll::media::detail {

// Copies the planes of `frame`, converting pixel formats other than 8-bit planar YUV.
Result<VideoFrame> toVideoFrame(const AVFrame* frame);

// What toReducedVideoFrame keeps from one frame to the next: swscale's context and its planes.
struct ReduceScratch {
    SwsPtr sws;
    std::vector<uint8_t> planes;
};

// `frame` shrunk to `width` x `height` as packed 8-bit 4:4:4 (`reduced` set), levels and matrix
// unchanged; the pixel aspect keeps the picture's shape.
Result<VideoFrame> toReducedVideoFrame(const AVFrame* frame, int width, int height,
                                       ReduceScratch& scratch);

// RGB of `frame` scaled to `width` x `height` (the frame's own size when 0), before rotation.
// Uses the frame's colour matrix and range, bicubic like the ffmpeg CLI's automatic conversion.
Result<RgbImage> toRgb(const AVFrame* frame, int width = 0, int height = 0);

}  // namespace ll::media::detail
