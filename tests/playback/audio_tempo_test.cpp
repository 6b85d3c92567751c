// Pitch-preserving speed: atempo on synthetic tones, and the whole sound path from a generated
// file (AudioSource), with no audio device.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <numbers>

#include "analysis/fft.h"
#include "playback/audio_source.h"
#include "playback/audio_tempo.h"
#include "support/temp_dir.h"

namespace ll::playback {
namespace {

namespace fs = std::filesystem;
constexpr int kRate = 48000;
constexpr int kChannels = 2;

std::vector<float> stereoTone(double hz, double seconds) {
    const auto n = static_cast<size_t>(seconds * kRate);
    std::vector<float> out(n * kChannels);
    for (size_t i = 0; i < n; ++i) {
        float v = 0.5f * static_cast<float>(std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / kRate));
        out[i * 2] = out[i * 2 + 1] = v;
    }
    return out;
}

// The loudest frequency of channel 0 over 16384 frames from the middle of `frames`.
double dominantHz(const std::vector<float>& frames) {
    constexpr size_t kSize = 16384;
    const size_t count = frames.size() / kChannels;
    if (count < kSize) return 0;
    std::vector<float> mono(kSize);
    const size_t from = (count - kSize) / 2;
    for (size_t i = 0; i < kSize; ++i) {
        double hann = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) / (kSize - 1));
        mono[i] = frames[(from + i) * kChannels] * static_cast<float>(hann);
    }
    analysis::Fft fft(kSize);
    std::vector<float> power;
    fft.powerSpectrum(mono, power);
    size_t best = 1;
    for (size_t k = 1; k + 1 < power.size(); ++k)
        if (power[k] > power[best]) best = k;
    // Parabolic interpolation between the neighbouring bins.
    double a = power[best - 1], b = power[best], c = power[best + 1];
    double shift = (a - 2 * b + c) != 0 ? 0.5 * (a - c) / (a - 2 * b + c) : 0;
    return (static_cast<double>(best) + shift) * kRate / kSize;
}

std::vector<float> stretch(const std::vector<float>& in, double speed) {
    auto tempo = AudioTempo::create(kRate, kChannels, speed);
    EXPECT_TRUE(tempo) << tempo.error().describe();
    std::vector<float> out;
    if (!tempo) return out;
    // Blocks of the size the audio feeder uses.
    const size_t block = 1024 * kChannels;
    for (size_t i = 0; i < in.size(); i += block) {
        size_t n = std::min(block, in.size() - i);
        EXPECT_TRUE((*tempo)->push(std::span<const float>(in.data() + i, n), out));
    }
    EXPECT_TRUE((*tempo)->finish(out));
    return out;
}

class AudioTempoSpeeds : public ::testing::TestWithParam<double> {};

TEST_P(AudioTempoSpeeds, StretchesDurationByOneOverSpeedAndKeepsThePitch) {
    const double speed = GetParam();
    const double seconds = 3.0;
    auto out = stretch(stereoTone(440, seconds), speed);
    const double outSeconds = static_cast<double>(out.size() / kChannels) / kRate;
    EXPECT_NEAR(outSeconds, seconds / speed, 0.02 * seconds / speed) << "speed " << speed;
    EXPECT_NEAR(dominantHz(out), 440.0, 4.0) << "speed " << speed << " changed the pitch";
}

INSTANTIATE_TEST_SUITE_P(Speeds, AudioTempoSpeeds, ::testing::Values(0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 0.25, 4.0));

TEST(AudioTempo, RejectsSpeedsOutsideTheRange) {
    EXPECT_FALSE(AudioTempo::create(kRate, kChannels, 0.1));
    EXPECT_FALSE(AudioTempo::create(kRate, kChannels, 8.0));
    EXPECT_FALSE(AudioTempo::create(kRate, 0, 1.0));
}

class AudioSourceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir();
        s_tone = *s_dir / "tone.m4a";
        s_beep = *s_dir / "beep.wav";
        // Four seconds of 440 Hz; and silence with a 1 kHz beep from 2.0 s to 2.2 s.
        std::string tone = "ffmpeg -nostdin -v error -y -f lavfi -i sine=frequency=440:sample_rate=48000:duration=4 "
                           "-c:a aac -b:a 160k '" + s_tone.string() + "'";
        std::string beep = "ffmpeg -nostdin -v error -y -f lavfi -i "
                           "\"aevalsrc=if(between(t\\,2\\,2.2)\\,0.8*sin(2*PI*1000*t)\\,0):s=48000:d=4\" '" +
                           s_beep.string() + "'";
        s_ok = std::system(tone.c_str()) == 0 && std::system(beep.c_str()) == 0;
    }
    static void TearDownTestSuite() { delete s_dir; }
    void SetUp() override { ASSERT_TRUE(s_ok) << "ffmpeg could not make the sound fixtures"; }

    static std::vector<float> readAll(AudioSource& source) {
        std::vector<float> all, block(1024 * kChannels);
        for (;;) {
            auto n = source.read(block);
            EXPECT_TRUE(n) << n.error().describe();
            if (!n || *n == 0) break;
            all.insert(all.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(*n * kChannels));
        }
        return all;
    }
    // Seconds into `frames` where channel 0 first rises above a tenth of full scale.
    static double onsetSeconds(const std::vector<float>& frames) {
        for (size_t i = 0; i < frames.size(); i += kChannels)
            if (std::abs(frames[i]) > 0.1f) return static_cast<double>(i / kChannels) / kRate;
        return -1;
    }

    static inline test::TempDir* s_dir = nullptr;
    static inline fs::path s_tone, s_beep;
    static inline bool s_ok = false;
};

TEST_F(AudioSourceTest, NSecondsOfMediaLastNOverSpeedSecondsAtTheSamePitch) {
    auto source = AudioSource::open(s_tone, {.sampleRate = kRate, .channels = kChannels});
    ASSERT_TRUE(source) << source.error().describe();
    for (double speed : {0.5, 1.0, 1.5, 2.0}) {
        ASSERT_TRUE((*source)->start(MediaTime::zero(), speed));
        auto all = readAll(**source);
        const double seconds = static_cast<double>(all.size() / kChannels) / kRate;
        EXPECT_NEAR(seconds, 4.0 / speed, 0.1 / speed) << "speed " << speed;
        EXPECT_NEAR(dominantHz(all), 440.0, 4.0) << "speed " << speed;
    }
}

// The player's audio clock says output sample k plays media time from + k * speed / rate; a beep
// at 2.0 s in the clip must come out where that mapping puts it, or picture and sound drift.
TEST_F(AudioSourceTest, SoundStaysOnTheMediaClockAtEverySpeed) {
    auto source = AudioSource::open(s_beep, {.sampleRate = kRate, .channels = kChannels});
    ASSERT_TRUE(source) << source.error().describe();
    struct Case {
        double from, speed;
    };
    for (Case c : {Case{0, 1.0}, Case{0, 0.5}, Case{0, 1.5}, Case{0, 2.0}, Case{1.0, 2.0}, Case{1.5, 0.75}}) {
        ASSERT_TRUE((*source)->start(MediaTime::fromSeconds(c.from), c.speed));
        auto all = readAll(**source);
        const double expected = (2.0 - c.from) / c.speed;
        // Within 40 ms of media time: lip sync holds within about a frame.
        EXPECT_NEAR(onsetSeconds(all) * c.speed + c.from, 2.0, 0.04)
            << "from " << c.from << " at " << c.speed << "x: beep heard at " << onsetSeconds(all)
            << " s, expected " << expected << " s";
    }
}

TEST_F(AudioSourceTest, BadSpeedIsAnErrorNotACrash) {
    auto source = AudioSource::open(s_tone, {.sampleRate = kRate, .channels = kChannels});
    ASSERT_TRUE(source);
    EXPECT_FALSE((*source)->start(MediaTime::zero(), 0.0));
    EXPECT_FALSE((*source)->start(MediaTime::zero(), 10.0));
}

}  // namespace
}  // namespace ll::playback
