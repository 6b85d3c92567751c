// AudioClock: what the device callback reports turned into the sample being heard, without a
// device: buffers are fed by hand at chosen steady times.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "playback/audio_clock.h"

namespace ll::playback {
namespace {

constexpr int kRate = 48000;
constexpr int64_t kMs = 1000;  // microseconds

TEST(AudioClock, NothingIsHeardBeforeTheFirstBufferOrItsLatency) {
    AudioClock clock(kRate);
    EXPECT_EQ(clock.heard(5 * kMs), 0);
    // A 100 ms buffer handed over at 1 s, heard 50 ms later.
    clock.onBuffer(1000 * kMs, 50 * kMs, 4800);
    EXPECT_EQ(clock.heard(1000 * kMs), 0);
    EXPECT_EQ(clock.heard(1049 * kMs), 0);
    EXPECT_EQ(clock.handedOver(), 4800);
}

TEST(AudioClock, MovesSmoothlyBetweenCallbacksAndStopsAtWhatWasHandedOver) {
    AudioClock clock(kRate);
    clock.onBuffer(1000 * kMs, 50 * kMs, 4800);
    EXPECT_EQ(clock.heard(1075 * kMs), 25 * kRate / 1000);
    EXPECT_EQ(clock.heard(1100 * kMs), 50 * kRate / 1000);
    EXPECT_EQ(clock.heard(1149 * kMs), 99 * kRate / 1000);
    // The device has nothing more: the clock holds on the last sample (the picture waits).
    EXPECT_EQ(clock.heard(1300 * kMs), 4800);
    EXPECT_EQ(clock.heard(2000 * kMs), 4800);
    // The next buffer, on time, carries on where the first ended.
    clock.onBuffer(1100 * kMs, 50 * kMs, 4800);
    EXPECT_EQ(clock.heard(2000 * kMs), 9600);
}

TEST(AudioClock, AnUnderrunHoldsTheClockAndItNeverGoesBack) {
    AudioClock clock(kRate);
    clock.onBuffer(0, 0, 4800);               // 0.1 s of sound, heard at once
    EXPECT_EQ(clock.heard(150 * kMs), 4800);  // ran dry at 100 ms
    // 50 ms of silence are queued ahead of the next sound, handed over at 150 ms.
    clock.onBuffer(150 * kMs, 50 * kMs, 4800);
    EXPECT_EQ(clock.heard(160 * kMs), 4800) << "held, not wound back to the new anchor";
    EXPECT_EQ(clock.heard(200 * kMs), 4800);
    EXPECT_EQ(clock.heard(250 * kMs), 4800 + 50 * kRate / 1000);
}

TEST(AudioClock, ResetStartsANewRunAtZero) {
    AudioClock clock(kRate);
    clock.onBuffer(0, 0, 4800);
    EXPECT_EQ(clock.heard(500 * kMs), 4800);
    clock.reset();
    EXPECT_EQ(clock.heard(600 * kMs), 0);
    EXPECT_EQ(clock.handedOver(), 0);
    clock.onBuffer(600 * kMs, 10 * kMs, 480);
    EXPECT_EQ(clock.heard(605 * kMs), 0);
    EXPECT_EQ(clock.heard(620 * kMs), 480);
}

TEST(AudioClock, ReadsWhileTheCallbackWritesAreConsistent) {
    // One thread plays 10 ms buffers as fast as it can; the reader's answers never go back and
    // never pass what was handed over by the time of reading.
    AudioClock clock(kRate);
    std::atomic<bool> stop{false};
    std::thread device([&] {
        for (int64_t i = 0; !stop; ++i) clock.onBuffer(i * 10 * kMs, 20 * kMs, 480);
    });
    while (clock.handedOver() == 0) std::this_thread::yield();
    int64_t last = 0;
    for (int reads = 0; reads < 200000; ++reads) {
        const int64_t h = clock.heard(int64_t{1} << 50);
        ASSERT_GE(h, last);
        ASSERT_LE(h, clock.handedOver());
        last = h;
    }
    stop = true;
    device.join();
    EXPECT_EQ(clock.heard(int64_t{1} << 50), clock.handedOver());
    EXPECT_GT(last, 0);
}

}  // namespace
}  // namespace ll::playback
