#include "media/audio_reader.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "media/av_util.h"
#include "media/peak_pyramid.h"

namespace ll::media {
namespace fs = std::filesystem;
using namespace detail;

namespace {

// Silence inserted before audio that starts late, or into a gap in its timestamps, is capped,
// so a broken timestamp cannot make the reader produce hours of zeros.
constexpr int64_t kMaxLeadingSilenceMicros = 60'000'000;
// A frame that starts more than this after the previous one ends follows a gap (a camera's
// dropout, packets lost to damage): the gap is filled with silence so that what comes after it
// stays at its own time. Smaller differences are timestamp jitter, and are left alone.
constexpr int64_t kMinGapMicros = 20'000;
constexpr int64_t kSeekPrerollMicros = 200'000;

struct ChannelLayout {
    AVChannelLayout layout{};
    ChannelLayout() = default;
    ChannelLayout(const ChannelLayout&) = delete;
    ChannelLayout& operator=(const ChannelLayout&) = delete;
    ~ChannelLayout() { av_channel_layout_uninit(&layout); }
};

}  // namespace

struct AudioReader::Impl {
    fs::path file;
    FormatContextPtr fmt;
    CodecContextPtr dec;
    AVStream* st = nullptr;
    int index = -1;
    AudioFormat out;
    int64_t startMicros = 0;
    PacketPtr pkt = allocPacket();
    FramePtr frame = allocFrame();
    SwrPtr swr;
    // The input format swr was built for; rebuilt when a stream changes format mid-way.
    int swrRate = 0;
    int swrFormat = -1;
    ChannelLayout swrLayout;

    std::vector<float> fifo;  // interleaved output not yet read
    size_t fifoRead = 0;      // frames already consumed from the front of `fifo`
    int64_t nextFrame = 0;    // output frame index of the next sample read() returns
    int64_t queuedEnd = 0;    // output frame index just after the last queued sample
    bool aligned = false;     // the first decoded frame after open/seek was placed on the timeline
    // Where the last decoded frame ended on the stream's timeline (microseconds from the
    // container's start), to find gaps; unknown until a frame with a timestamp arrives.
    std::optional<int64_t> decodedEndMicros;
    bool demuxEnded = false;
    bool decoderEnded = false;
    bool flushed = false;

    size_t queuedFrames() const {
        return (fifo.size() / static_cast<size_t>(out.channels)) - fifoRead;
    }

    void compact() {
        if (fifoRead == 0) return;
        fifo.erase(fifo.begin(),
                   fifo.begin() + static_cast<std::ptrdiff_t>(fifoRead * out.channels));
        fifoRead = 0;
    }

    Status buildSwr(const AVFrame* f) {
        ChannelLayout inLayout;
        if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f->ch_layout.nb_channels <= 0) {
            int n = f->ch_layout.nb_channels > 0 ? f->ch_layout.nb_channels
                                                 : dec->ch_layout.nb_channels;
            if (n <= 0) {
                return Error::make(Error::Code::Media,
                                   quoted(file) + " has an audio stream with no channels");
            }
            av_channel_layout_default(&inLayout.layout, n);
        } else {
            av_channel_layout_copy(&inLayout.layout, &f->ch_layout);
        }
        ChannelLayout outLayout;
        av_channel_layout_default(&outLayout.layout, out.channels);
        SwrContext* raw = nullptr;
        int err = swr_alloc_set_opts2(&raw, &outLayout.layout, AV_SAMPLE_FMT_FLT, out.sampleRate,
                                      &inLayout.layout, static_cast<AVSampleFormat>(f->format),
                                      f->sample_rate, 0, nullptr);
        SwrPtr next(raw);
        if (err >= 0) err = swr_init(next.get());
        if (err < 0) {
            return mediaError(file, "has audio that cannot be converted", err);
        }
        // Drain what the old converter still holds before replacing it.
        if (swr) flushConverter();
        swr = std::move(next);
        swrRate = f->sample_rate;
        swrFormat = f->format;
        // The layout as frames bring it, not as completed above: a WAV without a channel mask
        // brings an unspecified one in every frame, and comparing that with the completed
        // layout rebuilt (and flushed) the converter on every frame, which added samples and
        // broke the sound at each frame's edge.
        av_channel_layout_uninit(&swrLayout.layout);
        av_channel_layout_copy(&swrLayout.layout, &f->ch_layout);
        return {};
    }

    void append(const float* samples, size_t frames) {
        compact();
        fifo.insert(fifo.end(), samples, samples + frames * static_cast<size_t>(out.channels));
        queuedEnd += static_cast<int64_t>(frames);
    }

    // Places the first frame after open/seek on the timeline: silence before audio that starts
    // late, or samples dropped before `nextFrame` after a seek.
    int64_t dropBefore = 0;  // output frames still to discard
    void align(const AVFrame* f) {
        aligned = true;
        int64_t pts =
            f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
        if (pts == AV_NOPTS_VALUE) return;
        int64_t us = toMicros(pts, st->time_base) - startMicros;
        int64_t frameIndex = av_rescale(us, out.sampleRate, 1'000'000);
        if (frameIndex > queuedEnd) {
            int64_t maxSilence = av_rescale(kMaxLeadingSilenceMicros, out.sampleRate, 1'000'000);
            int64_t silence = std::min(frameIndex - queuedEnd, maxSilence);
            appendSilence(silence);
        } else if (frameIndex < queuedEnd) {
            dropBefore = queuedEnd - frameIndex;
            queuedEnd = frameIndex;
        }
    }

    // Appends `frames` of silence, as the samples of a frame would be (a drop after a seek
    // still applies).
    void appendSilence(int64_t frames) {
        std::vector<float> zeros(static_cast<size_t>(frames) * static_cast<size_t>(out.channels),
                                 0.0f);
        appendDropping(zeros.data(), static_cast<size_t>(frames));
    }

    // Fills a gap between the frame before and `f` with silence, and notes where `f` ends.
    void bridgeGap(const AVFrame* f) {
        const int64_t pts =
            f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
        const int64_t length = av_rescale(f->nb_samples, 1'000'000, f->sample_rate);
        if (pts == AV_NOPTS_VALUE) {
            if (decodedEndMicros) *decodedEndMicros += length;
            return;
        }
        const int64_t us = toMicros(pts, st->time_base) - startMicros;
        if (decodedEndMicros && us - *decodedEndMicros > kMinGapMicros) {
            const int64_t gap = std::min(us - *decodedEndMicros, kMaxLeadingSilenceMicros);
            appendSilence(av_rescale(gap, out.sampleRate, 1'000'000));
        }
        decodedEndMicros = us + length;
    }

    void appendDropping(const float* samples, size_t frames) {
        size_t skip =
            static_cast<size_t>(std::min<int64_t>(dropBefore, static_cast<int64_t>(frames)));
        dropBefore -= static_cast<int64_t>(skip);
        queuedEnd += static_cast<int64_t>(skip);  // dropped samples still pass on the timeline
        if (frames > skip)
            append(samples + skip * static_cast<size_t>(out.channels), frames - skip);
    }

    // Decodes and converts until at least `want` frames are queued or the stream ends.
    Status fill(size_t want) {
        while (queuedFrames() < want && !flushed) {
            int err = avcodec_receive_frame(dec.get(), frame.get());
            if (err >= 0) {
                if (frame->sample_rate <= 0) {
                    av_frame_unref(frame.get());
                    return Error::make(Error::Code::Media,
                                       quoted(file) + " has an audio stream with no sample rate");
                }
                if (!swr || frame->sample_rate != swrRate || frame->format != swrFormat ||
                    (frame->ch_layout.nb_channels > 0 &&
                     av_channel_layout_compare(&frame->ch_layout, &swrLayout.layout) != 0)) {
                    Status s = buildSwr(frame.get());
                    if (!s) {
                        av_frame_unref(frame.get());
                        return s;
                    }
                }
                if (!aligned) {
                    align(frame.get());
                    decodedEndMicros.reset();
                }
                bridgeGap(frame.get());
                convertFrame(frame.get());
                av_frame_unref(frame.get());
                continue;
            }
            if (err == AVERROR_EOF) {
                decoderEnded = true;
                if (swr) flushConverter();
                flushed = true;
                break;
            }
            if (err != AVERROR(EAGAIN)) {
                return mediaError(file, "has audio that cannot be decoded", err);
            }
            if (demuxEnded) {
                flushed = true;
                break;
            }
            err = av_read_frame(fmt.get(), pkt.get());
            if (err < 0) {
                demuxEnded = true;
                avcodec_send_packet(dec.get(), nullptr);
                continue;
            }
            if (pkt->stream_index == index) avcodec_send_packet(dec.get(), pkt.get());
            av_packet_unref(pkt.get());
        }
        return {};
    }

    void convertFrame(const AVFrame* f) {
        int cap = swr_get_out_samples(swr.get(), f->nb_samples);
        if (cap <= 0) return;
        std::vector<float>& buffer = scratch;
        buffer.resize(static_cast<size_t>(cap) * static_cast<size_t>(out.channels));
        uint8_t* dst[1] = {reinterpret_cast<uint8_t*>(buffer.data())};
        int got = swr_convert(swr.get(), dst, cap, const_cast<const uint8_t**>(f->extended_data),
                              f->nb_samples);
        if (got > 0) appendDropping(buffer.data(), static_cast<size_t>(got));
    }

    void flushConverter() {
        int cap = swr_get_out_samples(swr.get(), 0);
        if (cap <= 0) return;
        scratch.resize(static_cast<size_t>(cap) * static_cast<size_t>(out.channels));
        uint8_t* dst[1] = {reinterpret_cast<uint8_t*>(scratch.data())};
        int got = swr_convert(swr.get(), dst, cap, nullptr, 0);
        if (got > 0) appendDropping(scratch.data(), static_cast<size_t>(got));
    }

    std::vector<float> scratch;
};

AudioReader::AudioReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AudioReader::~AudioReader() = default;

Result<std::unique_ptr<AudioReader>> AudioReader::open(const fs::path& file,
                                                       AudioReaderOptions options) {
    if (options.format.sampleRate <= 0 || options.format.sampleRate > 768000 ||
        options.format.channels <= 0 || options.format.channels > 16) {
        return Error::invalid("unsupported output audio format");
    }
    LL_ASSIGN(FormatContextPtr fmt, openInput(file));
    LL_ASSIGN(int index, requireStream(fmt.get(), AVMEDIA_TYPE_AUDIO, options.streamIndex, file));
    AVStream* st = fmt->streams[index];
    if (st->codecpar->sample_rate <= 0) {
        return Error::make(Error::Code::Media,
                           quoted(file) + " has an audio stream with no sample rate");
    }
    keepOnlyStream(fmt.get(), index);
    LL_ASSIGN(CodecContextPtr dec, openDecoder(file, st, 1));
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    impl->st = st;
    impl->index = index;
    impl->out = options.format;
    impl->startMicros = containerStartMicros(fmt.get());
    impl->fmt = std::move(fmt);
    impl->dec = std::move(dec);
    return std::unique_ptr<AudioReader>(new AudioReader(std::move(impl)));
}

int AudioReader::streamIndex() const {
    return m_impl->index;
}
const AudioFormat& AudioReader::format() const {
    return m_impl->out;
}
int AudioReader::sourceSampleRate() const {
    return m_impl->st->codecpar->sample_rate;
}
int AudioReader::sourceChannels() const {
    return m_impl->st->codecpar->ch_layout.nb_channels;
}

MediaTime AudioReader::duration() const {
    int64_t d = m_impl->fmt->duration;
    return d == AV_NOPTS_VALUE || d < 0 ? MediaTime::zero() : MediaTime::fromMicros(d);
}

MediaTime AudioReader::position() const {
    return MediaTime::fromMicros(av_rescale(m_impl->nextFrame, 1'000'000, m_impl->out.sampleRate));
}

Result<size_t> AudioReader::read(std::span<float> out) {
    Impl& d = *m_impl;
    const auto channels = static_cast<size_t>(d.out.channels);
    const size_t want = out.size() / channels;
    LL_TRY(d.fill(want));
    const size_t n = std::min(want, d.queuedFrames());
    if (n > 0) {
        std::memcpy(out.data(), d.fifo.data() + d.fifoRead * channels,
                    n * channels * sizeof(float));
        d.fifoRead += n;
        d.nextFrame += static_cast<int64_t>(n);
        if (d.fifoRead * channels == d.fifo.size()) {
            d.fifo.clear();
            d.fifoRead = 0;
        }
    }
    return n;
}

Status AudioReader::seek(MediaTime t) {
    Impl& d = *m_impl;
    int64_t us = std::max<int64_t>(0, t.micros());
    int64_t target = av_rescale(us, d.out.sampleRate, 1'000'000);
    // Decoders need a little audio before the target to settle (AAC overlaps frames, Opus
    // declares a pre-roll); what comes before the target is dropped in align().
    int64_t prerollUs = std::max<int64_t>(
        kSeekPrerollMicros,
        d.st->codecpar->seek_preroll > 0 && d.st->codecpar->sample_rate > 0
            ? av_rescale(d.st->codecpar->seek_preroll, 1'000'000, d.st->codecpar->sample_rate)
            : 0);
    int64_t ts = av_rescale_q(std::max<int64_t>(0, us - prerollUs) + d.startMicros,
                              AVRational{1, 1'000'000}, d.st->time_base);
    int err = avformat_seek_file(d.fmt.get(), d.index, INT64_MIN, ts, ts, 0);
    if (err < 0) err = av_seek_frame(d.fmt.get(), d.index, ts, AVSEEK_FLAG_BACKWARD);
    if (err < 0) return mediaError(d.file, "cannot be searched (seek failed)", err);
    avcodec_flush_buffers(d.dec.get());
    d.swr.reset();
    d.swrRate = 0;
    d.swrFormat = -1;
    d.fifo.clear();
    d.fifoRead = 0;
    d.dropBefore = 0;
    d.aligned = false;
    d.demuxEnded = d.decoderEnded = d.flushed = false;
    // align() compares the first decoded frame with queuedEnd: anything before `target` is
    // dropped and a gap up to it is filled with silence.
    d.queuedEnd = target;
    d.nextFrame = target;
    return {};
}

Result<AudioExtractSummary> extractAudio(const fs::path& file, const AudioExtractOptions& options,
                                         const AudioBlockFn& onBlock) {
    AudioReaderOptions readerOptions;
    readerOptions.streamIndex = options.streamIndex;
    readerOptions.format = {options.sampleRate, 1};
    LL_ASSIGN(auto reader, AudioReader::open(file, readerOptions));
    std::vector<float> block(std::max<size_t>(1, options.blockSamples));
    AudioExtractSummary summary;
    summary.streamIndex = reader->streamIndex();
    summary.sampleRate = options.sampleRate;
    while (true) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            return Error::make(Error::Code::Cancelled, "audio extraction was stopped");
        }
        MediaTime start = reader->position();
        LL_ASSIGN(size_t n, reader->read(block));
        if (n == 0) break;
        std::span<const float> samples(block.data(), n);
        if (options.peaks) options.peaks->add(samples);
        if (onBlock) onBlock(samples, start);
        summary.samples += static_cast<int64_t>(n);
        if (n < block.size()) break;
    }
    if (options.peaks) options.peaks->finish();
    summary.duration =
        MediaTime::fromMicros(av_rescale(summary.samples, 1'000'000, options.sampleRate));
    return summary;
}

}  // namespace ll::media
