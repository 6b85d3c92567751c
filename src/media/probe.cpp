#include "media/probe.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/parseutils.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <map>
#include <string_view>

#include "media/av_util.h"

namespace ll::media {
namespace fs = std::filesystem;
using namespace detail;

const char* toString(StreamType t) {
    switch (t) {
        case StreamType::Video:
            return "video";
        case StreamType::Audio:
            return "audio";
        case StreamType::Subtitle:
            return "subtitle";
        case StreamType::Other:
            return "other";
    }
    return "other";
}

const StreamInfo* ProbeResult::bestVideo() const {
    const StreamInfo* first = nullptr;
    for (const auto& s : streams) {
        if (s.type != StreamType::Video || s.attachedPicture) continue;
        if (s.isDefault) return &s;
        if (!first) first = &s;
    }
    return first;
}

const StreamInfo* ProbeResult::bestAudio() const {
    const StreamInfo* first = nullptr;
    for (const auto& s : streams) {
        if (s.type != StreamType::Audio || s.sampleRate <= 0 || s.channels <= 0) continue;
        if (s.isDefault) return &s;
        if (!first) first = &s;
    }
    return first;
}

std::string describeOtherStream(const StreamInfo& s) {
    // QuickTime's timecode track: no codec FFmpeg decodes, its start in the "timecode" tag.
    if (s.codecTag == "tmcd" || (s.codec == "none" && !s.timecode.empty())) {
        return s.timecode.empty() ? "timecode" : "timecode " + s.timecode;
    }
    // "bin_data" is FFmpeg's name for bytes it does not interpret, which says no more than none.
    if (!s.codec.empty() && s.codec != "none" && s.codec != "bin_data") return s.codec;
    std::string out = "data";
    // FFmpeg names the handlers of tracks it writes "DataHandler", "TimeCodeHandler"...: only
    // a name a camera gave says something.
    const std::string_view generic = "Handler";
    if (!s.handlerName.empty() && !std::string_view(s.handlerName).ends_with(generic)) {
        out = s.handlerName + " " + out;
    }
    if (!s.codecTag.empty()) out += " (" + s.codecTag + ")";
    return out;
}

namespace {

StreamType streamType(AVMediaType t) {
    switch (t) {
        case AVMEDIA_TYPE_VIDEO:
            return StreamType::Video;
        case AVMEDIA_TYPE_AUDIO:
            return StreamType::Audio;
        case AVMEDIA_TYPE_SUBTITLE:
            return StreamType::Subtitle;
        default:
            return StreamType::Other;
    }
}

double rateOf(AVRational r) {
    return r.num > 0 && r.den > 0 ? av_q2d(r) : 0.0;
}

// Frame durations of the first packets of each video stream, in stream ticks. Packets come in
// decode order, so presentation times are sorted before taking differences.
constexpr size_t kVfrLookPackets = 120;
constexpr int kVfrMaxPacketsRead = 3000;
constexpr size_t kVfrReorderDepth = 16;  // H.264's and HEVC's most pictures held for reordering

std::map<int, bool> lookForVariableFrameRate(AVFormatContext* fmt) {
    std::map<int, std::vector<int64_t>> pts;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream* st = fmt->streams[i];
        if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
            !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
            pts[static_cast<int>(i)];
        }
    }
    std::map<int, bool> vfr;
    if (pts.empty()) return vfr;
    PacketPtr pkt = allocPacket();
    for (int n = 0; n < kVfrMaxPacketsRead; ++n) {
        if (av_read_frame(fmt, pkt.get()) < 0) break;
        auto it = pts.find(pkt->stream_index);
        int64_t t = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
        if (it != pts.end() && t != AV_NOPTS_VALUE && it->second.size() < kVfrLookPackets) {
            it->second.push_back(t);
        }
        av_packet_unref(pkt.get());
        bool done = std::all_of(pts.begin(), pts.end(),
                                [](const auto& kv) { return kv.second.size() >= kVfrLookPackets; });
        if (done) break;
    }
    for (auto& [index, times] : pts) {
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        // Packets come in decode order: B-frames shown before the last pictures read are not
        // read yet, so the latest times have holes. Only the earlier ones are complete.
        if (times.size() > kVfrReorderDepth + 3) times.resize(times.size() - kVfrReorderDepth);
        if (times.size() < 3) continue;
        int64_t lo = INT64_MAX, hi = 0;
        for (size_t i = 1; i < times.size(); ++i) {
            int64_t d = times[i] - times[i - 1];
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        // Rounding to a coarse time base (1 ms in Matroska) makes constant rates jitter by a
        // tick; a real change of rate moves the frame duration by much more.
        int64_t tolerance = std::max<int64_t>(2, lo / 10);
        vfr[index] = hi - lo > tolerance;
    }
    return vfr;
}

// The time of the first indexed packet that lies past the end of the file, when the index
// (MP4's sample tables, Matroska's cues) says there is more than the file holds. Cheap: the
// index is in memory after opening.
std::optional<MediaTime> whereTheFileStops(AVFormatContext* fmt, uint64_t fileSize) {
    if (fileSize == 0) return std::nullopt;
    const int64_t start = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time : 0;
    std::optional<int64_t> stops;  // AV_TIME_BASE units, from the container's start
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream* st = fmt->streams[i];
        const int n = avformat_index_get_entries_count(st);
        for (int k = 0; k < n; ++k) {
            const AVIndexEntry* e = avformat_index_get_entry(st, k);
            if (!e || e->pos < 0 || static_cast<uint64_t>(e->pos) + static_cast<uint64_t>(e->size) <= fileSize) {
                continue;
            }
            const int64_t t = av_rescale_q(e->timestamp, st->time_base, AV_TIME_BASE_Q) - start;
            if (!stops || t < *stops) stops = t;
            break;  // entries are in time order: the first one past the end is where it stops
        }
    }
    if (!stops) return std::nullopt;
    return MediaTime::fromMicros(std::max<int64_t>(0, *stops));
}

// Where a Matroska file's last packets end, when that is clearly before the Duration its header
// states. Matroska's cues index only keyframes and are usually written after the clusters, so a
// copy cut short has lost them and whereTheFileStops has nothing to go on; each cluster states
// its own time, so the packets left near the end say where the file stops. Reads only there.
std::optional<MediaTime> whereTheLastPacketsStop(const AVFormatContext* fmt, const fs::path& file) {
    const bool matroska =
        fmt->iformat->name && std::string_view(fmt->iformat->name).starts_with("matroska");
    // FROM_STREAM: the header stated the duration. FFmpeg's guess from the bit rate proves
    // nothing, and a Matroska with no Duration was measured from these packets on opening.
    if (!matroska || fmt->duration_estimation_method != AVFMT_DURATION_FROM_STREAM ||
        fmt->duration == AV_NOPTS_VALUE || fmt->duration <= 0) {
        return std::nullopt;
    }
    const std::optional<int64_t> last = endFromLastPackets(file);
    if (!last) return std::nullopt;
    const MediaTime stops =
        MediaTime::fromMicros(std::max<int64_t>(0, *last - containerStartMicros(fmt)));
    if (stops + kEndsEarlyTolerance >= MediaTime::fromMicros(fmt->duration)) return std::nullopt;
    return stops;
}

std::string tag(const AVDictionary* dict, const char* key) {
    const AVDictionaryEntry* e = av_dict_get(dict, key, nullptr, 0);
    return e && e->value ? e->value : "";
}

// A codec tag as the four characters it is written with ("avc1", "rtp" without its padding
// space), or empty when it is not text (WAV's and MPEG-TS's numeric codes, none at all).
std::string fourcc(uint32_t codecTag) {
    std::string out;
    for (int i = 0; i < 4; ++i) {
        const auto c = static_cast<unsigned char>((codecTag >> (8 * i)) & 0xff);
        if (c < 0x20 || c > 0x7e) return {};
        out += static_cast<char>(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

Result<ProbeResult> probe(const fs::path& file) {
    LL_ASSIGN(FormatContextPtr fmt, openInput(file));
    ProbeResult r;
    r.container = fmt->iformat->name ? fmt->iformat->name : "";
    r.containerLongName = fmt->iformat->long_name ? fmt->iformat->long_name : "";
    r.duration = fmt->duration == AV_NOPTS_VALUE || fmt->duration < 0
                     ? MediaTime::zero()
                     : MediaTime::fromMicros(fmt->duration);
    r.bitRate = std::max<int64_t>(0, fmt->bit_rate);
    std::error_code ec;
    r.sizeBytes = fs::file_size(file, ec);

    std::string created = tag(fmt->metadata, "creation_time");
    int64_t createdMicros = 0;
    if (!created.empty() && av_parse_time(&createdMicros, created.c_str(), 0) >= 0) {
        r.creationTimeUnixMicros = createdMicros;
    }

    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream* st = fmt->streams[i];
        const AVCodecParameters* par = st->codecpar;
        StreamInfo s;
        s.index = static_cast<int>(i);
        s.type = streamType(par->codec_type);
        s.codec = avcodec_get_name(par->codec_id);
        if (const AVCodecDescriptor* d = avcodec_descriptor_get(par->codec_id); d && d->long_name) {
            s.codecLongName = d->long_name;
        }
        s.codecTag = fourcc(par->codec_tag);
        s.handlerName = tag(st->metadata, "handler_name");
        s.timecode = tag(st->metadata, "timecode");
        s.language = tag(st->metadata, "language");
        if (s.language == "und") s.language.clear();
        s.isDefault = (st->disposition & AV_DISPOSITION_DEFAULT) != 0;
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0) {
            s.duration = toMediaTime(st->duration, st->time_base);
        }
        s.bitRate = std::max<int64_t>(0, par->bit_rate);
        if (s.type == StreamType::Video) {
            s.width = par->width;
            s.height = par->height;
            s.fps = rateOf(st->avg_frame_rate);
            if (s.fps <= 0) s.fps = rateOf(st->r_frame_rate);
            if (const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format))) {
                s.pixelFormat = name;
            }
            s.rotation = streamRotation(st);
            s.attachedPicture = (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
        } else if (s.type == StreamType::Audio) {
            s.sampleRate = par->sample_rate;
            s.channels = par->ch_layout.nb_channels;
            char layout[128] = {};
            if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) >= 0) {
                s.channelLayout = layout;
            }
        }
        r.streams.push_back(std::move(s));
    }
    r.endsEarlyAt = whereTheFileStops(fmt.get(), r.sizeBytes);
    if (!r.endsEarlyAt) r.endsEarlyAt = whereTheLastPacketsStop(fmt.get(), file);
    // Containers do not say whether the rate varies; the first packets do.
    for (auto [index, vfr] : lookForVariableFrameRate(fmt.get())) {
        r.streams[static_cast<size_t>(index)].variableFrameRate = vfr;
    }
    return r;
}

}  // namespace ll::media
