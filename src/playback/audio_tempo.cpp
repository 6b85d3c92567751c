#include "playback/audio_tempo.h"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace ll::playback {
namespace {

struct GraphDeleter {
    void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct InOutDeleter {
    void operator()(AVFilterInOut* io) const { avfilter_inout_free(&io); }
};
using GraphPtr = std::unique_ptr<AVFilterGraph, GraphDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using InOutPtr = std::unique_ptr<AVFilterInOut, InOutDeleter>;

std::string avError(int err) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, text, sizeof text);
    return text;
}

Error filterError(const char* what, int err) {
    return Error::make(Error::Code::Media, std::string("the sound cannot be played at this speed (") + what + ")",
                       avError(err));
}

// One atempo stage sounds best within 0.5..2 (FFmpeg's documentation suggests chaining beyond):
// 4x becomes 2 * 2, 0.25x becomes 0.5 * 0.5.
std::string tempoChain(double speed) {
    std::string chain;
    auto stage = [&](double f) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%satempo=%.6f", chain.empty() ? "" : ",", f);
        chain += buf;
    };
    while (speed > 2.0 + 1e-9) {
        stage(2.0);
        speed /= 2.0;
    }
    while (speed < 0.5 - 1e-9) {
        stage(0.5);
        speed /= 0.5;
    }
    stage(speed);
    return chain;
}

}  // namespace

struct AudioTempo::Impl {
    GraphPtr graph;
    AVFilterContext* source = nullptr;  // owned by graph
    AVFilterContext* sink = nullptr;    // owned by graph
    FramePtr output{av_frame_alloc()};
    int sampleRate = 0;
    int channels = 0;
    int64_t pts = 0;  // in samples of the input
};

Result<std::unique_ptr<AudioTempo>> AudioTempo::create(int sampleRate, int channels, double speed) {
    if (sampleRate <= 0 || channels <= 0 || channels > 8)
        return Error::invalid("the sound format is not one LessonLens can play");
    if (!(speed >= 0.25 && speed <= 4.0)) return Error::invalid("the speed must be between 0.25 and 4");
    auto impl = std::make_unique<Impl>();
    impl->graph.reset(avfilter_graph_alloc());
    if (!impl->graph || !impl->output) return Error::make(Error::Code::Media, "out of memory for the sound filter");
    impl->sampleRate = sampleRate;
    impl->channels = channels;
    // The filter runs on the feeder thread alone; no worker threads of its own.
    impl->graph->nb_threads = 1;

    AVChannelLayout layout{};
    av_channel_layout_default(&layout, channels);
    char layoutName[64] = {};
    av_channel_layout_describe(&layout, layoutName, sizeof layoutName);
    av_channel_layout_uninit(&layout);
    char args[256];
    std::snprintf(args, sizeof args, "time_base=1/%d:sample_rate=%d:sample_fmt=flt:channel_layout=%s", sampleRate,
                  sampleRate, layoutName);
    int err = avfilter_graph_create_filter(&impl->source, avfilter_get_by_name("abuffer"), "in", args, nullptr,
                                           impl->graph.get());
    if (err < 0) return filterError("abuffer", err);
    err = avfilter_graph_create_filter(&impl->sink, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                       impl->graph.get());
    if (err < 0) return filterError("abuffersink", err);

    // The parsed chain's open input is fed by "in"; its open output feeds "out".
    InOutPtr outputs(avfilter_inout_alloc());
    InOutPtr inputs(avfilter_inout_alloc());
    if (!outputs || !inputs) return Error::make(Error::Code::Media, "out of memory for the sound filter");
    outputs->name = av_strdup("in");
    outputs->filter_ctx = impl->source;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = impl->sink;
    // Interleaved float out, whatever format negotiation would otherwise pick.
    std::string chain = tempoChain(speed) + ",aformat=sample_fmts=flt:channel_layouts=" + layoutName;
    AVFilterInOut* in = inputs.release();
    AVFilterInOut* out = outputs.release();
    err = avfilter_graph_parse_ptr(impl->graph.get(), chain.c_str(), &in, &out, nullptr);
    avfilter_inout_free(&in);
    avfilter_inout_free(&out);
    if (err < 0) return filterError("atempo", err);
    err = avfilter_graph_config(impl->graph.get(), nullptr);
    if (err < 0) return filterError("graph", err);
    return std::unique_ptr<AudioTempo>(new AudioTempo(std::move(impl), speed));
}

AudioTempo::AudioTempo(std::unique_ptr<Impl> impl, double speed) : m_impl(std::move(impl)), m_speed(speed) {}
AudioTempo::~AudioTempo() = default;

Status AudioTempo::push(std::span<const float> frames, std::vector<float>& out) {
    const auto channels = static_cast<size_t>(m_impl->channels);
    const size_t count = frames.size() / channels;
    if (count == 0) return {};
    FramePtr f(av_frame_alloc());
    if (!f) return Error::make(Error::Code::Media, "out of memory for the sound filter");
    f->format = AV_SAMPLE_FMT_FLT;
    f->sample_rate = m_impl->sampleRate;
    f->nb_samples = static_cast<int>(count);
    av_channel_layout_default(&f->ch_layout, m_impl->channels);
    f->pts = m_impl->pts;
    int err = av_frame_get_buffer(f.get(), 0);
    if (err < 0) return filterError("buffer", err);
    std::memcpy(f->data[0], frames.data(), count * channels * sizeof(float));
    m_impl->pts += static_cast<int64_t>(count);
    err = av_buffersrc_add_frame_flags(m_impl->source, f.get(), 0);
    if (err < 0) return filterError("input", err);
    return drain(out);
}

Status AudioTempo::finish(std::vector<float>& out) {
    int err = av_buffersrc_add_frame_flags(m_impl->source, nullptr, 0);
    if (err < 0 && err != AVERROR_EOF) return filterError("end", err);
    return drain(out);
}

Status AudioTempo::drain(std::vector<float>& out) {
    AVFrame* f = m_impl->output.get();
    for (;;) {
        int err = av_buffersink_get_frame(m_impl->sink, f);
        if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return {};
        if (err < 0) return filterError("output", err);
        const size_t n = static_cast<size_t>(f->nb_samples) * static_cast<size_t>(m_impl->channels);
        const auto* data = reinterpret_cast<const float*>(f->data[0]);
        out.insert(out.end(), data, data + n);
        av_frame_unref(f);
    }
}

}  // namespace ll::playback
