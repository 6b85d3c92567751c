#include <gtest/gtest.h>

#include "jobs/clip_import.h"
#include "jobs/waveform.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace ll;

class WaveformJob : public ::testing::Test {
protected:
    void SetUp() override {
        // Two seconds of tone, then two of silence: the peaks must show the difference.
        ASSERT_EQ(test::runShell("ffmpeg -v error -y -f lavfi -i "
                                 "\"sine=frequency=300:duration=4,volume='if(lt(t,2),1,0)':eval=frame\" "
                                 "-c:a aac '" + (m_dir / "memo.m4a").string() + "'"),
                  0);
        auto lib = store::Library::open(m_dir / "lib.sqlite");
        ASSERT_TRUE(lib.ok());
        m_lib = std::move(lib).value();
        auto import = jobs::describeMedia(m_dir / "memo.m4a");
        ASSERT_TRUE(import.ok()) << import.error().describe();
        auto added = jobs::addClip(*m_lib, *import);
        ASSERT_TRUE(added.ok());
        m_clip = added->clip;
    }

    test::TempDir m_dir;
    std::unique_ptr<store::Library> m_lib;
    store::Clip m_clip;
};

TEST_F(WaveformJob, StoresPeaksThatFollowTheSoundWithoutAnAnalysis) {
    float last = -1;
    auto peaks = jobs::buildWaveform(*m_lib, m_clip, nullptr, [&](float p) { last = p; });
    ASSERT_TRUE(peaks.ok()) << peaks.error().describe();
    EXPECT_FLOAT_EQ(last, 1.0f);
    EXPECT_NEAR(peaks->duration().seconds(), 4.0, 0.1);
    // A quarter per column; the first is tone (ffmpeg's sine is 1/8 of full scale), the last
    // silence, away from the edge at 2 s.
    auto quarters = peaks->peaks({MediaTime::zero(), 4_s}, 4);
    ASSERT_EQ(quarters.size(), 4u);
    EXPECT_GT(quarters[0].max, 3000) << "the tone";
    EXPECT_LT(quarters[3].max, 300) << "the silence";
    auto stored = m_lib->analyses().peaks(m_clip.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(stored->has_value());
    auto back = media::PeakPyramid::deserialize(**stored);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->sampleCount(), peaks->sampleCount());
    EXPECT_TRUE(m_lib->analyses().runs(m_clip.id)->empty()) << "peaks only, no talk-time run";
}

TEST_F(WaveformJob, CancelledOrMissingFileStoresNothing) {
    std::atomic<bool> cancel{true};
    auto r = jobs::buildWaveform(*m_lib, m_clip, &cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::Cancelled);
    EXPECT_FALSE(m_lib->analyses().peaks(m_clip.id)->has_value());

    store::Clip moved = m_clip;
    moved.path = (m_dir / "gone.m4a").string();
    r = jobs::buildWaveform(*m_lib, moved);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::NotFound);
    EXPECT_NE(r.error().message.find("gone.m4a"), std::string::npos);
    EXPECT_FALSE(m_lib->analyses().peaks(m_clip.id)->has_value());

    // A clip from a colleague's pack has no file here: said so, not "not at  any more".
    store::Clip fromPack = m_clip;
    fromPack.path.clear();
    r = jobs::buildWaveform(*m_lib, fromPack);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("is not on this computer; open or add the file"), std::string::npos)
        << r.error().message;
    auto here = jobs::recordingOf(m_clip);
    ASSERT_TRUE(here.ok());
    EXPECT_EQ(here->string(), m_clip.path);
}
