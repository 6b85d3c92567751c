#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "playback/player.h"
#include "support/temp_dir.h"

namespace ll::playback {
namespace {

namespace fs = std::filesystem;

class PlayerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir();
        s_clip = *s_dir / "clip.mp4";
        std::string cmd = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x180:rate=25:duration=4 "
                          "-f lavfi -i sine=duration=4 -c:v libx264 -g 50 -pix_fmt yuv420p -c:a aac '" +
                          s_clip.string() + "'";
        s_ok = std::system(cmd.c_str()) == 0;
    }
    static void TearDownTestSuite() { delete s_dir; }
    void SetUp() override { ASSERT_TRUE(s_ok) << "ffmpeg could not make the clip"; }

    // Calls update() like the UI loop does until `done` or two seconds pass.
    template <class Pred>
    bool pump(Player& p, Pred done) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (std::chrono::steady_clock::now() < until) {
            p.update();
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    static inline test::TempDir* s_dir = nullptr;
    static inline fs::path s_clip;
    static inline bool s_ok = false;
};

TEST_F(PlayerTest, OpensPausedOnTheFirstFrame) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    EXPECT_EQ(p.state(), PlayerState::Paused);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    ASSERT_TRUE(p.hasFrame());
    EXPECT_EQ(p.frame().time, MediaTime::zero());
    EXPECT_EQ(p.frame().width, 320);
    EXPECT_NEAR(p.duration().seconds(), 4.0, 0.1);
}

TEST_F(PlayerTest, SeekShowsTheFrameOnScreenAtThatTime) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(MediaTime::fromMillis(2230));  // inside the frame that starts at 2.20 s
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    EXPECT_EQ(p.frame().time, MediaTime::fromMillis(2200));
    EXPECT_EQ(p.position(), MediaTime::fromMillis(2230));
}

TEST_F(PlayerTest, StepMovesWholeFramesBothWays) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(1_s);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    p.step(3);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    EXPECT_EQ(p.frame().time, MediaTime::fromMillis(1120));
    EXPECT_EQ(p.position(), MediaTime::fromMillis(1120));
    p.step(-5);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    EXPECT_EQ(p.frame().time, MediaTime::fromMillis(920));
}

TEST_F(PlayerTest, PlaysOnTheSilentClockAndStopsAtTheEnd) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(MediaTime::fromMillis(3500));
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    p.play();
    EXPECT_TRUE(p.isPlaying());
    ASSERT_TRUE(pump(p, [&] { return !p.isPlaying(); })) << "playback should stop at the end";
    EXPECT_EQ(p.position(), p.duration());
    EXPECT_GE(p.frame().time, MediaTime::fromMillis(3960));
    // Play at the end starts over.
    p.play();
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy() && p.position() > MediaTime::zero(); }));
    EXPECT_LT(p.position(), 1_s);
}

TEST_F(PlayerTest, PauseHoldsThePosition) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    p.play();
    ASSERT_TRUE(pump(p, [&] { return p.position() > 300_ms; }));
    p.pause();
    MediaTime held = p.position();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    p.update();
    EXPECT_EQ(p.position(), held);
    EXPECT_LE(p.frame().time, held);
}

TEST_F(PlayerTest, NotMediaIsAnErrorAndLeavesThePlayerEmpty) {
    test::TempDir tmp;
    test::writeFile(tmp / "notes.txt", "hello");
    Player p({.audio = false});
    EXPECT_FALSE(p.open(tmp / "notes.txt"));
    EXPECT_EQ(p.state(), PlayerState::Empty);
}

}  // namespace
}  // namespace ll::playback
