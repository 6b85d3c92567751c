#include "media/audio_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "media/media_fixtures.h"
#include "media/peak_pyramid.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

std::vector<float> extractAll(const fs::path& file, AudioExtractOptions options = {}) {
    std::vector<float> all;
    auto summary = extractAudio(file, options, [&](std::span<const float> s, MediaTime start) {
        EXPECT_EQ(start.micros(),
                  static_cast<int64_t>(all.size()) * 1'000'000 / options.sampleRate);
        all.insert(all.end(), s.begin(), s.end());
    });
    EXPECT_TRUE(summary.ok()) << summary.error().describe();
    if (summary) {
        EXPECT_EQ(summary->samples, static_cast<int64_t>(all.size()));
    }
    return all;
}

std::vector<float> ffmpegMono16k(const fs::path& file, const std::string& map = "") {
    fs::path out = test::scratchDir() / "ref.f32";
    std::string cmd = "ffmpeg -nostdin -v error -y -i " + test::shellQuote(file.string()) + " " +
                      map + " -vn -ac 1 -ar 16000 -f f32le " + test::shellQuote(out.string());
    EXPECT_EQ(test::runShell(cmd), 0);
    std::ifstream in(out, std::ios::binary);
    std::vector<float> samples;
    float v;
    while (in.read(reinterpret_cast<char*>(&v), sizeof v)) samples.push_back(v);
    return samples;
}

// Zero crossings per second: twice the frequency of a pure tone.
double toneFrequency(std::span<const float> s, int rate) {
    int crossings = 0;
    for (size_t i = 1; i < s.size(); ++i) crossings += (s[i - 1] < 0) != (s[i] < 0);
    return crossings / 2.0 / (static_cast<double>(s.size()) / rate);
}

TEST(AudioExtract, MatchesFfmpegMono16k) {
    fs::path file = test::h264AacMp4();
    auto ours = extractAll(file);
    auto ref = ffmpegMono16k(file);
    ASSERT_FALSE(ref.empty());
    EXPECT_NEAR(static_cast<double>(ours.size()), static_cast<double>(ref.size()), 16000 * 0.05);
    size_t n = std::min(ours.size(), ref.size());
    double err = 0, energy = 0;
    for (size_t i = 0; i < n; ++i) {
        err += (ours[i] - ref[i]) * (ours[i] - ref[i]);
        energy += ref[i] * ref[i];
    }
    EXPECT_GT(energy, 0);
    EXPECT_LT(err, energy * 1e-4) << "our samples differ from ffmpeg's";
    EXPECT_NEAR(toneFrequency(ours, 16000), 440, 5);
}

TEST(AudioExtract, TheSameSoundInAnyContainerGivesTheSameSamples) {
    // A mono WAV has no channel mask: its frames bring an unspecified layout, which once
    // rebuilt the converter on every frame (190 extra samples in 24 s, and a break in the
    // sound at each frame's edge), so a WAV and a FLAC of one lesson analysed differently.
    fs::path wav = test::makeFixture("mono48k.wav",
                                     "-f lavfi -i sine=frequency=300:sample_rate=48000:duration=5 "
                                     "-c:a pcm_s16le");
    fs::path flac = test::makeFixture("mono48k.flac", "-i " + test::shellQuote(wav.string()) +
                                                          " -c:a flac");
    auto fromWav = extractAll(wav);
    auto fromFlac = extractAll(flac);
    auto ref = ffmpegMono16k(wav);
    EXPECT_EQ(fromWav.size(), ref.size());
    EXPECT_EQ(fromWav, fromFlac);
    double err = 0, energy = 0;
    for (size_t i = 0; i < std::min(fromWav.size(), ref.size()); ++i) {
        err += (fromWav[i] - ref[i]) * (fromWav[i] - ref[i]);
        energy += ref[i] * ref[i];
    }
    EXPECT_LT(err, energy * 1e-4) << "our samples differ from ffmpeg's";
}

TEST(AudioExtract, DeliversFixedBlocksWithPeaks) {
    PeakPyramid peaks;
    AudioExtractOptions options;
    options.blockSamples = 4000;
    options.peaks = &peaks;
    std::vector<size_t> sizes;
    auto summary =
        extractAudio(test::audioOnlyM4a(), options,
                     [&](std::span<const float> s, MediaTime) { sizes.push_back(s.size()); });
    ASSERT_TRUE(summary.ok()) << summary.error().describe();
    ASSERT_GE(sizes.size(), 12u);
    for (size_t i = 0; i + 1 < sizes.size(); ++i) EXPECT_EQ(sizes[i], 4000u);
    EXPECT_LE(sizes.back(), 4000u);
    EXPECT_NEAR(summary->duration.seconds(), 3.0, 0.05);
    EXPECT_NEAR(peaks.duration().seconds(), 3.0, 0.05);
    ASSERT_GT(peaks.levelCount(), 5);
    // ffmpeg's sine source has amplitude 1/8 (the encoder's start-up transient aside).
    auto all = peaks.peaks({1_s, 2_s}, 1);
    EXPECT_NEAR(all[0].max / 32767.0, 0.125, 0.01);
    EXPECT_NEAR(all[0].min / 32767.0, -0.125, 0.01);
}

TEST(AudioExtract, PicksDefaultStreamOrTheOneAskedFor) {
    fs::path file = test::makeFixture(
        "two_audio.mkv",
        "-f lavfi -i testsrc2=size=64x48:rate=10:duration=1 "
        "-f lavfi -i sine=frequency=200:duration=1 -f lavfi -i sine=frequency=900:duration=1 "
        "-map 0 -map 1 -map 2 -c:v libx264 -c:a libopus "
        "-metadata:s:a:0 language=eng -metadata:s:a:1 language=fra "
        "-disposition:a:0 0 -disposition:a:1 default");
    auto byDefault = extractAll(file);
    EXPECT_NEAR(toneFrequency(byDefault, 16000), 900, 15);
    AudioExtractOptions options;
    options.streamIndex = 1;
    auto first = extractAll(file, options);
    EXPECT_NEAR(toneFrequency(first, 16000), 200, 10);

    options.streamIndex = 0;  // the video stream
    auto wrong = extractAudio(file, options, {});
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, Error::Code::NotFound);
}

TEST(AudioExtract, VideoOnlyFileSaysNoAudio) {
    auto r = extractAudio(test::videoOnlyMp4(), {}, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::NotFound);
    EXPECT_NE(r.error().message.find("has no audio"), std::string::npos) << r.error().message;
}

TEST(AudioExtract, StopsWhenCancelled) {
    std::atomic<bool> cancel{false};
    AudioExtractOptions options;
    options.blockSamples = 1600;
    options.cancel = &cancel;
    int blocks = 0;
    auto r = extractAudio(test::audioOnlyM4a(), options, [&](std::span<const float>, MediaTime) {
        if (++blocks == 3) cancel = true;
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::Cancelled);
    EXPECT_EQ(blocks, 3);
}

double rms(std::span<const float> s) {
    double sum = 0;
    for (float v : s) sum += v * v;
    return s.empty() ? 0 : std::sqrt(sum / static_cast<double>(s.size()));
}

TEST(AudioExtract, LateAudioIsPrecededBySilence) {
    // The audio stream's first packet is at 1 s on the container's timeline.
    fs::path file = test::makeFixture(
        "late_audio.mkv", "-itsoffset 1 -i " + test::shellQuote(test::audioOnlyM4a().string()) +
                              " -f lavfi -i testsrc2=size=64x48:rate=10:duration=4 "
                              "-map 1:v -map 0:a -c:v libx264 -c:a copy");
    auto samples = extractAll(file);
    ASSERT_GT(samples.size(), 16000u * 3);
    EXPECT_NEAR(static_cast<double>(samples.size()) / 16000, 4.0, 0.1);
    EXPECT_LT(rms(std::span<const float>(samples).subspan(0, 14400)), 1e-4);
    EXPECT_GT(rms(std::span<const float>(samples).subspan(24000, 16000)), 0.05);
}

TEST(AudioExtract, AGapInTheTimestampsIsSilenceSoWhatFollowsKeepsItsTime) {
    // A camera's dropout: 3 s of a 440 Hz tone, nothing for 2 s, then a 880 Hz tone from 5 s.
    // Without the gap filled, the second tone would start at 3 s and the talk time after any
    // dropout would be drawn early.
    fs::path file = test::makeFixture(
        "audio_gap.mkv",
        "-f lavfi -i sine=frequency=440:duration=3:sample_rate=48000 "
        "-f lavfi -i sine=frequency=880:duration=3:sample_rate=48000 -filter_complex "
        "'[0:a][1:a]concat=n=2:v=0:a=1,asetpts=N/SR/TB+if(gte(N\\,144000)\\,2/TB\\,0)[a]' "
        "-map '[a]' -c:a pcm_s16le");
    auto samples = extractAll(file);
    std::span<const float> all(samples);
    ASSERT_GT(samples.size(), 16000u * 7);
    EXPECT_NEAR(static_cast<double>(samples.size()) / 16000, 8.0, 0.05);
    EXPECT_NEAR(toneFrequency(all.subspan(16000, 16000), 16000), 440, 5);
    EXPECT_LT(rms(all.subspan(3 * 16000 + 800, 16000 + 14400)), 1e-4) << "the gap is silence";
    EXPECT_NEAR(toneFrequency(all.subspan(5 * 16000 + 1600, 16000), 16000), 880, 5);
}

TEST(AudioReader, ConvertsToDeviceFormatAndSeeks) {
    AudioReaderOptions options;
    options.format = {48000, 2};
    auto reader = AudioReader::open(test::h264AacMp4(), options);
    ASSERT_TRUE(reader.ok()) << reader.error().describe();
    EXPECT_EQ((*reader)->sourceSampleRate(), 48000);
    EXPECT_EQ((*reader)->sourceChannels(), 2);
    std::vector<float> buffer(2 * 4800);
    auto n = (*reader)->read(buffer);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, 4800u);
    EXPECT_EQ((*reader)->position().millis(), 100);

    ASSERT_TRUE((*reader)->seek(MediaTime::fromMillis(1500)).ok());
    EXPECT_EQ((*reader)->position().millis(), 1500);
    size_t total = 0;
    while (true) {
        auto got = (*reader)->read(buffer);
        ASSERT_TRUE(got.ok());
        if (*got == 0) break;
        total += *got;
    }
    EXPECT_NEAR(static_cast<double>(total) / 48000, 1.5, 0.05);
}

TEST(AudioReader, SeekLandsOnTheSameSamplesAsReadingThrough) {
    auto through = extractAll(test::audioOnlyM4a());
    auto reader = AudioReader::open(test::audioOnlyM4a());
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE((*reader)->seek(MediaTime::fromMillis(2000)).ok());
    std::vector<float> buffer(1600);
    ASSERT_EQ(*(*reader)->read(buffer), 1600u);
    double err = 0, energy = 0;
    for (size_t i = 0; i < buffer.size(); ++i) {
        float ref = through[32000 + i];
        err += (buffer[i] - ref) * (buffer[i] - ref);
        energy += ref * ref;
    }
    EXPECT_LT(err, energy * 0.01);
}

}  // namespace
}  // namespace ll::media
