#include <gtest/gtest.h>

#include "ui/timeline_math.h"

namespace ll::ui {
namespace {

const TimelineLimits kHour{3600_s, 40_ms};

TimelineViewport fitted(float width = 1000) {
    TimelineViewport v;
    v.width = width;
    fitAll(v, kHour);
    return v;
}

TEST(ui_TimelineMath, FitShowsTheWholeClip) {
    auto v = fitted();
    EXPECT_EQ(v.start, MediaTime::zero());
    EXPECT_NEAR(static_cast<double>(v.end().micros()), 3600e6, 1e3);
    EXPECT_NEAR(v.timeToX(1800_s), 500.f, 0.01f);
    EXPECT_EQ(v.xToTime(250.f), 900_s);
}

TEST(ui_TimelineMath, ZoomKeepsTheTimeUnderTheCursorInPlace) {
    auto v = fitted();
    MediaTime under = v.xToTime(300.f);
    zoomAt(v, 4.0, 300.f, kHour);
    EXPECT_NEAR(static_cast<double>(v.span().micros()), 900e6, 1e3);
    EXPECT_NEAR(static_cast<double>(v.xToTime(300.f).micros()), static_cast<double>(under.micros()), 1e3);
    zoomAt(v, 0.25, 300.f, kHour);
    EXPECT_EQ(v.start, MediaTime::zero());
}

TEST(ui_TimelineMath, ZoomStopsAtSingleFramesAndAtTheWholeClip) {
    auto v = fitted();
    for (int i = 0; i < 100; ++i) zoomAt(v, 2.0, 500.f, kHour);
    // One 40 ms frame spans kPixelsPerFrameMax pixels at the finest zoom.
    EXPECT_NEAR(40'000.0 / v.microsPerPixel, TimelineLimits::kPixelsPerFrameMax, 1e-6);
    for (int i = 0; i < 100; ++i) zoomAt(v, 0.5, 500.f, kHour);
    EXPECT_EQ(v.start, MediaTime::zero());
    EXPECT_NEAR(static_cast<double>(v.span().micros()), 3600e6, 1e3);
}

TEST(ui_TimelineMath, PanIsClampedToTheClip) {
    auto v = fitted();
    zoomAt(v, 10.0, 0.f, kHour);
    panBy(v, -500.f, kHour);
    EXPECT_EQ(v.start, MediaTime::zero());
    panBy(v, 1e9f, kHour);
    EXPECT_NEAR(static_cast<double>(v.end().micros()), 3600e6, 1e4);
}

TEST(ui_TimelineMath, FollowPagesWhenThePlayheadLeavesTheView) {
    auto v = fitted();
    zoomAt(v, 60.0, 0.f, kHour);  // one minute
    follow(v, 30_s, kHour);
    EXPECT_EQ(v.start, MediaTime::zero());
    follow(v, 600_s, kHour);
    EXPECT_LT(v.start, 600_s);
    EXPECT_GT(v.end(), 600_s);
}

TEST(ui_TimelineMath, TickStepIsANiceValueAtLeastTheMinimumApart) {
    EXPECT_EQ(tickStep(1e4, 90), 1_s);            // 10 ms a pixel, ticks 900 ms apart at least
    EXPECT_EQ(tickStep(3.6e6, 90), 600_s);        // an hour in 1000 px
    EXPECT_EQ(tickStep(500, 90), 100_ms);         // near single frames
    MediaTime step = tickStep(12345, 80);
    EXPECT_GE(static_cast<double>(step.micros()), 12345.0 * 80);
}

std::vector<TimelineItem> points(int count, MediaTime every, uint32_t color = 0xff0000) {
    std::vector<TimelineItem> items;
    for (int i = 0; i < count; ++i) {
        MediaTime t = MediaTime::fromMicros(every.micros() * i);
        items.push_back({t, t, color, i});
    }
    return items;
}

TEST(ui_TimelineMath, CullKeepsOnlyItemsInTheVisibleSpan) {
    auto items = points(3600, 1_s);
    TimelineViewport v;
    v.width = 1000;
    v.start = 100_s;
    v.microsPerPixel = 10'000;  // 10 s visible, points 100 px apart
    std::vector<DrawnSpan> out;
    cullAndFold(items, MediaTime::zero(), v, 3.f, out);
    ASSERT_GE(out.size(), 10u);
    ASSERT_LE(out.size(), 12u);  // a point a few pixels outside may be drawn partly
    for (const auto& d : out) {
        EXPECT_GE(d.x0, -4.f);
        EXPECT_LE(d.x0, 1004.f);
        EXPECT_EQ(d.count, 1);
    }
    EXPECT_EQ(out.front().firstIndex, 100);
}

TEST(ui_TimelineMath, NarrowItemsFoldIntoOneDrawnItemWithACount) {
    // 10,000 comments in an hour, 1000 px: many per pixel.
    auto items = points(10'000, 360_ms);
    auto v = fitted();
    std::vector<DrawnSpan> out;
    cullAndFold(items, MediaTime::zero(), v, 3.f, out);
    EXPECT_LT(out.size(), 400u);
    int total = 0;
    for (const auto& d : out) total += d.count;
    EXPECT_EQ(total, 10'000);
}

TEST(ui_TimelineMath, NarrowRangesFoldWithPoints) {
    // Every tenth comment a short range, as in a real review: they still fold with the points.
    auto items = points(10'000, 360_ms);
    for (size_t i = 4; i < items.size(); i += 10) items[i].end = items[i].start + 2_s;
    auto v = fitted();
    std::vector<DrawnSpan> out;
    cullAndFold(items, 2_s, v, 3.f, out);
    EXPECT_LT(out.size(), 400u);
    int total = 0;
    for (const auto& d : out) total += d.count;
    EXPECT_EQ(total, 10'000);
}

TEST(ui_TimelineMath, FoldsOfMixedColoursAreNeutral) {
    std::vector<TimelineItem> items = {{1_s, 1_s, 0xff0000, 0}, {MediaTime::fromMillis(1001), MediaTime::fromMillis(1001), 0x00ff00, 1}};
    auto v = fitted();
    std::vector<DrawnSpan> out;
    cullAndFold(items, MediaTime::zero(), v, 3.f, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].count, 2);
    EXPECT_EQ(out[0].color, kMixedColor);
}

TEST(ui_TimelineMath, RangeStartingBeforeTheViewIsStillDrawn) {
    std::vector<TimelineItem> items = {{10_s, 200_s, 0x0000ff, 0}, {300_s, 301_s, 0x0000ff, 1}};
    TimelineViewport v;
    v.width = 1000;
    v.start = 100_s;
    v.microsPerPixel = 50'000;  // 50 s visible
    std::vector<DrawnSpan> out;
    cullAndFold(items, 190_s, v, 3.f, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].firstIndex, 0);
    EXPECT_LT(out[0].x0, 0.f);
    EXPECT_FALSE(out[0].isPoint);
}

// Talk segments that tile time: `pattern` repeated from 0 to `until`, as (label colour, length).
std::vector<TimelineItem> tiled(const std::vector<std::pair<uint32_t, MediaTime>>& pattern, MediaTime until) {
    std::vector<TimelineItem> items;
    MediaTime t;
    while (t < until) {
        for (const auto& [color, len] : pattern) {
            items.push_back({t, t + len, color, static_cast<int>(items.size())});
            t += len;
        }
    }
    return items;
}

TEST(ui_TimelineMath, AWholeLessonOfShortSegmentsShowsWhoTalkedMostInEachPixel) {
    constexpr uint32_t kTeacher = 0xe8a33d, kStudent = 0x59a14f;
    // 500 s of mostly teacher (0.7 s teacher, 0.3 s student), then 500 s of mostly student.
    auto items = tiled({{kTeacher, 700_ms}, {kStudent, 300_ms}}, 500_s);
    auto second = tiled({{kStudent, 800_ms}, {kTeacher, 200_ms}}, 500_s);
    for (auto s2 : second) {
        s2.start += 500_s;
        s2.end += 500_s;
        s2.index += static_cast<int>(items.size());
        items.push_back(s2);
    }
    TimelineViewport v;
    v.width = 100;
    v.microsPerPixel = 10e6;  // 10 s a pixel: 10 segments a column
    std::vector<DrawnSpan> out;
    cullByMajority(items, 800_ms, v, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].color, kTeacher);
    EXPECT_FLOAT_EQ(out[0].x0, 0.f);
    EXPECT_FLOAT_EQ(out[0].x1, 50.f);
    EXPECT_EQ(out[1].color, kStudent);
    EXPECT_FLOAT_EQ(out[1].x1, 100.f);
    for (const auto& d : out) EXPECT_NE(d.color, kMixedColor);
}

TEST(ui_TimelineMath, WideSegmentsKeepTheirEdgesAndGapsStayEmpty) {
    constexpr uint32_t kA = 0x111111, kB = 0x222222;
    std::vector<TimelineItem> items = {{0_s, 30_s, kA, 0}, {30_s, 60_s, kB, 1}, {80_s, 90500_ms, kA, 2}};
    TimelineViewport v;
    v.width = 100;
    v.microsPerPixel = 1e6;
    std::vector<DrawnSpan> out;
    cullByMajority(items, 30_s, v, out);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_FLOAT_EQ(out[0].x0, 0.f);
    EXPECT_FLOAT_EQ(out[0].x1, 30.f);
    EXPECT_EQ(out[1].color, kB);
    EXPECT_FLOAT_EQ(out[1].x0, 30.f);
    EXPECT_FLOAT_EQ(out[1].x1, 60.f);
    EXPECT_EQ(out[2].firstIndex, 2);
    EXPECT_FLOAT_EQ(out[2].x0, 80.f);
    EXPECT_FLOAT_EQ(out[2].x1, 91.f);  // the half-covered last column still shows
    // Scrolled: only what is visible, clipped to the strip.
    v.start = 45_s;
    cullByMajority(items, 30_s, v, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_FLOAT_EQ(out[0].x0, 0.f);
    EXPECT_FLOAT_EQ(out[0].x1, 15.f);
    EXPECT_EQ(out[0].color, kB);
}


TimelineItem range(double from, double to, int index) {
    return {MediaTime::fromSeconds(from), MediaTime::fromSeconds(to), 0xff0000, index};
}

TEST(ui_TimelineMath, OverlappingRangesGetLanesOfTheirOwn) {
    // A 2-minute stretch, a 40-second question inside it, and a third range after both end.
    std::vector<TimelineItem> items = {range(10, 130, 0), range(30, 70, 1), range(140, 150, 2)};
    EXPECT_EQ(assignLanes(items, 3), 2);
    EXPECT_EQ(items[0].lane, 0);
    EXPECT_EQ(items[1].lane, 1);
    EXPECT_EQ(items[2].lane, 0);  // both lanes are free again; the lowest is taken
}

TEST(ui_TimelineMath, RangesThatOnlyTouchShareALane) {
    std::vector<TimelineItem> items = {range(0, 10, 0), range(10, 20, 1), range(20, 30, 2)};
    EXPECT_EQ(assignLanes(items, 3), 1);
    for (const auto& it : items) EXPECT_EQ(it.lane, 0);
}

TEST(ui_TimelineMath, PointsStayOnTheFirstLaneAndTakeNone) {
    std::vector<TimelineItem> items = {range(0, 60, 0), {MediaTime::fromSeconds(5), MediaTime::fromSeconds(5), 0, 1},
                                       range(20, 30, 2)};
    EXPECT_EQ(assignLanes(items, 3), 2);
    EXPECT_EQ(items[1].lane, 0);
    EXPECT_EQ(items[2].lane, 1);
}

TEST(ui_TimelineMath, PastTheLastLaneARangeSharesTheOneThatFreesFirst) {
    std::vector<TimelineItem> items = {range(0, 100, 0), range(1, 20, 1), range(2, 50, 2), range(3, 40, 3)};
    EXPECT_EQ(assignLanes(items, 3), 3);
    EXPECT_EQ(items[3].lane, 1);  // lane 1 ends at 20, before lane 2 (50) and lane 0 (100)
    // and the lane now runs to 40: a range from 30 goes to the lane that frees first after that
    items.push_back(range(30, 35, 4));
    assignLanes(items, 3);
    EXPECT_EQ(items[4].lane, 1);  // lane 1 ends at 40, lane 2 at 50, lane 0 at 100
}

TEST(ui_TimelineMath, DrawnRangesKeepTheirLanes) {
    std::vector<TimelineItem> items = {range(10, 130, 0), range(30, 70, 1)};
    assignLanes(items, 3);
    TimelineViewport v{MediaTime::zero(), 1e6, 200};  // one second per pixel
    std::vector<DrawnSpan> out;
    cullAndFold(items, MediaTime::fromSeconds(120), v, 3.f, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].lane, 0);
    EXPECT_EQ(out[1].lane, 1);
}


TEST(ui_TimelineMath, ALoopGoesBackToItsStartAtItsEnd) {
    const TimeRange loop{2_s, 3_s};
    const MediaTime frame = 40_ms;
    EXPECT_FALSE(loopJump(loop, MediaTime::fromMillis(2500), false, frame));
    EXPECT_EQ(loopJump(loop, 3_s, false, frame), 2_s);
    EXPECT_EQ(loopJump(loop, MediaTime::fromMillis(3040), false, frame), 2_s);
    EXPECT_FALSE(loopJump(loop, 1_s, false, frame)) << "playing towards the stretch";
    // Backwards: from its start to its last frame.
    EXPECT_EQ(loopJump(loop, 2_s, true, frame), MediaTime::fromMillis(2960));
    EXPECT_FALSE(loopJump(loop, 5_s, true, frame)) << "playing back towards the stretch";
    EXPECT_FALSE(loopJump({3_s, 3_s}, 4_s, false, frame)) << "an empty stretch does not loop";
}

}  // namespace
}  // namespace ll::ui
