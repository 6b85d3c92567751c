#include <gtest/gtest.h>

#include "store_fixture.h"

using namespace ll;
using namespace ll::store;

class AnalysisStore : public ll::test::StoreTest {};
LL_STORE_TEST_SUITE(AnalysisStore);

TEST_P(AnalysisStore, RunsKeepAlgorithmParametersAndSegments) {
    Clip clip = addClip();
    auto run = m_lib->analyses().startRun(clip.id, "talk", "talk-v1", R"({"hop_ms":10})");
    ASSERT_TRUE(run.ok());
    std::vector<TalkSegmentRow> segs = {{{0_s, 10_s}, "teacher", 0.9f, 0},
                                        {{10_s, 12_s}, "silence", 0.8f, -1},
                                        {{12_s, 15_s}, "student", 0.7f, 1}};
    auto saved = m_lib->analyses().saveSegments(run->id, segs);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    auto finished = m_lib->analyses().finishRun(run->id, AnalysisRun::Status::Complete);
    ASSERT_TRUE(finished.ok()) << finished.error().describe();

    auto latest = m_lib->analyses().latestCompleteRun(clip.id);
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->version, "talk-v1");
    EXPECT_EQ((*latest)->parametersJson, R"({"hop_ms":10})");
    auto back = m_lib->analyses().segments(run->id);
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), 3u);
    EXPECT_EQ((*back)[2].label, "student");
    EXPECT_EQ((*back)[2].speaker, 1);
}

TEST_P(AnalysisStore, ANewAnalysisIsANewRun) {
    Clip clip = addClip();
    auto a = m_lib->analyses().startRun(clip.id, "talk", "talk-v1", "{}");
    auto b = m_lib->analyses().startRun(clip.id, "talk", "talk-v1", "{}");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->id, b->id);
    EXPECT_EQ(m_lib->analyses().runs(clip.id)->size(), 2u);
    // Unfinished runs are not offered as results.
    EXPECT_FALSE(m_lib->analyses().latestCompleteRun(clip.id)->has_value());
}

TEST_P(AnalysisStore, RefusesSegmentsWithGapsOrUnknownLabels) {
    Clip clip = addClip();
    auto run = m_lib->analyses().startRun(clip.id, "talk", "talk-v1", "{}");
    EXPECT_FALSE(m_lib->analyses()
                     .saveSegments(run->id, {{{0_s, 1_s}, "teacher", 1, 0}, {{2_s, 3_s}, "student", 1, 1}})
                     .ok());
    EXPECT_FALSE(m_lib->analyses().saveSegments(run->id, {{{0_s, 1_s}, "robot", 1, 0}}).ok());
    EXPECT_TRUE(m_lib->analyses().segments(run->id)->empty());
}

TEST_P(AnalysisStore, CorrectionsAreKeptApartFromTheRun) {
    Clip clip = addClip();
    Reviewer coach = reviewer("Coach");
    auto run = m_lib->analyses().startRun(clip.id, "talk", "talk-v1", "{}");
    ASSERT_TRUE(m_lib->analyses().saveSegments(run->id, {{{0_s, 10_s}, "teacher", 1, 0}}).ok());
    SegmentCorrection relabel;
    relabel.clipId = clip.id;
    relabel.reviewerId = coach.id;
    relabel.runId = run->id;
    relabel.range = {2_s, 4_s};
    relabel.label = "student";
    ASSERT_TRUE(m_lib->analyses().addCorrection(relabel).ok());
    SegmentCorrection hint;
    hint.clipId = clip.id;
    hint.reviewerId = coach.id;
    hint.kind = SegmentCorrection::Kind::TeacherAt;
    hint.range = {7_s, 9_s};
    auto storedHint = m_lib->analyses().addCorrection(hint);
    ASSERT_TRUE(storedHint.ok());
    EXPECT_EQ(storedHint->range.end, 7_s);  // a point

    auto all = m_lib->analyses().corrections(clip.id);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].label, "student");
    EXPECT_EQ(m_lib->analyses().segments(run->id)->at(0).label, "teacher");  // untouched

    ASSERT_TRUE(m_lib->analyses().markCorrectionDeleted((*all)[0].id).ok());
    EXPECT_EQ(m_lib->analyses().corrections(clip.id)->size(), 1u);

    SegmentCorrection bad = relabel;
    bad.id = Id();
    bad.label = "robot";
    EXPECT_FALSE(m_lib->analyses().addCorrection(bad).ok());
    bad.label = "student";
    bad.range = {590_s, 700_s};
    EXPECT_FALSE(m_lib->analyses().addCorrection(bad).ok());
}

TEST_P(AnalysisStore, WaveformPeaksAreReplacedWhole) {
    Clip clip = addClip();
    EXPECT_FALSE(m_lib->analyses().peaks(clip.id)->has_value());
    std::vector<uint8_t> first = {1, 2, 3}, second = {9, 8, 7, 6, 0, 5};
    ASSERT_TRUE(m_lib->analyses().savePeaks(clip.id, first).ok());
    ASSERT_TRUE(m_lib->analyses().savePeaks(clip.id, second).ok());
    auto got = m_lib->analyses().peaks(clip.id);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ(**got, second);  // bytes with a zero inside survive
    EXPECT_FALSE(m_lib->analyses().savePeaks(Id::generate(), first).ok());
}
