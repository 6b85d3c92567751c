#include "media/av_util.h"

extern "C" {
#include <libavutil/display.h>
#include <libavutil/error.h>
}

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>

namespace ll::media::detail {
namespace fs = std::filesystem;

namespace {

thread_local std::string t_lastError;

void logCallback(void* avcl, int level, const char* fmt, va_list vl) {
    if (level > AV_LOG_ERROR) return;
    char line[1024];
    int printPrefix = 0;  // no "[mov,mp4 @ 0x55...]" context prefix: the detail is read by people
    av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &printPrefix);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (!text.empty()) t_lastError = std::move(text);
}

}  // namespace

FramePtr allocFrame() {
    FramePtr f(av_frame_alloc());
    if (!f) std::abort();
    return f;
}

PacketPtr allocPacket() {
    PacketPtr p(av_packet_alloc());
    if (!p) std::abort();
    return p;
}

void initFfmpeg() {
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_level(AV_LOG_ERROR);
        av_log_set_callback(logCallback);
    });
}

void clearFfmpegLog() {
    t_lastError.clear();
}

std::string ffmpegDetail(int err) {
    std::string detail = std::move(t_lastError);
    t_lastError.clear();
    if (err < 0) {
        char buf[AV_ERROR_MAX_STRING_SIZE] = {};
        av_strerror(err, buf, sizeof buf);
        detail = detail.empty() ? std::string(buf) : detail + "; " + buf;
    }
    return detail;
}

std::string quoted(const fs::path& file) {
    return "\u201c" + file.string() + "\u201d";
}

Result<uint64_t> checkReadableFile(const fs::path& file) {
    std::error_code ec;
    auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        if (ec && ec != std::errc::no_such_file_or_directory) {
            return Error::make(Error::Code::Io, quoted(file) + " cannot be read: " + ec.message(),
                               ec.message());
        }
        return Error::make(Error::Code::NotFound, quoted(file) + " does not exist");
    }
    if (fs::is_directory(status)) {
        return Error::make(Error::Code::Invalid, quoted(file) + " is a folder, not a media file");
    }
    // Before open(): opening a named pipe would block until someone writes to it.
    if (!fs::is_regular_file(status)) {
        return Error::make(Error::Code::Invalid,
                           quoted(file) + " is not a regular file LessonLens can read");
    }
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        std::string reason = e == EACCES || e == EPERM ? "permission denied" : std::strerror(e);
        return Error::make(Error::Code::Io, quoted(file) + " cannot be read: " + reason,
                           std::strerror(e));
    }
    ::close(fd);
    uint64_t size = fs::file_size(file, ec);
    if (ec) {
        return Error::make(Error::Code::Io, quoted(file) + " cannot be read: " + ec.message(),
                           ec.message());
    }
    if (size == 0) return Error::make(Error::Code::Media, quoted(file) + " is empty");
    return size;
}

Error mediaError(const fs::path& file, std::string what, int err) {
    return Error::make(Error::Code::Media, quoted(file) + " " + what, ffmpegDetail(err));
}

namespace {

// Whether the file begins as an MP4 or QuickTime file does: a box whose type is "ftyp" (a text
// file named .mp4 also makes FFmpeg say "moov atom not found").
bool startsAsMp4(const fs::path& file) {
    char head[8] = {};
    std::ifstream in(file, std::ios::binary);
    if (!in.read(head, sizeof head)) return false;
    return std::string_view(head + 4, 4) == "ftyp";
}

// Opens `url` for reading with only the file protocol allowed, or returns null.
FormatContextPtr openUrl(const std::string& url, int* error) {
    // The whitelist keeps playlists inside a file from reaching the network.
    AVDictionary* options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    AVFormatContext* raw = nullptr;
    *error = avformat_open_input(&raw, url.c_str(), nullptr, &options);
    av_dict_free(&options);
    return FormatContextPtr(*error < 0 ? nullptr : raw);
}

// "file:" keeps a name such as "a:b.mp4" from being read as a protocol.
std::string inputUrl(const fs::path& file) {
    return "file:" + fs::absolute(file).string();
}

// endFromLastPackets, on a handle of its own so a caller's context stays where it is.
std::optional<int64_t> lastPacketEnd(const std::string& url) {
    int err = 0;
    FormatContextPtr end = openUrl(url, &err);
    if (!end || !end->pb) return std::nullopt;
    const int64_t size = avio_size(end->pb);
    if (size <= 0 || (end->iformat->flags & AVFMT_NO_BYTE_SEEK)) return std::nullopt;
    PacketPtr pkt = allocPacket();
    // The last 4 MiB hold many frames of any lesson recording; more only if they held none.
    for (int64_t back : {int64_t{4} << 20, int64_t{64} << 20}) {
        const int64_t from = std::max<int64_t>(0, size - back);
        if (avformat_seek_file(end.get(), -1, from, from, from, AVSEEK_FLAG_BYTE) < 0) break;
        std::optional<int64_t> last;
        while (av_read_frame(end.get(), pkt.get()) >= 0) {
            const AVStream* st = end->streams[pkt->stream_index];
            const int64_t t = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
            if (t != AV_NOPTS_VALUE) {
                const int64_t e = av_rescale_q(t + std::max<int64_t>(0, pkt->duration),
                                               st->time_base, AV_TIME_BASE_Q);
                last = last ? std::max(*last, e) : e;
            }
            av_packet_unref(pkt.get());
        }
        if (last || from == 0) return last;
    }
    return std::nullopt;
}

}  // namespace

Result<FormatContextPtr> openInput(const fs::path& file) {
    initFfmpeg();
    LL_TRY(checkReadableFile(file));
    clearFfmpegLog();

    int err = 0;
    FormatContextPtr fmt = openUrl(inputUrl(file), &err);
    if (err < 0) {
        if (err == AVERROR(EACCES) || err == AVERROR(EPERM)) {
            return Error::make(Error::Code::Io, quoted(file) + " cannot be read: permission denied",
                               ffmpegDetail(err));
        }
        std::string detail = ffmpegDetail(err);
        if (detail.find("moov atom not found") != std::string::npos && startsAsMp4(file)) {
            // The classic phone or camera file whose recording stopped with the battery or the
            // card: MP4 writes its index last, and without it nothing in the file can be found.
            return Error::make(Error::Code::Damaged,
                               quoted(file) + " was never finished: the index a camera or phone "
                                              "writes when recording stops is missing (the "
                                              "battery or the card may have run out), so no "
                                              "player can find its pictures or sound",
                               detail);
        }
        return Error::make(Error::Code::Media,
                           quoted(file) + " is not a video or audio file LessonLens can read",
                           detail);
    }
    err = avformat_find_stream_info(fmt.get(), nullptr);
    if (err < 0) return mediaError(file, "is not a video or audio file LessonLens can read", err);
    if (fmt->duration == AV_NOPTS_VALUE || fmt->duration <= 0) {
        // Matroska written to a pipe (a camera app streaming to its file) never says its length.
        if (auto last = endFromLastPackets(file)) {
            const int64_t start = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time : 0;
            if (*last > start) fmt->duration = *last - start;
        }
    }

    bool hasMedia = false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        auto type = fmt->streams[i]->codecpar->codec_type;
        if (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO) hasMedia = true;
    }
    if (!hasMedia) {
        return mediaError(file,
                          "is not a video or audio file LessonLens can read: it has no "
                          "video or audio streams",
                          0);
    }
    return fmt;
}

std::optional<int64_t> endFromLastPackets(const fs::path& file) {
    std::optional<int64_t> end = lastPacketEnd(inputUrl(file));
    // The last packet of a file cut short is cut too: FFmpeg's complaint is expected, and must
    // not turn up as the detail of a later, unrelated error.
    clearFfmpegLog();
    return end;
}

Result<CodecContextPtr> openDecoder(const fs::path& file, const AVStream* st, int threads) {
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) {
        return Error::make(Error::Code::Media, quoted(file) + " uses a " +
                                                   avcodec_get_name(st->codecpar->codec_id) +
                                                   " stream that LessonLens cannot decode");
    }
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) std::abort();
    int err = avcodec_parameters_to_context(ctx.get(), st->codecpar);
    if (err < 0) return mediaError(file, "has a stream LessonLens cannot decode", err);
    ctx->pkt_timebase = st->time_base;
    ctx->thread_count = threads;
    clearFfmpegLog();
    err = avcodec_open2(ctx.get(), codec, nullptr);
    if (err < 0) {
        return mediaError(
            file, std::string("has a ") + codec->name + " stream that LessonLens cannot decode",
            err);
    }
    return ctx;
}

int chooseStream(const AVFormatContext* fmt, AVMediaType type, int requested) {
    auto usable = [&](unsigned i) {
        const AVStream* st = fmt->streams[i];
        if (st->codecpar->codec_type != type) return false;
        if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) return false;
        return true;
    };
    if (requested >= 0) {
        return static_cast<unsigned>(requested) < fmt->nb_streams &&
                       usable(static_cast<unsigned>(requested))
                   ? requested
                   : -1;
    }
    int first = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (!usable(i)) continue;
        if (fmt->streams[i]->disposition & AV_DISPOSITION_DEFAULT) return static_cast<int>(i);
        if (first < 0) first = static_cast<int>(i);
    }
    return first;
}

int64_t toMicros(int64_t ts, AVRational tb) {
    if (ts == AV_NOPTS_VALUE) return AV_NOPTS_VALUE;
    return av_rescale_q(ts, tb, AVRational{1, 1'000'000});
}

int64_t containerStartMicros(const AVFormatContext* fmt) {
    return fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;  // AV_TIME_BASE is 1 MHz
}

int streamRotation(const AVStream* st) {
    double ccw = 0;
    size_t size = 0;
    const uint8_t* matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (matrix && size >= 9 * sizeof(int32_t)) {
        ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
        if (std::isnan(ccw)) ccw = 0;
    } else if (const AVDictionaryEntry* tag = av_dict_get(st->metadata, "rotate", nullptr, 0)) {
        ccw = -std::atof(tag->value);  // the old "rotate" tag is already clockwise
    }
    // The matrix gives counter-clockwise degrees; players turn clockwise by the opposite amount.
    long cw = std::lround(-ccw / 90.0) * 90;
    cw %= 360;
    if (cw < 0) cw += 360;
    return static_cast<int>(cw);
}

Result<int> requireStream(const AVFormatContext* fmt, AVMediaType type, int requested,
                          const fs::path& file) {
    int index = chooseStream(fmt, type, requested);
    if (index >= 0) return index;
    const std::string kind = type == AVMEDIA_TYPE_AUDIO ? "audio" : "video";
    if (requested >= 0) {
        return Error::make(Error::Code::NotFound,
                           quoted(file) + " has no " + kind + " stream " + std::to_string(requested));
    }
    return Error::make(Error::Code::NotFound, quoted(file) + " has no " + kind);
}

void keepOnlyStream(AVFormatContext* fmt, int index) {
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (static_cast<int>(i) != index) fmt->streams[i]->discard = AVDISCARD_ALL;
    }
}

}  // namespace ll::media::detail
