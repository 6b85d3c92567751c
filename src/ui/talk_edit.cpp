#include "ui/talk_edit.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace ll::ui {

int segmentAt(std::span<const analysis::TalkSegment> segments, MediaTime t) {
    if (segments.empty() || t < segments.front().range.start || t > segments.back().range.end)
        return -1;
    auto it = std::upper_bound(
        segments.begin(), segments.end(), t,
        [](MediaTime v, const analysis::TalkSegment& s) { return v < s.range.end; });
    if (it == segments.end()) return static_cast<int>(segments.size()) - 1;
    return static_cast<int>(it - segments.begin());
}

std::optional<TimeRange> followSelection(std::span<const analysis::TalkSegment> segments,
                                         const std::optional<TimeRange>& selection) {
    if (!selection) return std::nullopt;
    const int i = segmentAt(segments, middleOf(*selection));
    if (i < 0) return std::nullopt;
    return segments[static_cast<size_t>(i)].range;
}

std::optional<TalkRelabelEdit> moveBoundary(std::span<const analysis::TalkSegment> segments, int b,
                                            MediaTime to) {
    if (b < 1 || static_cast<size_t>(b) >= segments.size()) return std::nullopt;
    const MediaTime at = segments[static_cast<size_t>(b)].range.start;
    to = std::clamp(to, segments.front().range.start, segments.back().range.end);
    if (to == at) return std::nullopt;
    if (to > at) return TalkRelabelEdit{{at, to}, segments[static_cast<size_t>(b) - 1].label};
    return TalkRelabelEdit{{to, at}, segments[static_cast<size_t>(b)].label};
}

int nextUnsure(std::span<const analysis::TalkSegment> segments, MediaTime t, bool forward) {
    int found = -1;
    for (size_t i = 0; i < segments.size(); ++i) {
        if (!analysis::isUnsure(segments[i])) continue;
        const MediaTime start = segments[i].range.start;
        if (forward && start > t + 1_ms) return static_cast<int>(i);
        if (!forward && start + 1_ms < t) found = static_cast<int>(i);
    }
    return found;
}

int boundaryNear(std::span<const analysis::TalkSegment> segments, MediaTime t,
                 MediaTime tolerance) {
    if (segments.size() < 2) return -1;
    // Inner boundaries are the starts of segments 1..n-1, sorted.
    auto first = segments.begin() + 1;
    auto it = std::lower_bound(
        first, segments.end(), t,
        [](const analysis::TalkSegment& s, MediaTime v) { return s.range.start < v; });
    int best = -1;
    MediaTime bestDist = tolerance;
    for (auto c : {it - 1, it}) {
        if (c < first || c >= segments.end()) continue;
        MediaTime d = c->range.start > t ? c->range.start - t : t - c->range.start;
        if (d <= bestDist) {
            bestDist = d;
            best = static_cast<int>(c - segments.begin());
        }
    }
    return best;
}

const char* talkLabelName(analysis::TalkLabel label) {
    switch (label) {
        case analysis::TalkLabel::Teacher:
            return "Teacher";
        case analysis::TalkLabel::Student:
            return "Student";
        case analysis::TalkLabel::Multiple:
            return "Several voices";
        case analysis::TalkLabel::Silence:
            return "Silence";
    }
    return "Silence";
}

uint32_t talkLabelColor(analysis::TalkLabel label) {
    switch (label) {
        case analysis::TalkLabel::Teacher:
            return 0xe8a33d;
        case analysis::TalkLabel::Student:
            return 0x59a14f;
        case analysis::TalkLabel::Multiple:
            return 0xb07aa1;
        case analysis::TalkLabel::Silence:
            return 0x59626d;
    }
    return 0x59626d;
}

std::optional<analysis::TalkLabel> parseTalkLabelWord(std::string_view text) {
    std::string lower(text);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "several" || lower == "several voices" || lower == "group")
        return analysis::TalkLabel::Multiple;
    return analysis::parseTalkLabel(lower);
}

}  // namespace ll::ui
