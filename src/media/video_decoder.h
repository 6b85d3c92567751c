#pragma once
// Frame-accurate access to one video stream of a file.
//
// "The frame shown at T" is the frame a player has on screen at T: the last frame (in
// presentation order) whose timestamp is <= T, i.e. whose display interval [pts, next pts)
// contains T. It is the frame `ffmpeg -ss P -i FILE -frames:v 1` writes for P = that frame's
// own time; for T on a frame boundary P == T. (ffmpeg -ss T alone gives the first frame at or
// after T, which differs from what is on screen when T falls inside a frame.) Times before the
// first frame give the first frame; times past the last give the last.
//
// All times are relative to the container's start (MPEG-TS and cut files start far from 0).
// Frame times round up to the microsecond, so seeking to a frame's own `time` finds it again.
//
// Owned by one thread (the video decode thread, or a job); not thread-safe.

#include <filesystem>
#include <memory>

#include "core/media_time.h"
#include "core/result.h"
#include "media/video_frame.h"

namespace ll::media {

struct VideoDecoderOptions {
    int streamIndex = -1;  // -1: the default video stream
    int threads = 0;       // decoder threads; 0 lets FFmpeg choose
};

class VideoDecoder {
public:
    static Result<std::unique_ptr<VideoDecoder>> open(const std::filesystem::path& file,
                                                      VideoDecoderOptions options = {});
    ~VideoDecoder();
    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;

    int streamIndex() const;
    int width() const;  // coded size, before rotation
    int height() const;
    int rotation() const;  // clockwise degrees
    double frameRate() const;
    MediaTime duration() const;  // the container's duration, zero when unknown

    // Positions on the frame shown at `t` and returns that frame's time. Forward moves within a
    // few seconds decode on from the current frame; others seek to the keyframe before `t`.
    Result<MediaTime> seek(MediaTime t);
    // The frame after the current one; Error::Code::NotFound past the last frame.
    Result<MediaTime> stepForward();
    // The frame before the current one; Error::Code::NotFound before the first frame.
    Result<MediaTime> stepBack();

    bool hasFrame() const;
    MediaTime frameTime() const;  // the current frame's time
    // The current frame's YUV planes (a copy).
    Result<VideoFrame> frame() const;
    // The current frame for a view `viewWidth` x `viewHeight` pixels (as shown: after pixel aspect
    // and rotation). When the view is well under the picture's own size, the planes come shrunk
    // to it on the CPU, area-averaged, as packed 4:4:4 (`reduced` set): a software GL then samples one
    // texel per pixel and uploads a fraction of the bytes. Otherwise, or for a 0 size, frame().
    Result<VideoFrame> frameForView(int viewWidth, int viewHeight) const;
    // The current frame in RGB, rotated as a player shows it, `width` pixels wide after rotation
    // (0: the coded height, and the width the display aspect gives it, as a player shows
    // non-square pixels) with the height following the display aspect.
    Result<RgbImage> thumbnail(int width = 0) const;

    // seek(t) then frame().
    Result<VideoFrame> frameAt(MediaTime t);

private:
    struct Impl;
    explicit VideoDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ll::media
