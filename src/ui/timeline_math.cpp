#include "ui/timeline_math.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ll::ui {
namespace {

double maxMicrosPerPixel(const TimelineViewport& view, const TimelineLimits& limits) {
    double d = static_cast<double>(std::max<int64_t>(limits.duration.micros(), 1'000'000));
    return d / std::max(1.0f, view.width);
}
double minMicrosPerPixel(const TimelineLimits& limits) {
    double frame = static_cast<double>(std::max<int64_t>(limits.frameDuration.micros(), 1000));
    return frame / TimelineLimits::kPixelsPerFrameMax;
}

}  // namespace

void clampView(TimelineViewport& view, const TimelineLimits& limits) {
    view.microsPerPixel = std::clamp(view.microsPerPixel, minMicrosPerPixel(limits),
                                     std::max(minMicrosPerPixel(limits), maxMicrosPerPixel(view, limits)));
    MediaTime span = view.span();
    MediaTime latest = limits.duration - span;
    if (view.start > latest) view.start = latest;
    if (view.start < MediaTime::zero()) view.start = MediaTime::zero();
}

void fitAll(TimelineViewport& view, const TimelineLimits& limits) {
    view.start = MediaTime::zero();
    view.microsPerPixel = maxMicrosPerPixel(view, limits);
    clampView(view, limits);
}

void zoomAt(TimelineViewport& view, double factor, float anchorX, const TimelineLimits& limits) {
    if (factor <= 0) return;
    MediaTime anchor = view.xToTime(anchorX);
    view.microsPerPixel /= factor;
    clampView(view, limits);
    // Put the anchor time back under the cursor, then clamp the pan.
    view.start = anchor - MediaTime::fromMicros(static_cast<int64_t>(anchorX * view.microsPerPixel));
    clampView(view, limits);
}

void panBy(TimelineViewport& view, float dx, const TimelineLimits& limits) {
    view.start += MediaTime::fromMicros(static_cast<int64_t>(dx * view.microsPerPixel));
    clampView(view, limits);
}

void follow(TimelineViewport& view, MediaTime t, const TimelineLimits& limits) {
    if (t >= view.start && t < view.end()) return;
    // Page so the playhead lands a tenth in from the left.
    view.start = t - MediaTime::fromMicros(static_cast<int64_t>(view.width * 0.1 * view.microsPerPixel));
    clampView(view, limits);
}

MediaTime tickStep(double microsPerPixel, double minPixels) {
    static constexpr std::array<int64_t, 22> kSteps = {
        1'000,          10'000,        40'000,        100'000,       200'000,
        500'000,        1'000'000,     2'000'000,     5'000'000,     10'000'000,
        15'000'000,     30'000'000,    60'000'000,    120'000'000,   300'000'000,
        600'000'000,    900'000'000,   1'800'000'000, 3'600'000'000, 7'200'000'000,
        18'000'000'000, 36'000'000'000};
    double need = microsPerPixel * minPixels;
    for (int64_t s : kSteps)
        if (static_cast<double>(s) >= need) return MediaTime::fromMicros(s);
    return MediaTime::fromMicros(kSteps.back());
}

void cullAndFold(std::span<const TimelineItem> items, MediaTime longest, const TimelineViewport& view,
                 float minPixels, std::vector<DrawnSpan>& out) {
    out.clear();
    const MediaTime viewEnd = view.end();
    // Range items can start up to `longest` before the view and still reach into it; points
    // are drawn a few pixels wide, so look back by that much too.
    MediaTime pad = MediaTime::fromMicros(static_cast<int64_t>(minPixels * view.microsPerPixel));
    MediaTime from = view.start - longest - pad;
    auto first = std::lower_bound(items.begin(), items.end(), from,
                                  [](const TimelineItem& it, MediaTime t) { return it.start < t; });
    auto last = std::upper_bound(first, items.end(), viewEnd + pad,
                                 [](MediaTime t, const TimelineItem& it) { return t < it.start; });
    for (auto it = first; it != last; ++it) {
        bool isPoint = it->end <= it->start;
        if (!isPoint && it->end < view.start) continue;
        float x0 = view.timeToX(it->start);
        float x1 = isPoint ? x0 : view.timeToX(it->end);
        bool narrow = (x1 - x0) < minPixels;
        if (narrow && !out.empty()) {
            DrawnSpan& prev = out.back();
            bool prevNarrow = prev.count > 1 || (prev.x1 - prev.x0) < minPixels;
            // A narrow range looks like a point, so points and narrow ranges fold together;
            // otherwise every change of kind starts a new marker and a dense lesson draws
            // thousands of them (10,000 comments were 80,000 vertices a frame).
            if (prevNarrow && x0 - prev.x1 < minPixels) {
                prev.x1 = std::max(prev.x1, x1);
                if (prev.color != it->color) prev.color = kMixedColor;
                ++prev.count;
                continue;
            }
        }
        out.push_back({x0, x1, it->color, it->index, 1, isPoint, it->lane});
    }
}

std::optional<MediaTime> loopJump(TimeRange loop, MediaTime position, bool reverse, MediaTime frame) {
    if (loop.end <= loop.start) return std::nullopt;
    if (!reverse && position >= loop.end) return loop.start;
    if (reverse && position <= loop.start) return std::max(loop.start, loop.end - frame);
    return std::nullopt;
}

int assignLanes(std::span<TimelineItem> items, int maxLanes) {
    maxLanes = std::max(1, maxLanes);
    std::vector<MediaTime> laneEnd;  // when each lane in use frees up
    for (auto& it : items) {
        it.lane = 0;
        if (it.end <= it.start) continue;
        auto free = std::find_if(laneEnd.begin(), laneEnd.end(), [&](MediaTime e) { return e <= it.start; });
        if (free == laneEnd.end()) {
            if (static_cast<int>(laneEnd.size()) < maxLanes) {
                laneEnd.push_back(it.end);
                it.lane = static_cast<int>(laneEnd.size()) - 1;
                continue;
            }
            free = std::min_element(laneEnd.begin(), laneEnd.end());
        }
        *free = std::max(*free, it.end);
        it.lane = static_cast<int>(free - laneEnd.begin());
    }
    return std::max<int>(1, static_cast<int>(laneEnd.size()));
}

void cullByMajority(std::span<const TimelineItem> items, MediaTime longest, const TimelineViewport& view,
                    std::vector<DrawnSpan>& out) {
    out.clear();
    const MediaTime from = view.start - longest;
    auto first = std::lower_bound(items.begin(), items.end(), from,
                                  [](const TimelineItem& it, MediaTime t) { return it.start < t; });
    auto last = std::upper_bound(first, items.end(), view.end(),
                                 [](MediaTime t, const TimelineItem& it) { return t < it.start; });
    // The column being filled: how much of it each colour covers (a row has a handful).
    struct Cover {
        uint32_t color;
        float amount;
        int index;
    };
    std::vector<Cover> column;
    int col = -1;
    auto flush = [&] {
        if (column.empty()) return;
        const Cover& best = *std::max_element(column.begin(), column.end(),
                                              [](const Cover& a, const Cover& b) { return a.amount < b.amount; });
        const float x0 = static_cast<float>(col), x1 = x0 + 1;
        if (!out.empty() && out.back().x1 == x0 && out.back().color == best.color) {
            out.back().x1 = x1;
            ++out.back().count;
        } else {
            out.push_back({x0, x1, best.color, best.index, 1, false});
        }
        column.clear();
    };
    for (auto it = first; it != last; ++it) {
        float x0 = std::max(view.timeToX(it->start), 0.f);
        const float x1 = std::min(view.timeToX(it->end), view.width);
        while (x0 < x1) {
            const int c = static_cast<int>(x0);
            const float upto = std::min(x1, static_cast<float>(c + 1));
            if (c != col) {
                flush();
                col = c;
            }
            auto cover = std::find_if(column.begin(), column.end(), [&](const Cover& k) { return k.color == it->color; });
            if (cover == column.end()) column.push_back({it->color, upto - x0, it->index});
            else cover->amount += upto - x0;
            // A long item fills its whole columns at once: jump to its last column.
            if (upto < x1 && x1 - upto >= 1) {
                flush();
                const int lastCol = static_cast<int>(x1);
                const float full0 = upto, full1 = static_cast<float>(lastCol);
                if (full1 > full0) {
                    if (!out.empty() && out.back().x1 == full0 && out.back().color == it->color) out.back().x1 = full1;
                    else out.push_back({full0, full1, it->color, it->index, 1, false});
                }
                col = lastCol;
                x0 = full1;
                if (x0 < x1) column.push_back({it->color, x1 - x0, it->index});
                break;
            }
            x0 = upto;
        }
    }
    flush();
}

}  // namespace ll::ui
