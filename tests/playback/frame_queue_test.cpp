#include <gtest/gtest.h>

#include <thread>

#include "playback/clock.h"
#include "playback/frame_queue.h"

namespace ll::playback {
namespace {

media::VideoFrame frameAt(MediaTime t) {
    media::VideoFrame f;
    f.time = t;
    f.width = f.height = 2;
    return f;
}

TEST(FrameQueue, ConsumerDropsFramesOfAnOlderSerial) {
    FrameQueue q(4);
    std::atomic<int> serial{1};
    ASSERT_TRUE(q.push({frameAt(1_s), 1}, serial));
    serial = 2;
    EXPECT_FALSE(q.push({frameAt(2_s), 1}, serial)) << "a stale push is refused";
    ASSERT_TRUE(q.push({frameAt(3_s), 2}, serial));
    auto t = q.peekTime(2);
    ASSERT_TRUE(t);
    EXPECT_EQ(*t, 3_s);
    auto f = q.pop(2);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->time, 3_s);
    EXPECT_FALSE(q.pop(2));
}

TEST(FrameQueue, BlockedProducerGivesUpWhenTheSerialMovesOn) {
    FrameQueue q(1);
    std::atomic<int> serial{1};
    ASSERT_TRUE(q.push({frameAt(0_s), 1}, serial));
    std::atomic<bool> result{true};
    std::thread producer([&] { result = q.push({frameAt(1_s), 1}, serial); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    serial = 2;
    q.wake();
    producer.join();
    EXPECT_FALSE(result);
}

TEST(FrameQueue, AbortWakesABlockedProducer) {
    FrameQueue q(1);
    std::atomic<int> serial{1};
    ASSERT_TRUE(q.push({frameAt(0_s), 1}, serial));
    std::thread producer([&] { EXPECT_FALSE(q.push({frameAt(1_s), 1}, serial)); });
    q.abort();
    producer.join();
}

TEST(SystemClock, HoldsWhilePausedAndAdvancesAtSpeedWhileRunning) {
    SystemClock c;
    c.set(10_s);
    EXPECT_EQ(c.now(), 10_s);
    c.setSpeed(2.0);
    c.setRunning(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    MediaTime t = c.now();
    EXPECT_GE(t, 10_s + 90_ms);
    EXPECT_LT(t, 10_s + 1_s);
    c.setRunning(false);
    MediaTime held = c.now();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(c.now(), held);
}

}  // namespace
}  // namespace ll::playback
