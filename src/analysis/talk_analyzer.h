#pragma once
// The talk-time engine: 16 kHz mono samples in, a gap-free list of teacher / student / multiple /
// silence segments out, each with a confidence and (for single voices) a speaker cluster.

#include <atomic>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "analysis/feature_extractor.h"
#include "analysis/talk_label.h"
#include "analysis/talk_params.h"
#include "core/media_time.h"
#include "core/result.h"

namespace ll::analysis {

struct TalkSegment {
    TimeRange range;
    TalkLabel label = TalkLabel::Silence;
    float confidence = 0.0f;  // 0..1; about 0.5 means a toss-up
    int speaker = -1;         // speaker cluster for Teacher/Student segments, -1 otherwise
    bool operator==(const TalkSegment&) const = default;
};

// One voice found in the recording.
struct SpeakerSummary {
    MediaTime talk;           // single-voice talk attributed to it
    float medianPitchHz = 0;  // 0 when it had no voiced frames
    float pitchHops = 0;      // share of pitch jumps between voiced frames (babble is high)
};

struct TalkResult {
    std::string version;                                      // TalkParams::version
    std::vector<std::pair<std::string, std::string>> params;  // TalkParams::toKeyValues()
    MediaTime duration;                                       // of the analysed audio
    std::vector<TalkSegment> segments;     // sorted, contiguous, covering [0, duration)
    int teacherSpeaker = -1;               // cluster judged to be the teacher, -1 if nobody talked
    int speakerCount = 0;                  // clusters found
    std::vector<SpeakerSummary> speakers;  // indexed by cluster
};

// Owned by the analysis job's worker thread. Feed decoded audio with push() as it arrives
// (features are computed on the fly, 44 bytes per 10 ms kept), then call finish() once.
class TalkAnalyzer {
public:
    explicit TalkAnalyzer(TalkParams params = {});

    // 16 kHz mono samples, any block size.
    void push(std::span<const float> samples16k);
    // Optional, before the first push: the recording's length, when known (saves regrowing the
    // per-frame store as it streams in; the results are the same without it).
    void expectDuration(MediaTime duration);
    int64_t samplesSeen() const { return m_features.samplesSeen(); }

    // Runs the decisions over everything pushed. teacherHint: a time at which the teacher is
    // known to speak (settles which voice is the teacher). cancel: polled; when set, returns
    // Error::Code::Cancelled. progress: called with 0..1 from this thread.
    Result<TalkResult> finish(std::optional<MediaTime> teacherHint = std::nullopt,
                              const std::atomic<bool>* cancel = nullptr,
                              std::function<void(float)> progress = {});

private:
    TalkParams m_params;
    FeatureExtractor m_features;
    bool m_finished = false;
};

// The decision stage alone, over features already extracted (lets a caller re-run with other
// parameters or another teacher hint without decoding again). sampleCount sets the duration.
Result<TalkResult> analyzeTalk(std::span<const FrameFeatures> frames, int64_t sampleCount,
                               const TalkParams& params,
                               std::optional<MediaTime> teacherHint = std::nullopt,
                               const std::atomic<bool>* cancel = nullptr,
                               const std::function<void(float)>& progress = {});

// Convenience: the whole pipeline over one span.
Result<TalkResult> analyzeTalk(std::span<const float> samples16k, const TalkParams& params = {},
                               std::optional<MediaTime> teacherHint = std::nullopt);

// Frames [first, end) of the 10 ms grid as a time range, clipped to duration.
TimeRange frameRange(int64_t first, int64_t end, MediaTime duration);

}  // namespace ll::analysis
