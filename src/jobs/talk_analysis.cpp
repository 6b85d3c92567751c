#include "jobs/talk_analysis.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <system_error>

#include "core/time_text.h"
#include "jobs/clip_import.h"
#include "media/audio_reader.h"
#include "media/peak_pyramid.h"

namespace ll::jobs {

analysis::TalkSegment toAnalysis(const store::TalkSegmentRow& row) {
    analysis::TalkSegment s;
    s.range = row.range;
    s.label = analysis::parseTalkLabel(row.label).value_or(analysis::TalkLabel::Silence);
    s.confidence = row.confidence;
    s.speaker = row.speaker;
    return s;
}

store::TalkSegmentRow toRow(const analysis::TalkSegment& s) {
    return {s.range, std::string(analysis::toString(s.label)), s.confidence, s.speaker};
}

Result<AnalyzeOutcome> analyzeClip(store::Library& library, const store::Clip& clip,
                                   const AnalyzeOptions& options, const std::atomic<bool>* cancel,
                                   const std::function<void(float)>& progress) {
    LL_TRY(recordingOf(clip));
    // Decoding is most of the work; the decisions after it take the last part of the bar.
    constexpr float kDecodeShare = 0.85f;
    const double total = clip.duration > MediaTime::zero() ? clip.duration.seconds() : 0.0;
    auto report = [&](float p) {
        if (progress) progress(std::clamp(p, 0.0f, 1.0f));
    };

    analysis::TalkAnalyzer analyzer(options.params);
    analyzer.expectDuration(clip.duration);
    media::PeakPyramid peaks;
    media::AudioExtractOptions extract;
    extract.streamIndex = options.audioStream;
    extract.sampleRate = 16000;
    extract.peaks = &peaks;
    extract.cancel = cancel;
    report(0);
    auto summary = media::extractAudio(
        clip.path, extract, [&](std::span<const float> block, MediaTime start) {
            analyzer.push(block);
            if (total > 0) report(kDecodeShare * static_cast<float>(start.seconds() / total));
        });
    if (!summary) return summary.takeError();
    if (summary->samples == 0) {
        return Error::make(Error::Code::Media, "\"" + clip.title + "\" has no sound to analyse");
    }
    LL_ASSIGN(analysis::TalkResult result,
              analyzer.finish(options.teacherHint, cancel, [&](float p) {
                  report(kDecodeShare + (1 - kDecodeShare) * p);
              }));

    nlohmann::json params = nlohmann::json::object();
    for (const auto& [key, value] : result.params) params[key] = value;
    if (options.teacherHint) params["teacher_hint_s"] = formatSeconds(*options.teacherHint);
    params["audio_stream"] = summary->streamIndex;

    std::vector<store::TalkSegmentRow> rows;
    rows.reserve(result.segments.size());
    for (const auto& s : result.segments) rows.push_back(toRow(s));
    const std::vector<uint8_t> blob = peaks.serialize();

    AnalyzeOutcome out;
    Status st = library.write([&]() -> Status {
        LL_ASSIGN(out.run, library.analyses().startRun(clip.id, "talk", result.version,
                                                       params.dump()));
        LL_TRY(library.analyses().saveSegments(out.run.id, rows));
        LL_TRY(library.analyses().savePeaks(clip.id, blob));
        LL_TRY(library.analyses().finishRun(out.run.id, store::AnalysisRun::Status::Complete));
        return {};
    });
    if (!st) return st.takeError();
    out.run.status = store::AnalysisRun::Status::Complete;
    out.result = std::move(result);
    report(1);
    return out;
}

Result<std::optional<TalkView>> loadTalk(store::Library& library, const store::Clip& clip) {
    LL_ASSIGN(auto run, library.analyses().latestCompleteRun(clip.id));
    if (!run) return std::optional<TalkView>();
    TalkView view;
    view.run = *run;
    LL_ASSIGN(auto rows, library.analyses().segments(run->id));
    for (const auto& r : rows) view.automatic.push_back(toAnalysis(r));
    view.duration = view.automatic.empty() ? clip.duration : view.automatic.back().range.end;
    LL_ASSIGN(view.corrections, library.analyses().corrections(clip.id));

    analysis::TalkCorrections corrections;
    for (const auto& c : view.corrections) {
        if (c.kind == store::SegmentCorrection::Kind::TeacherAt) {
            corrections.teacherAt = c.range.start;  // the latest hint wins
        } else if (auto label = analysis::parseTalkLabel(c.label)) {
            TimeRange range{c.range.start, std::min(c.range.end, view.duration)};
            if (!range.empty()) corrections.relabels.push_back({range, *label});
        }
    }
    view.segments = analysis::applyCorrections(view.automatic, corrections);
    view.metrics = analysis::computeTalkMetrics(view.segments, view.duration);
    return std::optional<TalkView>(std::move(view));
}

}  // namespace ll::jobs
