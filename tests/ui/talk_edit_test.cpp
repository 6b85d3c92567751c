#include <gtest/gtest.h>

#include "ui/talk_edit.h"

namespace ll::ui {
namespace {

using analysis::TalkLabel;
using analysis::TalkSegment;

TalkSegment seg(int64_t fromMs, int64_t toMs, TalkLabel label, int speaker = -1) {
    TalkSegment s;
    s.range = {MediaTime::fromMillis(fromMs), MediaTime::fromMillis(toMs)};
    s.label = label;
    s.speaker = speaker;
    return s;
}

// Teacher 0-4 s, silence 4-6 s, student 6-9 s, teacher 9-12 s.
std::vector<TalkSegment> lesson() {
    return {seg(0, 4000, TalkLabel::Teacher, 0), seg(4000, 6000, TalkLabel::Silence),
            seg(6000, 9000, TalkLabel::Student, 1), seg(9000, 12000, TalkLabel::Teacher, 0)};
}

TEST(ui_TalkEdit, SegmentAtFindsTheHalfOpenSegmentAndTheEnd) {
    auto s = lesson();
    EXPECT_EQ(segmentAt(s, MediaTime::zero()), 0);
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(3999)), 0);
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(4000)), 1);
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(7500)), 2);
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(12000)), 3)
        << "the clip's last instant is the last segment";
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(12001)), -1);
    EXPECT_EQ(segmentAt(s, MediaTime::fromMillis(-1)), -1);
    EXPECT_EQ(segmentAt({}, MediaTime::zero()), -1);
}

// Undoing a correction merges its stretch back into the segment around it: the pick must follow,
// or the strip highlights 5-8 s while the panel and the 1-4 keys act on the whole 4-9 s.
TEST(ui_TalkEdit, AfterTheSegmentsChangeThePickIsTheSegmentUnderItsMiddle) {
    // 5-8 s relabelled as silence, then undone: silence 4-9 s is one segment again.
    std::vector<TalkSegment> undone = {seg(0, 4000, TalkLabel::Teacher, 0),
                                       seg(4000, 9000, TalkLabel::Silence),
                                       seg(9000, 12000, TalkLabel::Teacher, 0)};
    const TimeRange picked{MediaTime::fromMillis(5000), MediaTime::fromMillis(8000)};
    auto followed = followSelection(undone, picked);
    ASSERT_TRUE(followed);
    EXPECT_EQ(followed->start.millis(), 4000);
    EXPECT_EQ(followed->end.millis(), 9000);
    // Whatever is picked now is exactly a segment, the one the keys act on.
    EXPECT_EQ(undone[static_cast<size_t>(segmentAt(undone, middleOf(*followed)))].range, *followed);

    // An unchanged pick stays; nothing picked stays nothing; a pick past every segment is dropped.
    auto s = lesson();
    EXPECT_EQ(followSelection(s, s[2].range), s[2].range);
    EXPECT_FALSE(followSelection(s, std::nullopt));
    EXPECT_FALSE(followSelection(s, TimeRange{MediaTime::fromMillis(20000), MediaTime::fromMillis(30000)}));
    EXPECT_FALSE(followSelection({}, s[1].range)) << "no segments (the analysis is gone)";
}

TEST(ui_TalkEdit, MovingABoundaryLaterGrowsTheSegmentBeforeIt) {
    auto s = lesson();
    // The student's start (boundary 2 at 6 s) dragged to 7 s: the silence takes 6-7 s.
    auto e = moveBoundary(s, 2, MediaTime::fromMillis(7000));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->range, (TimeRange{MediaTime::fromMillis(6000), MediaTime::fromMillis(7000)}));
    EXPECT_EQ(e->label, TalkLabel::Silence);
}

TEST(ui_TalkEdit, MovingABoundaryEarlierGrowsTheSegmentAfterIt) {
    auto s = lesson();
    // The student's end (boundary 3 at 9 s) dragged back to 8.5 s: the teacher takes 8.5-9 s.
    auto e = moveBoundary(s, 3, MediaTime::fromMillis(8500));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->range, (TimeRange{MediaTime::fromMillis(8500), MediaTime::fromMillis(9000)}));
    EXPECT_EQ(e->label, TalkLabel::Teacher);
}

TEST(ui_TalkEdit, MovingABoundaryPastNeighboursAndOffTheClipIsClamped) {
    auto s = lesson();
    auto e = moveBoundary(s, 1, MediaTime::fromMillis(20000));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->range, (TimeRange{MediaTime::fromMillis(4000), MediaTime::fromMillis(12000)}));
    EXPECT_EQ(e->label, TalkLabel::Teacher);
    e = moveBoundary(s, 3, MediaTime::fromMillis(-500));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->range, (TimeRange{MediaTime::zero(), MediaTime::fromMillis(9000)}));
}

TEST(ui_TalkEdit, TheClipsEndsAndUnmovedBoundariesGiveNoEdit) {
    auto s = lesson();
    EXPECT_FALSE(moveBoundary(s, 0, MediaTime::fromMillis(1000)))
        << "the clip's start is not a boundary";
    EXPECT_FALSE(moveBoundary(s, 4, MediaTime::fromMillis(1000))) << "nor is its end";
    EXPECT_FALSE(moveBoundary(s, 2, MediaTime::fromMillis(6000))) << "dropped where it was";
    EXPECT_FALSE(moveBoundary({}, 1, MediaTime::zero()));
}

TEST(ui_TalkEdit, BoundaryNearPicksTheClosestInnerBoundaryWithinTolerance) {
    auto s = lesson();
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(5900), 500_ms), 2);
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(4200), 500_ms), 1);
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(9000), MediaTime::zero()), 3);
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(5000), 500_ms), -1)
        << "nothing within half a second";
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(100), 500_ms), -1)
        << "the clip's start is not offered";
    EXPECT_EQ(boundaryNear(s, MediaTime::fromMillis(11900), 500_ms), -1) << "nor its end";
}

TEST(ui_TalkEdit, LabelWordsAcceptStoredAndDisplaySpellings) {
    EXPECT_EQ(parseTalkLabelWord("Teacher"), TalkLabel::Teacher);
    EXPECT_EQ(parseTalkLabelWord("student"), TalkLabel::Student);
    EXPECT_EQ(parseTalkLabelWord("several"), TalkLabel::Multiple);
    EXPECT_EQ(parseTalkLabelWord("multiple"), TalkLabel::Multiple);
    EXPECT_EQ(parseTalkLabelWord("SILENCE"), TalkLabel::Silence);
    EXPECT_FALSE(parseTalkLabelWord("principal"));
    EXPECT_FALSE(parseTalkLabelWord(""));
    EXPECT_STREQ(talkLabelName(TalkLabel::Multiple), "Several voices");
    EXPECT_NE(talkLabelColor(TalkLabel::Teacher), talkLabelColor(TalkLabel::Student));
}

TEST(ui_TalkEdit, UnsureTalkIsTalkBelowTheConfidenceLineAndJumpsMoveOn) {
    // Teacher 0-4 s (sure), silence 4-6 s (unsure, but silence), student 6-9 s (unsure),
    // teacher 9-12 s (sure), several voices 12-15 s (unsure), a corrected stretch 15-16 s.
    auto s = lesson();
    for (auto& x : s) x.confidence = 0.95f;
    s[1].confidence = 0.3f;
    s[2].confidence = 0.6f;
    s.push_back(seg(12000, 15000, TalkLabel::Multiple));
    s.back().confidence = 0.74f;
    s.push_back(seg(15000, 16000, TalkLabel::Student));
    s.back().confidence = 1.0f;
    EXPECT_FALSE(analysis::isUnsure(s[0]));
    EXPECT_FALSE(analysis::isUnsure(s[1])) << "silence is never flagged";
    EXPECT_TRUE(analysis::isUnsure(s[2]));
    EXPECT_TRUE(analysis::isUnsure(s[4]));
    EXPECT_FALSE(analysis::isUnsure(s[5])) << "a reviewer's correction is sure";

    EXPECT_EQ(nextUnsure(s, MediaTime::zero(), true), 2);
    // Landed on the student's start: the next jump moves on, and back goes before it.
    EXPECT_EQ(nextUnsure(s, MediaTime::fromMillis(6000), true), 4);
    EXPECT_EQ(nextUnsure(s, MediaTime::fromMillis(6000), false), -1);
    EXPECT_EQ(nextUnsure(s, MediaTime::fromMillis(12000), false), 2);
    // From inside a segment, back goes to its start.
    EXPECT_EQ(nextUnsure(s, MediaTime::fromMillis(13000), false), 4);
    EXPECT_EQ(nextUnsure(s, MediaTime::fromMillis(12000), true), -1);
    EXPECT_EQ(nextUnsure({}, MediaTime::zero(), true), -1);

    const auto metrics = analysis::computeTalkMetrics(s, MediaTime::fromMillis(16000));
    EXPECT_EQ(metrics.unsureStretches, 2);
    EXPECT_EQ(metrics.unsureLength, MediaTime::fromMillis(6000));
}

TEST(ui_TalkEdit, MiddleOfARange) {
    EXPECT_EQ(middleOf({MediaTime::fromMillis(1000), MediaTime::fromMillis(3000)}),
              MediaTime::fromMillis(2000));
    EXPECT_EQ(middleOf({MediaTime::fromMillis(5), MediaTime::fromMillis(5)}),
              MediaTime::fromMillis(5));
}

}  // namespace
}  // namespace ll::ui
