#pragma once
// Reviewer edits of the talk-time strip, as pure arithmetic over the segments shown (sorted and
// contiguous, corrections applied): which segment is under a moment, and which Relabel
// correction a click or an edge drag stands for. The app stores the result through the
// analysis repository; nothing here touches the library or ImGui.
// Value functions; used on the UI thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_metrics.h"
#include "core/media_time.h"

namespace ll::ui {

// The middle of a range (what a picked segment is remembered by across corrections).
inline MediaTime middleOf(const TimeRange& r) {
    return MediaTime::fromMicros(r.start.micros() + r.duration().micros() / 2);
}

// The segment containing `t` ([start, end)), or the last one when `t` is its end; -1 when none.
int segmentAt(std::span<const analysis::TalkSegment> segments, MediaTime t);

// The picked segment once the segments have changed under it (a correction saved, undone or
// synced in, a new analysis): the one now under the middle of the old pick, so the strip's
// highlight, the talk panel and the label keys keep naming the same stretch; nullopt when
// nothing was picked or no segment is there any more.
std::optional<TimeRange> followSelection(std::span<const analysis::TalkSegment> segments,
                                         const std::optional<TimeRange>& selection);

// A Relabel correction: [range) is `label`.
struct TalkRelabelEdit {
    TimeRange range;
    analysis::TalkLabel label = analysis::TalkLabel::Silence;
    bool operator==(const TalkRelabelEdit&) const = default;
};

// Boundary `b` lies between segment b-1 and b (1 <= b < size). Moving it later grows segment
// b-1 over [old, to); moving it earlier grows segment b over [to, old). `to` is clamped to the
// segments' span. nullopt when `b` is not an inner boundary or the boundary stays put.
std::optional<TalkRelabelEdit> moveBoundary(std::span<const analysis::TalkSegment> segments, int b,
                                            MediaTime to);

// The inner boundary nearest `t` within `tolerance`; -1 when none.
int boundaryNear(std::span<const analysis::TalkSegment> segments, MediaTime t, MediaTime tolerance);

// The first unsure segment (analysis::isUnsure) starting after `t` (forward), or the last one
// starting before it; -1 when none. A millisecond's tolerance makes repeated jumps move on from
// where the last one landed.
int nextUnsure(std::span<const analysis::TalkSegment> segments, MediaTime t, bool forward);

// Display names used by the strip, the panel and the commands: "Teacher", "Student",
// "Several voices", "Silence".
const char* talkLabelName(analysis::TalkLabel label);
// The colour of a label on the strip and in the talk panel (0xRRGGBB), apart from reviewer colours.
uint32_t talkLabelColor(analysis::TalkLabel label);
// Accepts the stored spellings and the display words ("several" for multiple), any case.
std::optional<analysis::TalkLabel> parseTalkLabelWord(std::string_view text);

}  // namespace ll::ui
