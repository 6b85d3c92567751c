#include "media/video_decoder.h"

#include <algorithm>
#include <cmath>

#include "media/av_util.h"
#include "media/frame_convert.h"

namespace ll::media {
namespace fs = std::filesystem;
using namespace detail;

namespace {

// Forward seeks closer than this decode on instead of seeking (a GOP is usually shorter).
constexpr int64_t kDecodeOnMicros = 2'000'000;
// Pictures larger than this are refused rather than allocated (absurd declared sizes).
constexpr int kMaxDimension = 16384;
constexpr int64_t kMaxPixels = 8192LL * 8192;

}  // namespace

struct VideoDecoder::Impl {
    fs::path file;
    FormatContextPtr fmt;
    CodecContextPtr dec;
    AVStream* st = nullptr;
    int index = -1;
    int rotation = 0;
    int64_t startMicros = 0;
    PacketPtr pkt = allocPacket();
    FramePtr cur = allocFrame();      // the frame on screen
    FramePtr pending = allocFrame();  // decoded, after `cur`
    FramePtr scratch = allocFrame();
    mutable ReduceScratch reduceScratch;  // frameForView's scaler and planes, kept between frames
    bool hasCur = false;
    bool hasPending = false;
    bool demuxEnded = false;
    bool decoderEnded = false;
    int64_t lastPts = AV_NOPTS_VALUE;  // for frames without timestamps

    int64_t ptsOf(const AVFrame* f) const {
        return f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
    }
    MediaTime timeOf(const AVFrame* f) const {
        int64_t us = av_rescale_q_rnd(ptsOf(f), st->time_base, AVRational{1, 1'000'000},
                                      static_cast<AVRounding>(AV_ROUND_UP | AV_ROUND_PASS_MINMAX));
        return MediaTime::fromMicros(us - startMicros);
    }
    int64_t ticksFor(MediaTime t) const {
        return av_rescale_q_rnd(t.micros() + startMicros, AVRational{1, 1'000'000}, st->time_base,
                                static_cast<AVRounding>(AV_ROUND_DOWN | AV_ROUND_PASS_MINMAX));
    }

    void resetDecoder() {
        avcodec_flush_buffers(dec.get());
        hasCur = hasPending = false;
        demuxEnded = decoderEnded = false;
        lastPts = AV_NOPTS_VALUE;
    }

    // Decodes the next frame in presentation order into `out`. false at the end of the stream.
    Result<bool> decode(AVFrame* out) {
        while (!decoderEnded) {
            int err = avcodec_receive_frame(dec.get(), out);
            if (err >= 0) {
                // Frames without any timestamp follow the previous one.
                if (ptsOf(out) == AV_NOPTS_VALUE) {
                    int64_t step = out->pkt_duration > 0 ? out->pkt_duration : 1;
                    out->best_effort_timestamp = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + step;
                }
                lastPts = ptsOf(out);
                return true;
            }
            if (err == AVERROR_EOF) {
                decoderEnded = true;
                break;
            }
            if (err != AVERROR(EAGAIN)) {
                return mediaError(file, "has video that cannot be decoded", err);
            }
            // The decoder wants input.
            if (demuxEnded) {
                decoderEnded = true;  // cannot happen after a flush packet; be safe
                break;
            }
            err = av_read_frame(fmt.get(), pkt.get());
            if (err < 0) {
                // End of file, or a read error in a damaged file: either way, drain the decoder.
                demuxEnded = true;
                avcodec_send_packet(dec.get(), nullptr);
                continue;
            }
            if (pkt->stream_index == index) {
                // Damaged packets are skipped; the decoder conceals what it can.
                avcodec_send_packet(dec.get(), pkt.get());
            }
            av_packet_unref(pkt.get());
        }
        return false;
    }

    // Moves the pending frame (or the next decoded one) into `cur`. false at the end.
    Result<bool> advance() {
        if (hasPending) {
            std::swap(cur, pending);
            hasPending = false;
            hasCur = true;
            return true;
        }
        LL_ASSIGN(bool got, decode(scratch.get()));
        if (!got) return false;
        std::swap(cur, scratch);
        av_frame_unref(scratch.get());
        hasCur = true;
        return true;
    }

    // From the current position, decodes on until `cur` is the frame shown at `target` ticks.
    Status decodeUpTo(int64_t target) {
        while (true) {
            if (!hasPending) {
                LL_ASSIGN(bool got, decode(pending.get()));
                if (!got) return {};  // the last frame stays on screen
                hasPending = true;
            }
            if (hasCur && ptsOf(pending.get()) > target) return {};
            std::swap(cur, pending);
            av_frame_unref(pending.get());
            hasPending = false;
            hasCur = true;
        }
    }

    int seekToStart() {
        // Byte 0 is exactly the start where the format allows it (MPEG-TS timestamp seeks can
        // land on a later keyframe); others seek by time.
        int err = -1;
        if (!(fmt->iformat->flags & AVFMT_NO_BYTE_SEEK) && fmt->iformat->read_seek2 == nullptr &&
            fmt->iformat->read_seek == nullptr) {
            err = av_seek_frame(fmt.get(), -1, 0, AVSEEK_FLAG_BYTE);
        }
        if (err >= 0) return err;
        int64_t start = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
        err = avformat_seek_file(fmt.get(), -1, INT64_MIN, start, start, 0);
        if (err < 0) err = av_seek_frame(fmt.get(), index, firstTicks(), AVSEEK_FLAG_BACKWARD);
        if (err < 0) err = av_seek_frame(fmt.get(), -1, 0, AVSEEK_FLAG_BYTE);
        return err;
    }

    int64_t firstTicks() const {
        if (st->start_time != AV_NOPTS_VALUE) return st->start_time;
        return av_rescale_q(startMicros, AVRational{1, 1'000'000}, st->time_base);
    }

    // Seeks to the keyframe at or before `target` and decodes on to it. When the first decoded
    // frame still lands after `target` (open GOPs, reordering, dts-indexed containers), seeks
    // again further back: 1 s, 4 s, 16 s, 64 s, then from the start.
    Status seekTo(int64_t target) {
        const int64_t second =
            std::max<int64_t>(1, av_rescale_q(1, AVRational{1, 1}, st->time_base));
        int64_t backoff = 0;
        for (int attempt = 0;; ++attempt) {
            const int64_t seekTs = target - backoff;
            const bool fromStart = seekTs <= firstTicks() || attempt >= 5;
            resetDecoder();
            backoff = backoff == 0 ? second : backoff * 4;
            if (fromStart) {
                int err = seekToStart();
                if (err < 0) return mediaError(file, "cannot be searched (seek failed)", err);
            } else if (avformat_seek_file(fmt.get(), index, INT64_MIN, seekTs, seekTs, 0) < 0) {
                continue;
            }
            LL_ASSIGN(bool got, advance());
            if (!fromStart && (!got || ptsOf(cur.get()) > target)) continue;
            if (!got) {
                return Error::make(Error::Code::Media,
                                   quoted(file) + " has no video frames that can be decoded");
            }
            return decodeUpTo(target);
        }
    }

    Status positionAt(MediaTime t) {
        const int64_t target = ticksFor(t);
        if (hasCur) {
            const int64_t curPts = ptsOf(cur.get());
            if (target >= curPts && toMicros(target - curPts, st->time_base) <= kDecodeOnMicros) {
                return decodeUpTo(target);
            }
        }
        return seekTo(target);
    }
};

VideoDecoder::VideoDecoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
VideoDecoder::~VideoDecoder() = default;

Result<std::unique_ptr<VideoDecoder>> VideoDecoder::open(const fs::path& file,
                                                         VideoDecoderOptions options) {
    LL_ASSIGN(FormatContextPtr fmt, openInput(file));
    LL_ASSIGN(int index, requireStream(fmt.get(), AVMEDIA_TYPE_VIDEO, options.streamIndex, file));
    AVStream* st = fmt->streams[index];
    const AVCodecParameters* par = st->codecpar;
    if (par->width <= 0 || par->height <= 0 || par->width > kMaxDimension ||
        par->height > kMaxDimension ||
        static_cast<int64_t>(par->width) * par->height > kMaxPixels) {
        return Error::make(Error::Code::Media,
                           quoted(file) + " declares a picture size LessonLens cannot show (" +
                               std::to_string(par->width) + "x" + std::to_string(par->height) +
                               ")");
    }
    keepOnlyStream(fmt.get(), index);
    LL_ASSIGN(CodecContextPtr dec, openDecoder(file, st, options.threads));
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    impl->st = st;
    impl->index = index;
    impl->rotation = streamRotation(st);
    impl->startMicros = containerStartMicros(fmt.get());
    impl->fmt = std::move(fmt);
    impl->dec = std::move(dec);
    return std::unique_ptr<VideoDecoder>(new VideoDecoder(std::move(impl)));
}

int VideoDecoder::streamIndex() const {
    return m_impl->index;
}
int VideoDecoder::width() const {
    return m_impl->st->codecpar->width;
}
int VideoDecoder::height() const {
    return m_impl->st->codecpar->height;
}
int VideoDecoder::rotation() const {
    return m_impl->rotation;
}

double VideoDecoder::frameRate() const {
    AVRational r = m_impl->st->avg_frame_rate;
    if (r.num <= 0 || r.den <= 0) r = m_impl->st->r_frame_rate;
    return r.num > 0 && r.den > 0 ? av_q2d(r) : 0.0;
}

MediaTime VideoDecoder::duration() const {
    int64_t d = m_impl->fmt->duration;
    return d == AV_NOPTS_VALUE || d < 0 ? MediaTime::zero() : MediaTime::fromMicros(d);
}

Result<MediaTime> VideoDecoder::seek(MediaTime t) {
    LL_TRY(m_impl->positionAt(t));
    if (!m_impl->hasCur) {
        return Error::make(Error::Code::Media,
                           quoted(m_impl->file) + " has no video frames that can be decoded");
    }
    return frameTime();
}

Result<MediaTime> VideoDecoder::stepForward() {
    if (!m_impl->hasCur) return seek(MediaTime::zero());
    if (!m_impl->hasPending) {
        LL_ASSIGN(bool got, m_impl->decode(m_impl->pending.get()));
        if (!got) return Error::make(Error::Code::NotFound, "this is the last frame");
        m_impl->hasPending = true;
    }
    LL_ASSIGN(bool moved, m_impl->advance());
    if (!moved) return Error::make(Error::Code::NotFound, "this is the last frame");
    return frameTime();
}

Result<MediaTime> VideoDecoder::stepBack() {
    if (!m_impl->hasCur) return seek(MediaTime::zero());
    int64_t curPts = m_impl->ptsOf(m_impl->cur.get());
    // One tick before the current frame is still inside the previous frame's interval.
    LL_TRY(m_impl->seekTo(curPts - 1));
    if (!m_impl->hasCur || m_impl->ptsOf(m_impl->cur.get()) >= curPts) {
        // Already on the first frame: stay there.
        LL_TRY(m_impl->seekTo(curPts));
        return Error::make(Error::Code::NotFound, "this is the first frame");
    }
    return frameTime();
}

bool VideoDecoder::hasFrame() const {
    return m_impl->hasCur;
}

MediaTime VideoDecoder::frameTime() const {
    return m_impl->hasCur ? m_impl->timeOf(m_impl->cur.get()) : MediaTime::zero();
}

Result<VideoFrame> VideoDecoder::frame() const {
    return frameForView(0, 0);
}

Result<VideoFrame> VideoDecoder::frameForView(int viewWidth, int viewHeight) const {
    if (!m_impl->hasCur) return Error::make(Error::Code::Invalid, "no frame has been decoded yet");
    const AVFrame* f = m_impl->cur.get();
    // The view in the planes' orientation, against the picture's shown size before turning.
    const bool sideways = m_impl->rotation == 90 || m_impl->rotation == 270;
    const int targetW = sideways ? viewHeight : viewWidth;
    const int targetH = sideways ? viewWidth : viewHeight;
    const AVRational sar = f->sample_aspect_ratio;
    const double shownW = f->width * (sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0);
    // Shrinking by less than this gains little and costs a scale per frame.
    constexpr double kWorthShrinking = 0.85;
    const bool shrink = targetW >= 16 && targetH >= 16 && targetW <= kWorthShrinking * shownW &&
                        targetH <= kWorthShrinking * f->height;
    Result<VideoFrame> converted = shrink
        ? toReducedVideoFrame(f, targetW, targetH, m_impl->reduceScratch)
        : toVideoFrame(f);
    LL_ASSIGN(VideoFrame out, std::move(converted));
    out.time = frameTime();
    out.rotation = m_impl->rotation;
    int64_t dur = f->pkt_duration;
    if (m_impl->hasPending) {
        dur = m_impl->ptsOf(m_impl->pending.get()) - m_impl->ptsOf(f);
    } else if (dur <= 0) {
        double fps = frameRate();
        dur = fps > 0 ? av_rescale_q(std::llround(1e6 / fps), AVRational{1, 1'000'000},
                                     m_impl->st->time_base)
                      : 0;
    }
    out.duration = toMediaTime(std::max<int64_t>(0, dur), m_impl->st->time_base);
    return out;
}

Result<RgbImage> VideoDecoder::thumbnail(int width) const {
    if (!m_impl->hasCur) return Error::make(Error::Code::Invalid, "no frame has been decoded yet");
    const AVFrame* f = m_impl->cur.get();
    const int rot = m_impl->rotation;
    const bool sideways = rot == 90 || rot == 270;
    // The picture as displayed: coded size times the sample aspect ratio, then rotated.
    AVRational sar = f->sample_aspect_ratio;
    double aspect = sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
    int scaledW = f->width, scaledH = f->height;
    if (width > 0) {
        double displayW = f->width * aspect, displayH = f->height;
        if (sideways) std::swap(displayW, displayH);
        int outW = width;
        int outH = std::max(1, static_cast<int>(std::lround(outW * displayH / displayW)));
        scaledW = sideways ? outH : outW;
        scaledH = sideways ? outW : outH;
    } else if (aspect != 1.0) {
        // Full size as a player shows it: pixels that are not square widen (or narrow) the
        // picture; its height stays the coded one.
        scaledW = std::max(1, static_cast<int>(std::lround(f->width * aspect)));
    }
    if (scaledW > kMaxDimension || scaledH > kMaxDimension) {
        return Error::make(Error::Code::Invalid, "the requested picture is too large");
    }
    LL_ASSIGN(RgbImage rgb, toRgb(f, scaledW, scaledH));
    return rotateClockwise(rgb, rot);
}

Result<VideoFrame> VideoDecoder::frameAt(MediaTime t) {
    LL_TRY(seek(t));
    return frame();
}

}  // namespace ll::media
