#include "media/peak_pyramid.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ll::media {
namespace {

PeakPyramid ramp(int samples) {
    PeakPyramid p(16000, 256);
    std::vector<float> s(static_cast<size_t>(samples));
    for (int i = 0; i < samples; ++i)
        s[static_cast<size_t>(i)] = std::sin(i * 0.01f) * (i % 1000) / 1000.0f;
    for (size_t off = 0; off < s.size(); off += 700) {
        p.add(std::span<const float>(s).subspan(off, std::min<size_t>(700, s.size() - off)));
    }
    p.finish();
    return p;
}

TEST(PeakPyramid, LevelsHalveDownToOneBucket) {
    PeakPyramid p = ramp(16000 * 10);
    EXPECT_EQ(p.level(0).size(), (16000u * 10 + 255) / 256);
    for (int l = 1; l < p.levelCount(); ++l) {
        EXPECT_EQ(p.level(l).size(), (p.level(l - 1).size() + 1) / 2);
    }
    EXPECT_EQ(p.level(p.levelCount() - 1).size(), 1u);
    EXPECT_EQ(p.bucketDuration(0).millis(), 16);
    EXPECT_EQ(p.bucketDuration(1).millis(), 32);
}

TEST(PeakPyramid, CoarseLevelsHoldTheExtremesOfFineOnes) {
    PeakPyramid p = ramp(16000 * 3);
    for (int l = 1; l < p.levelCount(); ++l) {
        auto fine = p.level(l - 1);
        auto coarse = p.level(l);
        for (size_t i = 0; i < coarse.size(); ++i) {
            int16_t lo = fine[2 * i].min, hi = fine[2 * i].max;
            if (2 * i + 1 < fine.size()) {
                lo = std::min(lo, fine[2 * i + 1].min);
                hi = std::max(hi, fine[2 * i + 1].max);
            }
            EXPECT_EQ(coarse[i].min, lo);
            EXPECT_EQ(coarse[i].max, hi);
        }
    }
}

TEST(PeakPyramid, PeaksForAnyZoomCoverEverySample) {
    PeakPyramid p(16000, 256);
    std::vector<float> s(16000 * 4, 0.0f);
    s[16000 * 2 + 5] = 0.9f;  // a click at 2.0003 s
    s[16000 * 3 + 100] = -0.5f;
    p.add(s);
    p.finish();
    for (int columns : {1, 3, 10, 100, 1000, 5000}) {
        auto peaks = p.peaks({MediaTime::zero(), 4_s}, columns);
        ASSERT_EQ(peaks.size(), static_cast<size_t>(columns));
        int16_t hi = 0, lo = 0;
        for (const Peak& k : peaks) {
            hi = std::max(hi, k.max);
            lo = std::min(lo, k.min);
        }
        EXPECT_NEAR(hi / 32767.0, 0.9, 1e-3) << columns;
        EXPECT_NEAR(lo / 32767.0, -0.5, 1e-3) << columns;
    }
    // Zoomed in on the click: it falls in the right column.
    auto zoom = p.peaks({2_s, MediaTime::fromMillis(2100)}, 100);
    EXPECT_GT(zoom[0].max, 29000);
    EXPECT_EQ(zoom[50].max, 0);
    // Past the end: silence.
    auto after = p.peaks({5_s, 6_s}, 10);
    EXPECT_EQ(after[9], Peak{});
}

TEST(PeakPyramid, SerializesAndLoadsBack) {
    PeakPyramid p = ramp(16000 * 5 + 77);
    auto blob = p.serialize();
    EXPECT_EQ(blob.size(), 32 + p.level(0).size() * 4);
    auto q = PeakPyramid::deserialize(blob);
    ASSERT_TRUE(q.ok()) << q.error().describe();
    EXPECT_EQ(q->sampleCount(), p.sampleCount());
    EXPECT_EQ(q->levelCount(), p.levelCount());
    for (int l = 0; l < p.levelCount(); ++l) {
        ASSERT_TRUE(std::equal(p.level(l).begin(), p.level(l).end(), q->level(l).begin(),
                               q->level(l).end()));
    }
}

TEST(PeakPyramid, RejectsDamagedBlobs) {
    auto blob = ramp(16000).serialize();
    EXPECT_FALSE(PeakPyramid::deserialize({}).ok());
    auto cut = blob;
    cut.resize(cut.size() - 3);
    EXPECT_FALSE(PeakPyramid::deserialize(cut).ok());
    auto wrongMagic = blob;
    wrongMagic[0] = 'X';
    EXPECT_FALSE(PeakPyramid::deserialize(wrongMagic).ok());
    auto hugeCount = blob;
    hugeCount[24 + 7] = 0x7f;
    EXPECT_FALSE(PeakPyramid::deserialize(hugeCount).ok());
}

TEST(PeakPyramid, RefusesASampleCountItsBucketsCannotHold) {
    // Found by fuzzing (tests/fuzz/peaks_fuzz.cpp): a stored count of 2^62 samples made the
    // waveform's duration overflow to a negative time.
    auto blob = ramp(16000).serialize();
    blob[16 + 7] = 0x40;  // the sample count's top byte
    EXPECT_FALSE(PeakPyramid::deserialize(blob).ok());

    // A waveform saved before its last partial bucket was closed still loads.
    PeakPyramid open(16000, 256);
    std::vector<float> s(1000, 0.25f);
    open.add(s);
    auto partial = PeakPyramid::deserialize(open.serialize());
    ASSERT_TRUE(partial.ok()) << partial.error().describe();
    EXPECT_EQ(partial->sampleCount(), 1000);
    EXPECT_EQ(partial->duration(), MediaTime::fromMicros(62'500));
}

}  // namespace
}  // namespace ll::media
