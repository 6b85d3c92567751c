#pragma once
// Decodes every audio and video stream of a file end to end and says whether it is whole:
// frames per stream, decode errors with their times, timestamp gaps, and whether the file ends
// before its declared duration (a copy that stopped early, a recording that crashed).
// Runs on the calling thread (a job or the CLI).

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/media_time.h"
#include "core/result.h"
#include "media/probe.h"

namespace ll::media {

struct StreamCheck {
    int index = -1;
    StreamType type = StreamType::Other;
    std::string codec;
    int64_t packets = 0;
    int64_t frames = 0;        // video frames, or audio frames (blocks of samples) decoded
    int64_t samples = 0;       // audio samples per channel decoded
    int64_t decodeErrors = 0;  // packets the decoder rejected plus frames it flagged corrupt
    MediaTime start;           // first decoded timestamp, relative to the container's start
    MediaTime end;             // end of the last decoded frame
    MediaTime declaredDuration;
};

struct DecodeProblem {
    int streamIndex = -1;
    MediaTime time;
    std::string message;
};

struct TimestampGap {
    int streamIndex = -1;
    MediaTime from;  // where the stream's previous frame ended
    MediaTime to;    // where the next frame started
};

struct CheckReport {
    MediaTime declaredDuration;  // the container's, zero when unknown
    MediaTime decodedDuration;   // the latest end over all streams
    std::vector<StreamCheck> streams;
    std::vector<DecodeProblem> problems;  // at most kMaxProblems kept; counts stay exact
    std::vector<TimestampGap> gaps;
    bool cutShort = false;   // decoding stopped well before the declared duration
    bool readError = false;  // the container could not be read to its end
    std::string readErrorDetail;

    static constexpr size_t kMaxProblems = 100;
    int64_t decodeErrorCount() const;
    bool damaged() const {
        return cutShort || readError || decodeErrorCount() > 0 || !gaps.empty();
    }
    // One sentence for a teacher: "The file is complete." / "The file ends early at 1:23.000 ..."
    std::string summary() const;
};

struct CheckOptions {
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double)> progress;  // 0..1, from the read position
    // Gaps shorter than this are jitter, not missing media.
    MediaTime gapThreshold = MediaTime::fromMillis(500);
    // Decoding may end this much before the declared duration without counting as cut short
    // (encoder delay, the last frame's duration).
    MediaTime cutShortTolerance = kEndsEarlyTolerance;
};

// Errors only when the file cannot be opened at all; damage is reported in the CheckReport.
Result<CheckReport> checkMedia(const std::filesystem::path& file, const CheckOptions& options = {});

}  // namespace ll::media
