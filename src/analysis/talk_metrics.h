#pragma once
// What coaches read from talk segments (TALK_TIME_NOTES.md), and reviewer corrections applied
// to automatic segments. Pure functions over sorted, contiguous segments.

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_label.h"
#include "core/media_time.h"

namespace ll::analysis {

struct TalkMetricsOptions {
    // Teacher talk separated only by silence shorter than this is one uninterrupted stretch.
    MediaTime teacherStretchPause = MediaTime::fromMillis(2000);
    // Student talk separated only by silence shorter than this is one student turn.
    MediaTime studentTurnPause = MediaTime::fromMillis(1000);
    // Student talk shorter than this that runs straight into or out of several voices (no
    // silence between) is the edge of the group's talk, not a turn: the first voice of a chorus
    // or of group work, or the last to stop. (Exact 10 ms truth has a dozen of these a recitation
    // lesson; counted as turns, they halved the median turn. See scripts/lesson_sim/REPORT.md.)
    MediaTime groupEdge = MediaTime::fromMillis(500);
    // A wait of at least this long counts as a long wait (Rowe: 3 s changes answers).
    MediaTime longWait = MediaTime::fromMillis(3000);
};

struct MinuteBreakdown {
    MediaTime start;                                     // minute start
    std::array<MediaTime, kTalkLabelCount> labelTime{};  // indexed by TalkLabel
};

// Talk the analysis is unsure of: a teacher, student or several-voices segment whose confidence
// is below this (a reviewer's correction has confidence 1). On eight measured-once simulated sets
// (talk-v9, 96 lessons) it is 7-24 % of the talk, holds 24-42 % of all wrongly labelled moments,
// and is wrong 2-11 times as often as the other talk (scripts/lesson_sim/REPORT.md). Silence is
// left out: its confidence tells real pauses from missed talk too weakly to be worth a look.
inline constexpr float kUnsureBelow = 0.75f;
bool isUnsure(const TalkSegment& segment);

// Entries in TalkMetrics::perMinute: one per started minute, except that a last part shorter
// than kMinuteRemainderFolded (a file's trailing audio padding) counts in the minute before.
inline constexpr MediaTime kMinuteRemainderFolded = MediaTime::fromMicros(1'000'000);
size_t minuteCount(MediaTime duration);

// The pauses of one kind between two speakers' talk (Rowe's wait times).
struct WaitTime {
    int count = 0;         // pauses measured
    MediaTime median;      // their median length (zero with none)
    double longShare = 0;  // share of them >= TalkMetricsOptions::longWait
};

struct TalkMetrics {
    MediaTime duration;
    std::array<MediaTime, kTalkLabelCount> labelTime{};  // indexed by TalkLabel
    std::array<double, kTalkLabelCount> labelShare{};    // 0..1 of duration
    double teacherMinutes = 0;
    double studentMinutes = 0;
    int exchanges = 0;  // teacher talk followed (after silence only) by student talk
    int studentTurns = 0;
    MediaTime medianStudentTurn;
    // Rowe's wait time 1: teacher talk followed, after silence only, by student or multiple.
    WaitTime waitAfterTeacher;
    // Rowe's wait time 2: student or multiple talk followed, after silence only, by the teacher.
    WaitTime waitAfterStudents;
    MediaTime longestTeacherStretch;
    std::vector<MinuteBreakdown> perMinute;  // minuteCount(duration) entries
    int unsureStretches = 0;                 // segments isUnsure() holds
    MediaTime unsureLength;                  // their total length
};

TalkMetrics computeTalkMetrics(std::span<const TalkSegment> segments, MediaTime duration,
                               const TalkMetricsOptions& options = {});

// A reviewer's corrections, kept apart from the automatic segments (see ARCHITECTURE.md).
struct TalkRelabel {
    TimeRange range;  // [start, end)
    TalkLabel label;
};
struct TalkCorrections {
    std::optional<MediaTime>
        teacherAt;                      // "the teacher speaks at T": that voice becomes the teacher
    std::vector<TalkRelabel> relabels;  // applied in order, later ones win
};

// The speaker cluster of the one voice the analysis heard at `t` (a teacher or student segment
// with a speaker), or -1 when there is none: silence, several voices, or a relabelled stretch.
// A "this voice is the teacher" correction needs such a moment.
int voiceAt(std::span<const TalkSegment> automatic, MediaTime t);

// Applies teacherAt first (re-attributing whole speaker clusters), then each relabel (confidence
// 1, speaker the teacher's cluster for Teacher, -1 otherwise), and merges equal neighbours.
std::vector<TalkSegment> applyCorrections(std::span<const TalkSegment> segments,
                                          const TalkCorrections& corrections);

// Merges adjacent segments with the same label and speaker (confidence length-weighted).
std::vector<TalkSegment> mergeNeighbours(std::span<const TalkSegment> segments);

}  // namespace ll::analysis
