#pragma once
// The arithmetic of the timeline, free of ImGui so it can be tested: the visible window (zoom,
// pan, anchoring), the ruler's tick step, and culling plus folding of items to what a frame
// draws (Tracy's approach: binary search to the visible span, runs narrower than a few pixels
// fold into one drawn item).
// Value types; used on the UI thread.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/media_time.h"

namespace ll::ui {

struct TimelineViewport {
    MediaTime start;               // the time at x = 0
    double microsPerPixel = 1e4;   // zoom: larger shows more
    float width = 1;               // pixels

    MediaTime end() const { return start + MediaTime::fromMicros(static_cast<int64_t>(width * microsPerPixel)); }
    MediaTime span() const { return end() - start; }
    float timeToX(MediaTime t) const {
        return static_cast<float>(static_cast<double>((t - start).micros()) / microsPerPixel);
    }
    MediaTime xToTime(float x) const {
        return start + MediaTime::fromMicros(static_cast<int64_t>(static_cast<double>(x) * microsPerPixel));
    }
};

// Limits of zoom and pan for a clip.
struct TimelineLimits {
    MediaTime duration;       // the clip
    MediaTime frameDuration;  // the finest zoom shows one frame across kPixelsPerFrameMax
    static constexpr double kPixelsPerFrameMax = 80;
};

// Shows the whole clip.
void fitAll(TimelineViewport& view, const TimelineLimits& limits);
// Zooms by `factor` (> 1 zooms in) keeping the time under `anchorX` where it is.
void zoomAt(TimelineViewport& view, double factor, float anchorX, const TimelineLimits& limits);
// Moves the view by `dx` pixels (positive shows later times).
void panBy(TimelineViewport& view, float dx, const TimelineLimits& limits);
// Keeps `t` visible, paging when it leaves the view (used while playing).
void follow(TimelineViewport& view, MediaTime t, const TimelineLimits& limits);
void clampView(TimelineViewport& view, const TimelineLimits& limits);

// Looping a stretch (a range comment, or the I/O marks) while it plays: where the playhead goes
// next. Playing forward it goes back to `loop.start` once it reaches `loop.end`; backwards, to the
// last frame (`loop.end - frame`) once it reaches `loop.start`. Nothing while inside, nor while
// it plays towards the stretch from outside it.
std::optional<MediaTime> loopJump(TimeRange loop, MediaTime position, bool reverse, MediaTime frame);

// A "nice" ruler step (1-2-5 series of frames, seconds, minutes) so ticks are at least
// `minPixels` apart.
MediaTime tickStep(double microsPerPixel, double minPixels);

// Something on a timeline row: a point (end == start) or a range [start, end).
struct TimelineItem {
    MediaTime start;
    MediaTime end;
    uint32_t color = 0;  // 0xRRGGBB
    int index = 0;       // back into the caller's data
    int lane = 0;        // the sub-row a range sits in, so overlapping ranges stay apart (assignLanes)
};

// What one frame draws for a row: pixel extent, colour, and how many items it stands for.
struct DrawnSpan {
    float x0 = 0, x1 = 0;
    uint32_t color = 0;
    int firstIndex = 0;
    int count = 1;          // > 1: a fold of several items
    bool isPoint = false;
    int lane = 0;           // the item's lane (a fold is drawn across all lanes)
};

inline constexpr uint32_t kMixedColor = 0x9aa0a6;  // a fold of items of several colours

// Packs the ranges of `items` (sorted by start) into lanes so that two ranges that overlap in
// time never share one: each range takes the lowest lane that is free when it starts (a coach's
// 40-second question over a 2-minute stretch another coach marked stays visible). Past
// `maxLanes`, a range shares the lane that frees up first. Points keep lane 0: they are drawn
// across the whole row. Returns how many lanes are in use (at least 1).
int assignLanes(std::span<TimelineItem> items, int maxLanes);

// `items` sorted by start; `longest` is the longest item's length (for range items that begin
// before the view and reach into it). Appends to `out` (cleared first) without scanning items
// outside the view.
void cullAndFold(std::span<const TimelineItem> items, MediaTime longest, const TimelineViewport& view,
                 float minPixels, std::vector<DrawnSpan>& out);

// For a row whose items tile time (talk segments): each pixel column takes the colour that
// covers most of it, and neighbouring columns of one colour join into one span. A whole lesson
// of short segments then still reads as who talked when, never as one grey fold. Columns no
// item covers stay empty. Cost: the visible items plus the visible columns.
void cullByMajority(std::span<const TimelineItem> items, MediaTime longest, const TimelineViewport& view,
                    std::vector<DrawnSpan>& out);

}  // namespace ll::ui
