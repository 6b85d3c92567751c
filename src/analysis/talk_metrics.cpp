#include "analysis/talk_metrics.h"

#include <algorithm>

namespace ll::analysis {

namespace {

size_t idx(TalkLabel l) {
    return static_cast<size_t>(l);
}

MediaTime median(std::vector<MediaTime> v) {
    if (v.empty()) return MediaTime::zero();
    std::sort(v.begin(), v.end());
    const size_t h = v.size() / 2;
    if (v.size() % 2) return v[h];
    return MediaTime::fromMicros((v[h - 1].micros() + v[h].micros()) / 2);
}

// Runs of `label` joined across silences shorter than `pause`; returns their [start, end).
std::vector<TimeRange> joinedRuns(std::span<const TalkSegment> s, TalkLabel label,
                                  MediaTime pause) {
    std::vector<TimeRange> runs;
    std::optional<TimeRange> cur;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i].label == label) {
            if (cur)
                cur->end = s[i].range.end;
            else
                cur = s[i].range;
        } else if (s[i].label == TalkLabel::Silence && cur && s[i].range.duration() < pause &&
                   i + 1 < s.size() && s[i + 1].label == label) {
            continue;  // a short pause inside the run
        } else if (cur) {
            runs.push_back(*cur);
            cur.reset();
        }
    }
    if (cur) runs.push_back(*cur);
    return runs;
}

}  // namespace

size_t minuteCount(MediaTime duration) {
    const int64_t minute = 60'000'000;
    const int64_t d = duration.micros();
    if (d <= 0) return 0;
    const int64_t whole = d / minute;
    // A recording's last few frames of audio padding would otherwise be a minute of their own,
    // an empty bar at the end of every chart; under a second is folded into the minute before.
    if (whole > 0 && d - whole * minute < kMinuteRemainderFolded.micros())
        return static_cast<size_t>(whole);
    return static_cast<size_t>((d + minute - 1) / minute);
}

bool isUnsure(const TalkSegment& segment) {
    return segment.label != TalkLabel::Silence && segment.confidence < kUnsureBelow;
}

TalkMetrics computeTalkMetrics(std::span<const TalkSegment> segments, MediaTime duration,
                               const TalkMetricsOptions& options) {
    TalkMetrics m;
    m.duration = duration;
    const int64_t minute = 60'000'000;
    const auto minutes = minuteCount(duration);
    m.perMinute.resize(minutes);
    for (size_t k = 0; k < minutes; ++k)
        m.perMinute[k].start = MediaTime::fromMicros(static_cast<int64_t>(k) * minute);
    for (const auto& s : segments) {
        const MediaTime a = std::max(s.range.start, MediaTime::zero());
        const MediaTime b = std::min(s.range.end, duration);
        if (b <= a) continue;
        if (isUnsure(s)) {
            ++m.unsureStretches;
            m.unsureLength += b - a;
        }
        m.labelTime[idx(s.label)] += b - a;
        for (auto k = std::min(static_cast<size_t>(a.micros() / minute), minutes - 1);
             k < minutes && static_cast<int64_t>(k) * minute < b.micros(); ++k) {
            const MediaTime ms = MediaTime::fromMicros(static_cast<int64_t>(k) * minute);
            // The last entry runs to the end: it may hold a folded remainder (minuteCount).
            const MediaTime me = k + 1 == minutes ? b : ms + MediaTime::fromMicros(minute);
            m.perMinute[k].labelTime[idx(s.label)] += std::min(b, me) - std::max(a, ms);
        }
    }
    if (duration > MediaTime::zero())
        for (size_t l = 0; l < kTalkLabelCount; ++l)
            m.labelShare[l] = static_cast<double>(m.labelTime[l].micros()) /
                              static_cast<double>(duration.micros());
    m.teacherMinutes = m.labelTime[idx(TalkLabel::Teacher)].seconds() / 60.0;
    m.studentMinutes = m.labelTime[idx(TalkLabel::Student)].seconds() / 60.0;

    // Exchanges and wait time 1: teacher, then only silence, then student (or several voices).
    // Wait time 2: student (or several voices), then only silence, then the teacher.
    std::vector<MediaTime> waits, replyWaits;
    auto answers = [](TalkLabel l) { return l == TalkLabel::Student || l == TalkLabel::Multiple; };
    for (size_t i = 0; i < segments.size(); ++i) {
        const TalkLabel from = segments[i].label;
        if (from != TalkLabel::Teacher && !answers(from)) continue;
        size_t j = i + 1;
        if (j < segments.size() && segments[j].label == from) continue;
        while (j < segments.size() && segments[j].label == TalkLabel::Silence) ++j;
        if (j >= segments.size()) break;
        const TalkLabel next = segments[j].label;
        const MediaTime wait = segments[j].range.start - segments[i].range.end;
        if (from == TalkLabel::Teacher) {
            if (next == TalkLabel::Student) ++m.exchanges;
            if (answers(next)) waits.push_back(wait);
        } else if (next == TalkLabel::Teacher) {
            replyWaits.push_back(wait);
        }
    }
    auto summarise = [&](const std::vector<MediaTime>& v) {
        WaitTime w;
        w.count = static_cast<int>(v.size());
        w.median = median(v);
        const auto n =
            std::count_if(v.begin(), v.end(), [&](MediaTime t) { return t >= options.longWait; });
        if (!v.empty()) w.longShare = static_cast<double>(n) / static_cast<double>(v.size());
        return w;
    };
    m.waitAfterTeacher = summarise(waits);
    m.waitAfterStudents = summarise(replyWaits);

    // Where several voices start and end (segments are sorted and do not overlap).
    std::vector<MediaTime> groupStarts, groupEnds;
    for (const auto& s : segments) {
        if (s.label != TalkLabel::Multiple) continue;
        groupStarts.push_back(s.range.start);
        groupEnds.push_back(s.range.end);
    }
    auto holds = [](const std::vector<MediaTime>& v, MediaTime t) {
        return std::binary_search(v.begin(), v.end(), t);
    };
    std::vector<MediaTime> lengths;
    for (const auto& r : joinedRuns(segments, TalkLabel::Student, options.studentTurnPause)) {
        if (r.duration() < options.groupEdge &&
            (holds(groupEnds, r.start) || holds(groupStarts, r.end)))
            continue;
        lengths.push_back(r.duration());
    }
    m.studentTurns = static_cast<int>(lengths.size());
    m.medianStudentTurn = median(lengths);
    for (const auto& r : joinedRuns(segments, TalkLabel::Teacher, options.teacherStretchPause))
        m.longestTeacherStretch = std::max(m.longestTeacherStretch, r.duration());
    return m;
}

std::vector<TalkSegment> mergeNeighbours(std::span<const TalkSegment> segments) {
    std::vector<TalkSegment> out;
    for (const auto& s : segments) {
        if (s.range.empty()) continue;
        if (!out.empty() && out.back().label == s.label && out.back().speaker == s.speaker &&
            out.back().range.end == s.range.start) {
            auto& b = out.back();
            const double la = static_cast<double>(b.range.duration().micros());
            const double lb = static_cast<double>(s.range.duration().micros());
            b.confidence = static_cast<float>((b.confidence * la + s.confidence * lb) / (la + lb));
            b.range.end = s.range.end;
        } else {
            out.push_back(s);
        }
    }
    return out;
}

int voiceAt(std::span<const TalkSegment> automatic, MediaTime t) {
    int voice = -1;
    for (const auto& s : automatic)
        if (s.range.contains(t) && s.speaker >= 0 &&
            (s.label == TalkLabel::Teacher || s.label == TalkLabel::Student))
            voice = s.speaker;
    return voice;
}

std::vector<TalkSegment> applyCorrections(std::span<const TalkSegment> segments,
                                          const TalkCorrections& corrections) {
    std::vector<TalkSegment> segs(segments.begin(), segments.end());
    int teacher = -1;
    for (const auto& s : segs)
        if (s.label == TalkLabel::Teacher && s.speaker >= 0) teacher = s.speaker;
    if (corrections.teacherAt) {
        const int chosen = voiceAt(segs, *corrections.teacherAt);
        if (chosen >= 0 && chosen != teacher) {
            for (auto& s : segs) {
                if (s.label != TalkLabel::Teacher && s.label != TalkLabel::Student) continue;
                if (s.speaker == chosen)
                    s.label = TalkLabel::Teacher;
                else if (s.label == TalkLabel::Teacher)
                    s.label = TalkLabel::Student;
            }
            teacher = chosen;
        }
    }
    for (auto r : corrections.relabels) {
        if (!segs.empty()) {  // corrections cannot extend the recording
            r.range.start = std::max(r.range.start, segs.front().range.start);
            r.range.end = std::min(r.range.end, segs.back().range.end);
        }
        if (r.range.empty()) continue;
        std::vector<TalkSegment> next;
        next.reserve(segs.size() + 2);
        bool inserted = false;
        TalkSegment fix{r.range, r.label, 1.0f, r.label == TalkLabel::Teacher ? teacher : -1};
        for (const auto& s : segs) {
            if (!s.range.overlaps(r.range)) {
                if (!inserted && s.range.start >= r.range.end) {
                    next.push_back(fix);
                    inserted = true;
                }
                next.push_back(s);
                continue;
            }
            if (s.range.start < r.range.start) {
                TalkSegment left = s;
                left.range.end = r.range.start;
                next.push_back(left);
            }
            if (!inserted) {
                next.push_back(fix);
                inserted = true;
            }
            if (s.range.end > r.range.end) {
                TalkSegment right = s;
                right.range.start = r.range.end;
                next.push_back(right);
            }
        }
        if (!inserted) next.push_back(fix);
        segs = std::move(next);
    }
    return mergeNeighbours(segs);
}

}  // namespace ll::analysis
