#pragma once
// Talk-time for a clip: decode its audio, analyse it, store the run; and read a stored result
// back with the reviewers' corrections applied and the metrics recomputed.

#include <atomic>
#include <functional>
#include <optional>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_metrics.h"
#include "analysis/talk_params.h"
#include "store/library.h"

namespace ll::jobs {

struct AnalyzeOptions {
    std::optional<MediaTime> teacherHint;  // a moment where the teacher speaks
    analysis::TalkParams params;
    int audioStream = -1;                  // -1: the clip's default audio stream
};

struct AnalyzeOutcome {
    store::AnalysisRun run;
    analysis::TalkResult result;
};

// Decodes the clip's audio once (computing the waveform peaks on the way), analyses it, and
// stores the run, its segments and the peaks in one transaction; a cancelled or failed analysis
// stores nothing. Runs on the calling thread; `progress` receives 0..1 from it.
Result<AnalyzeOutcome> analyzeClip(store::Library& library, const store::Clip& clip,
                                   const AnalyzeOptions& options,
                                   const std::atomic<bool>* cancel = nullptr,
                                   const std::function<void(float)>& progress = {});

struct TalkView {
    store::AnalysisRun run;
    std::vector<analysis::TalkSegment> automatic;  // as the run found them
    std::vector<analysis::TalkSegment> segments;   // corrections applied
    std::vector<store::SegmentCorrection> corrections;
    MediaTime duration;
    analysis::TalkMetrics metrics;                 // of `segments`
};

// The latest complete run of the clip with corrections applied; nullopt when never analysed.
Result<std::optional<TalkView>> loadTalk(store::Library& library, const store::Clip& clip);

// Conversions between the analysis and store forms of a segment.
analysis::TalkSegment toAnalysis(const store::TalkSegmentRow& row);
store::TalkSegmentRow toRow(const analysis::TalkSegment& segment);

}  // namespace ll::jobs
