#include "analysis/feature_extractor.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/synth_signals.h"

using namespace ll::analysis;
using namespace ll::analysis::test;

namespace {
std::vector<FrameFeatures> extract(const std::vector<float>& x, size_t block = 4096) {
    FeatureExtractor fx;
    for (size_t i = 0; i < x.size(); i += block)
        fx.push(std::span<const float>(x).subspan(i, std::min(block, x.size() - i)));
    fx.finish();
    return fx.takeFrames();
}
float medianOf(std::vector<float> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}
}  // namespace

TEST(FeatureExtractor, OneFramePerTenMillisecondsRoundedUp) {
    EXPECT_EQ(extract(std::vector<float>(16000, 0.0f)).size(), 100u);
    EXPECT_EQ(extract(std::vector<float>(16001, 0.0f)).size(), 101u);
    EXPECT_TRUE(extract({}).empty());
}

TEST(FeatureExtractor, BlockSizeDoesNotChangeFeatures) {
    auto x = voice(150, 1.0);
    const auto a = extract(x, 160), b = extract(x, 7), c = extract(x, x.size());
    ASSERT_EQ(a.size(), b.size());
    ASSERT_EQ(a.size(), c.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_FLOAT_EQ(a[i].logEnergy, b[i].logEnergy);
        EXPECT_FLOAT_EQ(a[i].pitchHz, c[i].pitchHz);
        EXPECT_FLOAT_EQ(a[i].mfcc(3), c[i].mfcc(3));
    }
}

TEST(FeatureExtractor, PulseTrainPitchIsFound) {
    for (double f0 : {95.0, 140.0, 220.0, 310.0}) {
        const auto frames = extract(voice(f0, 1.0, 0.3, false));
        std::vector<float> p, v;
        for (size_t i = 10; i + 10 < frames.size(); ++i) {
            p.push_back(frames[i].pitchHz);
            v.push_back(frames[i].voicing);
        }
        EXPECT_NEAR(medianOf(p), f0, f0 * 0.03) << f0;
        EXPECT_GT(medianOf(v), 0.8f) << f0;
    }
}

TEST(FeatureExtractor, NoiseIsUnvoicedAndFlat) {
    const auto frames = extract(whiteNoise(1.0, 0.1));
    std::vector<float> v, fl;
    for (const auto& f : frames) {
        v.push_back(f.voicing);
        fl.push_back(f.flatness);
    }
    EXPECT_LT(medianOf(v), 0.35f);
    EXPECT_GT(medianOf(fl), 0.25f);  // pre-emphasis tilts white noise, so not ~0.56
}

TEST(FeatureExtractor, SamplesFarBeyondFullScaleGiveFiniteFeatures) {
    // A broken or hostile float file: noise ten million times full scale. Every feature stays a
    // number, and the flatness (a ratio: the same at any level) is what the same noise at a
    // sane level gives; its product over 96 bins must not overflow.
    const auto loud = extract(whiteNoise(1.0, 1e7)), sane = extract(whiteNoise(1.0, 0.1));
    ASSERT_EQ(loud.size(), sane.size());
    for (size_t i = 0; i < loud.size(); ++i) {
        ASSERT_TRUE(std::isfinite(loud[i].logEnergy)) << i;
        ASSERT_TRUE(std::isfinite(loud[i].speechLlr)) << i;
        EXPECT_NEAR(loud[i].flatness, sane[i].flatness, 1e-3f) << i;
    }
}

TEST(FeatureExtractor, SamplesAtTheLimitsOfFloatGiveFiniteFeatures) {
    // A damaged float stream decodes to whatever its bytes say: the largest floats, infinity
    // and NaN among ordinary noise. Squared, 3e38 overflows; every feature must stay a number.
    auto x = whiteNoise(2.0, 0.05);
    for (size_t i = 0; i < x.size(); i += 97) x[i] = (i / 97) % 2 ? 3e38f : -3e38f;
    x[1000] = INFINITY;
    x[2000] = -INFINITY;
    x[3000] = std::nanf("");
    for (const auto& f : extract(x)) {
        ASSERT_TRUE(std::isfinite(f.logEnergy));
        ASSERT_TRUE(std::isfinite(f.flatness));
        ASSERT_TRUE(std::isfinite(f.voicing));
        ASSERT_TRUE(std::isfinite(f.speechLlr));
        ASSERT_TRUE(std::isfinite(f.pitchHz));
    }
}

TEST(FeatureExtractor, TheLastBlockNeverDropsMoreThanTheBufferHolds) {
    // Found by fuzzing (tests/fuzz/talk_fuzz.cpp): 65,922 samples pushed in blocks of 680 made
    // finish() erase 38 samples past the end of its buffer (undefined behaviour that
    // AddressSanitizer reports; a release build carried on). The features must not depend on
    // how the samples arrive, for lengths around the buffer's compaction step.
    for (size_t total : {65'922u, 65'700u, 82'020u, 131'111u}) {
        auto x = whiteNoise(static_cast<double>(total) / 16000.0 + 0.01, 0.05, 3);
        x.resize(total);
        FeatureExtractor whole;
        whole.push(x);
        whole.finish();
        for (size_t block : {680u, 16'000u, 4'095u}) {
            FeatureExtractor pieces;
            for (size_t at = 0; at < x.size(); at += block)
                pieces.push(std::span<const float>(x).subspan(at, std::min(block, x.size() - at)));
            pieces.finish();
            ASSERT_EQ(pieces.frames().size(), whole.frames().size()) << total << " " << block;
            for (size_t i = 0; i < whole.frames().size(); ++i)
                ASSERT_EQ(pieces.frames()[i].logEnergy, whole.frames()[i].logEnergy) << i;
        }
    }
}

TEST(FeatureExtractor, HighWhistleIsNotAVoice) {
    const auto frames = extract(sine(1200, 1.0));
    for (size_t i = 5; i + 5 < frames.size(); ++i) EXPECT_LT(frames[i].voicing, 0.5f) << i;
}

TEST(FeatureExtractor, EnergyTracksLevelInDecibels) {
    const auto loud = extract(sine(1000, 0.5, 0.5)), quiet = extract(sine(1000, 0.5, 0.05));
    EXPECT_NEAR(loud[25].logEnergy - quiet[25].logEnergy, 20.0f, 0.5f);
    // A sine's power is A^2/2; pre-emphasis (1 - 0.95 z^-1) gives 1 kHz a gain of 0.384.
    EXPECT_NEAR(loud[25].logEnergy, 20 * std::log10(0.5f * 0.384f) - 3.0f, 1.0f);
}

TEST(FeatureExtractor, SpeechLlrFindsAVoiceTheBandLevelBarelyShows) {
    // White noise, with a voice from 10 s to 12 s whose band level is only about 2 dB over the
    // noise's: the speech log-likelihood ratio stays near 0 in the noise, from the first frame
    // on, and rises well above it in the voice.
    auto x = whiteNoise(14.0, 0.01);
    addInto(x, voice(120, 2.0, 0.08), 16000 * 10);
    const auto frames = extract(x);
    auto meanLlr = [&](size_t from, size_t to) {
        float sum = 0;
        for (size_t i = from; i < to; ++i) sum += frames[i].speechLlr;
        return sum / static_cast<float>(to - from);
    };
    EXPECT_LT(meanLlr(0, 100), 0.5f);
    EXPECT_LT(meanLlr(100, 1000), 0.5f);
    EXPECT_GT(meanLlr(1000, 1200), 3.0f);
    EXPECT_LT(meanLlr(1250, 1400), 0.5f);
}

TEST(FeatureExtractor, FramesStayCompact) {
    static_assert(sizeof(FrameFeatures) <= 44, "3 hours of frames must stay near 48 MB");
    FrameFeatures f;
    f.setMfcc(0, -12.3456f);
    EXPECT_NEAR(f.mfcc(0), -12.3456f, FrameFeatures::kMfccStep);
    f.setMfcc(1, 1e9f);
    EXPECT_NEAR(f.mfcc(1), 128.0f, 0.01f);
}

TEST(FeatureExtractor, ToneIsLessFlatThanNoise) {
    EXPECT_LT(extract(sine(1000, 0.5))[25].flatness, 0.05f);
}
