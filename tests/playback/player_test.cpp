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

// Frames for playing come at the size drawn; the paused picture comes whole when it is shown
// larger again, and a seek always fetches the whole frame.
TEST_F(PlayerTest, PlaysFramesAtTheViewSizeAndFetchesThePausedOneWholeWhenTheViewGrows) {
    Player p({.audio = false});
    p.setViewSize(160, 90);
    ASSERT_TRUE(p.open(s_clip));
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    EXPECT_FALSE(p.frame().reduced);  // the first frame answers a seek
    EXPECT_EQ(p.frame().width, 320);
    p.play();
    ASSERT_TRUE(pump(p, [&] { return p.frame().reduced; }));
    EXPECT_EQ(p.frame().width, 160);
    EXPECT_EQ(p.frame().height, 90);
    p.pause();
    const MediaTime shown = p.frame().time;
    p.setViewSize(150, 84);  // smaller: the shrunk picture is still sharp enough
    p.update();
    EXPECT_FALSE(p.isBusy());
    p.setViewSize(320, 180);
    ASSERT_TRUE(pump(p, [&] { return !p.frame().reduced; }));
    EXPECT_EQ(p.frame().time, shown);
    EXPECT_EQ(p.frame().width, 320);
    EXPECT_EQ(p.state(), PlayerState::Paused);
}

TEST(Shuttle, LSpeedsUpForwardJSpeedsUpBackwardAndTheOtherKeyTurnsAround) {
    EXPECT_EQ(shuttleRate(0, +1), 1.0) << "L from a pause plays at 1x";
    EXPECT_EQ(shuttleRate(1.0, +1), 1.5);
    EXPECT_EQ(shuttleRate(1.5, +1), 2.0);
    EXPECT_EQ(shuttleRate(2.0, +1), 2.0) << "2x is the top speed";
    EXPECT_EQ(shuttleRate(0.5, +1), 1.0) << "from a slow speed, L goes to 1x";
    EXPECT_EQ(shuttleRate(0, -1), -1.0) << "J from a pause plays backwards at 1x";
    EXPECT_EQ(shuttleRate(-1.0, -1), -1.5);
    EXPECT_EQ(shuttleRate(-2.0, -1), -2.0);
    EXPECT_EQ(shuttleRate(2.0, -1), -1.0) << "J while playing forward turns around at 1x";
    EXPECT_EQ(shuttleRate(-1.5, +1), 1.0) << "L while playing backwards turns around at 1x";
}

// Records every picture change while pumping, as the UI uploads them.
struct FrameLog {
    std::vector<MediaTime> times;
    uint64_t generation = 0;
    void note(const Player& p) {
        if (p.frameGeneration() != generation && p.hasFrame()) {
            times.push_back(p.frame().time);
            generation = p.frameGeneration();
        }
    }
};

TEST_F(PlayerTest, ReversePlaysEveryFrameNewestFirstAndStopsOnTheFirst) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(MediaTime::fromMillis(1490));  // inside the frame at 1.48 s (frame 37 at 25 fps)
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    FrameLog log;
    log.generation = p.frameGeneration();
    const uint64_t droppedBefore = p.droppedFrames();
    p.setSpeed(2.0);
    p.playReverse();
    EXPECT_TRUE(p.isPlaying());
    EXPECT_TRUE(p.isReverse());
    EXPECT_EQ(p.rate(), -2.0);
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (p.isPlaying() && std::chrono::steady_clock::now() < until) {
        p.update();
        log.note(p);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_FALSE(p.isPlaying()) << "reverse playback should stop on the first frame";
    EXPECT_EQ(p.position(), MediaTime::zero());
    EXPECT_EQ(p.frame().time, MediaTime::zero());
    ASSERT_FALSE(log.times.empty());
    for (size_t i = 1; i < log.times.size(); ++i)
        EXPECT_LT(log.times[i], log.times[i - 1]) << "frame " << i << " went forward";
    // Frames 36..0 each either showed or were counted as dropped: none went missing.
    EXPECT_EQ(log.times.size() + (p.droppedFrames() - droppedBefore), 37u);
    // J at the first frame has nothing to play.
    p.playReverse();
    EXPECT_FALSE(p.isPlaying());
}

TEST_F(PlayerTest, ShuttleTurnsAroundAndPauseHoldsTheFrameOnScreen) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(2_s);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    p.shuttle(+1);
    EXPECT_EQ(p.rate(), 1.0);
    p.shuttle(+1);
    EXPECT_EQ(p.rate(), 1.5);
    ASSERT_TRUE(pump(p, [&] { return p.position() > MediaTime::fromMillis(2200); }));
    p.shuttle(-1);
    EXPECT_EQ(p.rate(), -1.0);
    FrameLog log;
    log.generation = p.frameGeneration();
    const MediaTime turned = p.position();
    ASSERT_TRUE(pump(p, [&] {
        log.note(p);
        return log.times.size() >= 3;
    }));
    EXPECT_LT(p.position(), turned);
    for (size_t i = 1; i < log.times.size(); ++i) EXPECT_LT(log.times[i], log.times[i - 1]);
    p.pause();
    EXPECT_EQ(p.rate(), 0.0);
    const MediaTime held = p.position();
    // The frame on screen is the one shown at the paused position.
    EXPECT_LE(p.frame().time, held);
    EXPECT_GT(p.frame().time + p.frameDuration(), held);
    // Forward again from there: frames move forward.
    p.play();
    FrameLog forward;
    forward.generation = p.frameGeneration();
    ASSERT_TRUE(pump(p, [&] {
        forward.note(p);
        return forward.times.size() >= 4;
    }));
    for (size_t i = 1; i < forward.times.size(); ++i) EXPECT_GT(forward.times[i], forward.times[i - 1]);
    EXPECT_GE(forward.times.front(), held - p.frameDuration());
}

TEST_F(PlayerTest, SeekWhilePlayingBackwardsKeepsGoingBackwards) {
    Player p({.audio = false});
    ASSERT_TRUE(p.open(s_clip));
    p.seek(3_s);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    p.playReverse();
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy() && p.position() < MediaTime::fromMillis(2950); }));
    p.seek(1_s);
    ASSERT_TRUE(pump(p, [&] { return !p.isBusy(); }));
    EXPECT_TRUE(p.isReverse());
    EXPECT_LE(p.frame().time, 1_s);
    ASSERT_TRUE(pump(p, [&] { return p.position() < MediaTime::fromMillis(900); }));
    EXPECT_LT(p.frame().time, 1_s);
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
