#include "media/media_check.h"

#include <algorithm>
#include <numeric>

#include "core/time_text.h"
#include "media/av_util.h"

namespace ll::media {
namespace fs = std::filesystem;
using namespace detail;

namespace {

struct StreamState {
    CodecContextPtr dec;
    AVStream* st = nullptr;
    StreamCheck check;
    int64_t nextExpectedUs = AV_NOPTS_VALUE;  // end of the previous frame, container-relative
    bool started = false;
    bool sentFlush = false;
};

}  // namespace

int64_t CheckReport::decodeErrorCount() const {
    return std::accumulate(streams.begin(), streams.end(), int64_t{0},
                           [](int64_t n, const StreamCheck& s) { return n + s.decodeErrors; });
}

std::string CheckReport::summary() const {
    if (!damaged()) return "The file is complete: every stream decodes to its end.";
    std::string s;
    if (cutShort) {
        s += "The file ends early at " + formatTime(decodedDuration) + " of " +
             formatTime(declaredDuration) + "; the rest cannot be played. ";
    } else if (readError) {
        s += "The file cannot be read to its end (it stops at " + formatTime(decodedDuration) +
             "). ";
    }
    if (int64_t n = decodeErrorCount(); n > 0) {
        s += std::to_string(n) +
             (n == 1 ? " damaged packet or frame" : " damaged packets or frames");
        if (!problems.empty()) s += ", the first at " + formatTime(problems.front().time);
        s += ". ";
    }
    if (!gaps.empty()) {
        s += std::to_string(gaps.size()) + (gaps.size() == 1 ? " gap" : " gaps") +
             " in the timestamps, the first at " + formatTime(gaps.front().from) + ". ";
    }
    if (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

Result<CheckReport> checkMedia(const fs::path& file, const CheckOptions& options) {
    LL_ASSIGN(FormatContextPtr fmt, openInput(file));
    const int64_t startUs = containerStartMicros(fmt.get());
    CheckReport report;
    if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0) {
        report.declaredDuration = MediaTime::fromMicros(fmt->duration);
    }

    std::vector<std::unique_ptr<StreamState>> states(fmt->nb_streams);
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream* st = fmt->streams[i];
        auto type = st->codecpar->codec_type;
        bool wanted = (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO) &&
                      !(st->disposition & AV_DISPOSITION_ATTACHED_PIC);
        if (!wanted) {
            st->discard = AVDISCARD_ALL;
            continue;
        }
        auto state = std::make_unique<StreamState>();
        state->st = st;
        state->check.index = static_cast<int>(i);
        state->check.type = type == AVMEDIA_TYPE_VIDEO ? StreamType::Video : StreamType::Audio;
        state->check.codec = avcodec_get_name(st->codecpar->codec_id);
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0) {
            state->check.declaredDuration = toMediaTime(st->duration, st->time_base);
        }
        auto dec = openDecoder(file, st, type == AVMEDIA_TYPE_VIDEO ? 0 : 1);
        if (!dec) {
            // A stream nobody can decode is damage worth reporting, not a reason to stop.
            report.problems.push_back({state->check.index, MediaTime::zero(),
                                       dec.error().message + " (" + dec.error().detail + ")"});
            state->check.decodeErrors = 1;
            report.streams.push_back(state->check);
            st->discard = AVDISCARD_ALL;
            continue;
        }
        state->dec = std::move(dec).value();
        states[i] = std::move(state);
    }

    auto problem = [&](StreamState& s, int64_t us, std::string message) {
        ++s.check.decodeErrors;
        if (report.problems.size() < CheckReport::kMaxProblems) {
            report.problems.push_back(
                {s.check.index, MediaTime::fromMicros(us), std::move(message)});
        }
    };

    FramePtr frame = allocFrame();
    auto drain = [&](StreamState& s) {
        while (true) {
            int err = avcodec_receive_frame(s.dec.get(), frame.get());
            if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return;
            if (err < 0) {
                problem(s, s.nextExpectedUs == AV_NOPTS_VALUE ? 0 : s.nextExpectedUs,
                        "the decoder failed: " + ffmpegDetail(err));
                return;
            }
            int64_t pts = frame->best_effort_timestamp;
            int64_t us =
                pts == AV_NOPTS_VALUE ? s.nextExpectedUs : toMicros(pts, s.st->time_base) - startUs;
            int64_t durUs = 0;
            if (s.check.type == StreamType::Audio) {
                if (frame->sample_rate > 0)
                    durUs = av_rescale(frame->nb_samples, 1'000'000, frame->sample_rate);
                s.check.samples += frame->nb_samples;
            } else if (frame->pkt_duration > 0) {
                durUs = toMicros(frame->pkt_duration, s.st->time_base);
            } else if (s.st->avg_frame_rate.num > 0 && s.st->avg_frame_rate.den > 0) {
                durUs = av_rescale(1'000'000, s.st->avg_frame_rate.den, s.st->avg_frame_rate.num);
            }
            if (us == AV_NOPTS_VALUE) us = 0;
            if (frame->decode_error_flags || (frame->flags & AV_FRAME_FLAG_CORRUPT)) {
                problem(s, us, "a damaged frame (the decoder concealed errors)");
            }
            if (!s.started) {
                s.started = true;
                s.check.start = MediaTime::fromMicros(us);
            } else if (s.nextExpectedUs != AV_NOPTS_VALUE &&
                       us - s.nextExpectedUs > options.gapThreshold.micros()) {
                report.gaps.push_back({s.check.index, MediaTime::fromMicros(s.nextExpectedUs),
                                       MediaTime::fromMicros(us)});
            }
            ++s.check.frames;
            int64_t endUs = us + durUs;
            if (s.nextExpectedUs == AV_NOPTS_VALUE || endUs > s.nextExpectedUs)
                s.nextExpectedUs = endUs;
            if (MediaTime::fromMicros(endUs) > s.check.end)
                s.check.end = MediaTime::fromMicros(endUs);
            av_frame_unref(frame.get());
        }
    };

    PacketPtr pkt = allocPacket();
    const int64_t fileSize = fmt->pb ? avio_size(fmt->pb) : -1;
    int64_t packetsRead = 0;
    while (true) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            return Error::make(Error::Code::Cancelled, "the check was stopped");
        }
        clearFfmpegLog();
        int err = av_read_frame(fmt.get(), pkt.get());
        if (err < 0) {
            if (err != AVERROR_EOF) {
                report.readError = true;
                report.readErrorDetail = ffmpegDetail(err);
            }
            break;
        }
        ++packetsRead;
        if (options.progress && fileSize > 0 && (packetsRead & 255) == 0) {
            options.progress(
                std::clamp(static_cast<double>(avio_tell(fmt->pb)) / fileSize, 0.0, 1.0));
        }
        auto idx = static_cast<size_t>(pkt->stream_index);
        StreamState* s = idx < states.size() ? states[idx].get() : nullptr;
        if (!s) {
            av_packet_unref(pkt.get());
            continue;
        }
        ++s->check.packets;
        int64_t pktUs = pkt->pts != AV_NOPTS_VALUE ? toMicros(pkt->pts, s->st->time_base) - startUs
                        : pkt->dts != AV_NOPTS_VALUE
                            ? toMicros(pkt->dts, s->st->time_base) - startUs
                            : s->nextExpectedUs;
        if (pkt->flags & AV_PKT_FLAG_CORRUPT)
            problem(*s, pktUs, "a packet marked damaged by the container");
        clearFfmpegLog();
        err = avcodec_send_packet(s->dec.get(), pkt.get());
        if (err == AVERROR(EAGAIN)) {
            drain(*s);
            err = avcodec_send_packet(s->dec.get(), pkt.get());
        }
        if (err < 0 && err != AVERROR(EAGAIN) && err != AVERROR_EOF) {
            problem(*s, pktUs == AV_NOPTS_VALUE ? 0 : pktUs,
                    "a packet the decoder rejected: " + ffmpegDetail(err));
        }
        av_packet_unref(pkt.get());
        drain(*s);
    }
    for (auto& s : states) {
        if (!s) continue;
        avcodec_send_packet(s->dec.get(), nullptr);
        drain(*s);
        report.streams.push_back(s->check);
        report.decodedDuration = std::max(report.decodedDuration, s->check.end);
    }
    std::sort(report.streams.begin(), report.streams.end(),
              [](const StreamCheck& a, const StreamCheck& b) { return a.index < b.index; });
    if (report.declaredDuration > MediaTime::zero() &&
        report.decodedDuration + options.cutShortTolerance < report.declaredDuration) {
        report.cutShort = true;
    }
    if (options.progress) options.progress(1.0);
    return report;
}

}  // namespace ll::media
