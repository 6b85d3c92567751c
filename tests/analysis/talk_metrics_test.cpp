#include "analysis/talk_metrics.h"

#include <gtest/gtest.h>

using namespace ll;
using namespace ll::analysis;

namespace {
TalkSegment seg(double a, double b, TalkLabel l, int speaker = -1) {
    return {{MediaTime::fromSeconds(a), MediaTime::fromSeconds(b)}, l, 0.8f, speaker};
}
constexpr auto S = TalkLabel::Silence;
constexpr auto T = TalkLabel::Teacher;
constexpr auto St = TalkLabel::Student;
constexpr auto M = TalkLabel::Multiple;

// 0-10 teacher, 10-12 pause, 12-14 student, 14-15 pause, 15-30 teacher, 30-34 pause,
// 34-35 student, 35-35.5 pause, 35.5-37 student, 37-60 multiple, 60-90 silence.
std::vector<TalkSegment> lesson() {
    return {seg(0, 10, T, 0),     seg(10, 12, S), seg(12, 14, St, 1), seg(14, 15, S),
            seg(15, 30, T, 0),    seg(30, 34, S), seg(34, 35, St, 2), seg(35, 35.5, S),
            seg(35.5, 37, St, 1), seg(37, 60, M), seg(60, 90, S)};
}
}  // namespace

TEST(TalkMetrics, SharesAndMinutes) {
    const auto m = computeTalkMetrics(lesson(), 90_s);
    EXPECT_EQ(m.labelTime[1], 25_s);
    EXPECT_EQ(m.labelTime[2], MediaTime::fromMillis(4500));
    EXPECT_EQ(m.labelTime[3], 23_s);
    EXPECT_NEAR(m.labelShare[0], 37.5 / 90, 1e-9);
    EXPECT_NEAR(m.teacherMinutes, 25.0 / 60, 1e-9);
    EXPECT_NEAR(m.studentMinutes, 4.5 / 60, 1e-9);
}

TEST(TalkMetrics, ExchangesWaitsAndTurns) {
    const auto m = computeTalkMetrics(lesson(), 90_s);
    EXPECT_EQ(m.exchanges, 2);  // 10 s -> 12 s and 30 s -> 34 s
    EXPECT_EQ(m.waitAfterTeacher.count, 2);
    EXPECT_EQ(m.waitAfterTeacher.median, 3_s);  // waits of 2 s and 4 s
    EXPECT_DOUBLE_EQ(m.waitAfterTeacher.longShare, 0.5);
    EXPECT_EQ(m.studentTurns, 2);  // 12-14, and 34-37 joined across a 0.5 s pause
    EXPECT_EQ(m.medianStudentTurn, MediaTime::fromMillis(2500));
    EXPECT_EQ(m.longestTeacherStretch, 15_s);
    // Wait time 2: 14 s -> 15 s; the class's talk at the end has no reply.
    EXPECT_EQ(m.waitAfterStudents.count, 1);
    EXPECT_EQ(m.waitAfterStudents.median, 1_s);
    EXPECT_DOUBLE_EQ(m.waitAfterStudents.longShare, 0.0);
}

TEST(TalkMetrics, WaitTimeTwoIsThePauseBeforeTheTeacherReplies) {
    // Rowe's wait time 2: after a student's (or the class's) answer, before the teacher speaks.
    // A second student answering first, or the teacher carrying on, is not a reply.
    const std::vector<TalkSegment> s = {seg(0, 5, T, 0),    seg(5, 6, S),       seg(6, 8, St, 1),
                                        seg(8, 12, S),      seg(12, 20, T, 0),  seg(20, 22, S),
                                        seg(22, 23, M),     seg(23, 23.5, S),   seg(23.5, 30, T, 0),
                                        seg(30, 31, St, 1), seg(31, 32, St, 2), seg(32, 34, S),
                                        seg(34, 40, T, 0),  seg(40, 42, St, 2), seg(42, 50, S)};
    const auto m = computeTalkMetrics(s, 50_s);
    EXPECT_EQ(m.waitAfterStudents.count, 3);     // 8 -> 12, 23 -> 23.5, 32 -> 34
    EXPECT_EQ(m.waitAfterStudents.median, 2_s);  // waits of 4 s, 0.5 s and 2 s
    EXPECT_NEAR(m.waitAfterStudents.longShare, 1.0 / 3, 1e-9);
    EXPECT_EQ(m.waitAfterTeacher.count, 4);  // wait time 1 is unchanged: 1, 2, 0 and 0 s
    EXPECT_EQ(m.waitAfterTeacher.median, MediaTime::fromMillis(500));
    EXPECT_EQ(m.exchanges, 3);  // 5 -> 6, 30 -> 30 (no pause), 40 -> 40
}

TEST(TalkMetrics, AVoiceAtTheEdgeOfSeveralVoicesIsNotATurn) {
    // A class answering together: one child starts 0.2 s before the rest and another stops
    // 0.3 s after them. A child who answers for 2 s and is then laughed at (several voices at
    // once) took a turn; so did one who said "Yes." (0.4 s) with silence around it.
    const std::vector<TalkSegment> s = {
        seg(0, 5, T, 0),    seg(5, 6, S),         seg(6, 6.2, St, 1), seg(6.2, 8, M),
        seg(8, 8.3, St, 2), seg(8.3, 10, S),      seg(10, 15, T, 0),  seg(15, 16, S),
        seg(16, 18, St, 3), seg(18, 19, M),       seg(19, 20, S),     seg(20, 25, T, 0),
        seg(25, 26, S),     seg(26, 26.4, St, 1), seg(26.4, 28, S),   seg(28, 30, T, 0)};
    const auto m = computeTalkMetrics(s, 30_s);
    EXPECT_EQ(m.studentTurns, 2);
    EXPECT_EQ(m.medianStudentTurn, MediaTime::fromMillis(1200));  // 2 s and 0.4 s
    // The edges are still student talk in the shares, and the chorus still answered a question.
    EXPECT_EQ(m.labelTime[static_cast<size_t>(St)], MediaTime::fromMillis(2900));
    EXPECT_EQ(m.waitAfterTeacher.count, 3);
    // With no edge allowance, the class's first and last voices are turns of their own.
    TalkMetricsOptions every;
    every.groupEdge = MediaTime::zero();
    EXPECT_EQ(computeTalkMetrics(s, 30_s, every).studentTurns, 4);
}

TEST(TalkMetrics, TeacherPausesShorterThanLimitDoNotBreakAStretch) {
    const std::vector<TalkSegment> s = {seg(0, 5, T, 0), seg(5, 6, S), seg(6, 20, T, 0),
                                        seg(20, 25, S), seg(25, 26, T, 0)};
    EXPECT_EQ(computeTalkMetrics(s, 26_s).longestTeacherStretch, 20_s);
}

TEST(TalkMetrics, PerMinuteBreakdownSplitsSegmentsAtMinuteEdges) {
    const auto m = computeTalkMetrics(lesson(), 90_s);
    ASSERT_EQ(m.perMinute.size(), 2u);
    EXPECT_EQ(m.perMinute[0].labelTime[3], 23_s);
    EXPECT_EQ(m.perMinute[1].labelTime[0], 30_s);
    EXPECT_EQ(m.perMinute[1].start, 60_s);
    MediaTime total;
    for (auto t : m.perMinute[0].labelTime) total += t;
    EXPECT_EQ(total, 60_s);
}

TEST(TalkMetrics, AudioPaddingAtTheEndIsNotAMinuteOfItsOwn) {
    // An AAC track runs a millisecond or two past the picture: 4:00.0014 is four bars, and the
    // last one holds the remainder, so the bars still add up to the lesson.
    const MediaTime padded = 240_s + MediaTime::fromMicros(1437);
    const std::vector<TalkSegment> s = {seg(0, 200, T), {{200_s, padded}, St, 0.8f}};
    const auto m = computeTalkMetrics(s, padded);
    ASSERT_EQ(m.perMinute.size(), 4u);
    EXPECT_EQ(m.perMinute[3].labelTime[static_cast<size_t>(St)], 40_s + MediaTime::fromMicros(1437));
    EXPECT_EQ(m.perMinute[3].labelTime[static_cast<size_t>(T)], 20_s);
    // A second and a half more is real talk, and a minute of its own.
    EXPECT_EQ(computeTalkMetrics(s, 241'500_ms).perMinute.size(), 5u);
    EXPECT_EQ(minuteCount(MediaTime::fromMillis(500)), 1u);
    EXPECT_EQ(minuteCount(60_s), 1u);
    EXPECT_EQ(minuteCount(MediaTime::zero()), 0u);
}

TEST(TalkMetrics, EmptyInputGivesZeros) {
    const auto m = computeTalkMetrics({}, MediaTime::zero());
    EXPECT_EQ(m.exchanges, 0);
    EXPECT_TRUE(m.perMinute.empty());
    EXPECT_EQ(m.waitAfterTeacher.median, MediaTime::zero());
    EXPECT_EQ(m.waitAfterStudents.count, 0);
    EXPECT_EQ(m.waitAfterStudents.median, MediaTime::zero());
}

TEST(TalkCorrections, RelabelSplitsAndLaterOnesWin) {
    TalkCorrections c;
    c.relabels.push_back({{2_s, 5_s}, St});
    c.relabels.push_back({{4_s, 11_s}, M});
    const auto out = applyCorrections(lesson(), c);
    ASSERT_GE(out.size(), 4u);
    EXPECT_EQ(out[0], seg(0, 2, T, 0));
    EXPECT_EQ(out[1].label, St);
    EXPECT_EQ(out[1].range, (TimeRange{2_s, 4_s}));
    EXPECT_FLOAT_EQ(out[1].confidence, 1.0f);
    EXPECT_EQ(out[2].label, M);
    EXPECT_EQ(out[2].range, (TimeRange{4_s, 11_s}));
    EXPECT_EQ(out[3].range, (TimeRange{11_s, 12_s}));
    for (size_t i = 1; i < out.size(); ++i) EXPECT_EQ(out[i - 1].range.end, out[i].range.start);
    EXPECT_EQ(out.back().range.end, 90_s);
}

TEST(TalkCorrections, RelabelMergesEqualNeighbours) {
    TalkCorrections c;
    c.relabels.push_back({{10_s, 12_s}, T});  // the pause becomes teacher talk ...
    c.relabels.push_back({{12_s, 15_s}, T});  // ... and so does the student answer
    const auto out = applyCorrections(lesson(), c);
    EXPECT_EQ(out[0].label, T);
    EXPECT_EQ(out[0].range, (TimeRange{0_s, 30_s}));
    EXPECT_EQ(out[0].speaker, 0);
}

TEST(TalkCorrections, TeacherAtSwapsSpeakerClusters) {
    TalkCorrections c;
    c.teacherAt = 13_s;  // speaker 1 is talking at 13 s
    const auto out = applyCorrections(lesson(), c);
    for (const auto& s : out) {
        if (s.speaker == 1) {
            EXPECT_EQ(s.label, T);
        }
        if (s.speaker == 0 || s.speaker == 2) {
            EXPECT_EQ(s.label, St);
        }
    }
}

TEST(TalkCorrections, RelabelIsClippedToTheRecording) {
    TalkCorrections c;
    c.relabels.push_back({{80_s, 200_s}, T});
    const auto out = applyCorrections(lesson(), c);
    EXPECT_EQ(out.back().range, (TimeRange{80_s, 90_s}));
}
