#pragma once
// Internal to ll::media: AVFrame to VideoFrame (YUV planes) and to RgbImage (swscale).

#include "media/av_util.h"
#include "media/video_frame.h"

namespace ll::media::detail {

// Copies the planes of `frame`, converting pixel formats other than 8-bit planar YUV.
Result<VideoFrame> toVideoFrame(const AVFrame* frame);

// The planes of `frame` shrunk to `width` x `height` as 8-bit 4:4:4 (`reduced` set), levels and
// matrix unchanged; the pixel aspect keeps the picture's shape. `cache` keeps swscale's context
// from one frame to the next.
Result<VideoFrame> toReducedVideoFrame(const AVFrame* frame, int width, int height, SwsPtr& cache);

// RGB of `frame` scaled to `width` x `height` (the frame's own size when 0), before rotation.
// Uses the frame's colour matrix and range, bicubic like the ffmpeg CLI's automatic conversion.
Result<RgbImage> toRgb(const AVFrame* frame, int width = 0, int height = 0);

}  // namespace ll::media::detail
