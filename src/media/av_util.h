#pragma once
// Internal to ll::media: owners for FFmpeg handles, error text, time conversion and the checks
// every entry point runs on a path before FFmpeg sees it. Not for use outside src/media.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/media_time.h"
#include "core/result.h"

namespace ll::media::detail {

struct FormatContextDeleter {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwrDeleter {
    void operator()(SwrContext* s) const { swr_free(&s); }
};
struct SwsDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

FramePtr allocFrame();  // aborts on out-of-memory, like the rest of the program
PacketPtr allocPacket();

// Silences FFmpeg's stderr logging once per process and records the last error-level message
// of the calling thread, so that errors can carry FFmpeg's own words in Error::detail.
void initFfmpeg();
// FFmpeg's last logged error on this thread (cleared by the call), or av_strerror(err).
std::string ffmpegDetail(int err);
void clearFfmpegLog();

// The file's name as people read it, in quotes: "“lesson 3.mp4”".
std::string quoted(const std::filesystem::path& file);

// Not found, folder, empty, unreadable: the errors a teacher can fix before FFmpeg is involved.
// On success returns the file size in bytes.
Result<uint64_t> checkReadableFile(const std::filesystem::path& file);

// Opens `file` for demuxing (local files only) and reads its stream information.
Result<FormatContextPtr> openInput(const std::filesystem::path& file);

// The end (pts + duration) of the last packet near the end of `file`, in AV_TIME_BASE units on
// the container's clock (its start time not taken off); nullopt when no packet there has a time.
// Reads only the last 4 MiB (64 MiB when those hold no packet) through a handle of its own, so a
// caller's context stays where it is. Meant for containers that store a time with each packet
// (Matroska's clusters): after a byte seek, other demuxers may not know where they are.
std::optional<int64_t> endFromLastPackets(const std::filesystem::path& file);

// `ts` in `tb` to microseconds; AV_NOPTS_VALUE stays AV_NOPTS_VALUE.
int64_t toMicros(int64_t ts, AVRational tb);
inline MediaTime toMediaTime(int64_t ts, AVRational tb) {
    return MediaTime::fromMicros(toMicros(ts, tb));
}
// The container's start time in microseconds, 0 when unknown.
int64_t containerStartMicros(const AVFormatContext* fmt);

// Clockwise degrees (0, 90, 180, 270) a player turns the stream's pictures.
int streamRotation(const AVStream* st);

// A decoder for `st`, opened with the stream's parameters. `threads` 0 lets FFmpeg pick.
Result<CodecContextPtr> openDecoder(const std::filesystem::path& file, const AVStream* st,
                                    int threads = 0);

// The stream a reader should use: `requested` when it is >= 0 and of `type`, else the default
// (or first) stream of that type. Returns -1 when there is none.
int chooseStream(const AVFormatContext* fmt, AVMediaType type, int requested);
// chooseStream, or NotFound naming the file: "… has no audio" / "… has no video stream 3".
Result<int> requireStream(const AVFormatContext* fmt, AVMediaType type, int requested,
                          const std::filesystem::path& file);

// Tells the demuxer to drop every packet not of stream `index`: a reader of one stream never
// pays for the others.
void keepOnlyStream(AVFormatContext* fmt, int index);

Error mediaError(const std::filesystem::path& file, std::string what, int err);

}  // namespace ll::media::detail
