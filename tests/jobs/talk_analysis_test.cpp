#include <gtest/gtest.h>

#include "jobs/background_job.h"
#include "jobs/clip_import.h"
#include "jobs/talk_analysis.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace ll;

class TalkJob : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir();
        // A tone with gaps: voice-like enough to give segments, fast to make.
        ASSERT_EQ(test::runShell("ffmpeg -v error -y -f lavfi -i "
                                 "\"sine=frequency=220:duration=20,volume='if(lt(mod(t,4),2),1,0)':eval=frame\" "
                                 "-c:a aac '" + (*s_dir / "tone.m4a").string() + "'"),
                  0);
    }
    static void TearDownTestSuite() { delete s_dir; }

    void SetUp() override {
        auto lib = store::Library::open(m_dir / "lib.sqlite");
        ASSERT_TRUE(lib.ok());
        m_lib = std::move(lib).value();
        auto import = jobs::describeMedia(*s_dir / "tone.m4a");
        ASSERT_TRUE(import.ok()) << import.error().describe();
        auto added = jobs::addClip(*m_lib, *import);
        ASSERT_TRUE(added.ok());
        m_clip = added->clip;
    }

    static inline test::TempDir* s_dir = nullptr;
    test::TempDir m_dir;
    std::unique_ptr<store::Library> m_lib;
    store::Clip m_clip;
};

TEST_F(TalkJob, StoresRunSegmentsAndPeaksTogether) {
    std::vector<float> seen;
    auto outcome = jobs::analyzeClip(*m_lib, m_clip, {}, nullptr, [&](float p) { seen.push_back(p); });
    ASSERT_TRUE(outcome.ok()) << outcome.error().describe();
    ASSERT_FALSE(seen.empty());
    EXPECT_FLOAT_EQ(seen.back(), 1.0f);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    auto view = jobs::loadTalk(*m_lib, m_clip);
    ASSERT_TRUE(view.ok() && view->has_value());
    EXPECT_EQ((*view)->run.id, outcome->run.id);
    EXPECT_EQ((*view)->segments.front().range.start, MediaTime::zero());
    EXPECT_NEAR((*view)->duration.seconds(), 20.0, 0.1);
    EXPECT_TRUE(m_lib->analyses().peaks(m_clip.id)->has_value());
}

TEST_F(TalkJob, CancelledAnalysisStoresNothing) {
    std::atomic<bool> cancel{true};
    auto outcome = jobs::analyzeClip(*m_lib, m_clip, {}, &cancel);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, Error::Code::Cancelled);
    EXPECT_TRUE(m_lib->analyses().runs(m_clip.id)->empty());
    EXPECT_FALSE(m_lib->analyses().peaks(m_clip.id)->has_value());
}

TEST_F(TalkJob, RunsInTheBackgroundWithItsOwnLibrary) {
    auto path = m_lib->path();
    store::Clip clip = m_clip;
    jobs::BackgroundJob<store::AnalysisRun> job(
        [path, clip](const std::atomic<bool>& cancel, std::atomic<float>& progress) -> Result<store::AnalysisRun> {
            LL_ASSIGN(auto lib, store::Library::open(path));
            LL_ASSIGN(auto outcome, jobs::analyzeClip(*lib, clip, {}, &cancel, [&](float p) { progress = p; }));
            return outcome.run;
        });
    auto run = job.take();
    ASSERT_TRUE(run.ok()) << run.error().describe();
    EXPECT_EQ(m_lib->analyses().runs(m_clip.id)->size(), 1u);
}

TEST_F(TalkJob, AMovedRecordingSaysWhereToFindIt) {
    store::Clip moved = m_clip;
    moved.path = (m_dir / "gone.m4a").string();
    auto outcome = jobs::analyzeClip(*m_lib, moved, {});
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("add the file again"), std::string::npos);
}
