// The formats teachers' recordings come in, generated at test time. For each: probe agrees with
// ffprobe, and the frame shown at T matches what the ffmpeg CLI decodes for that frame.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "media/audio_reader.h"
#include "media/media_check.h"
#include "media/media_fixtures.h"
#include "media/png_writer.h"
#include "media/probe.h"
#include "media/video_decoder.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;
using test::makeFixture;

constexpr const char* kVideo = "-f lavfi -i testsrc2=size=320x240:rate=25:duration=2 ";
constexpr const char* kTone = "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 ";

struct MatrixCase {
    const char* name;
    std::function<fs::path()> make;
    const char* videoCodec;  // nullptr for audio-only
    const char* audioCodec;  // nullptr for video-only
    int rotation = 0;
    // FFmpeg 5.1's input seeking (-ss before -i) in MPEG-TS lands on the keyframe after the
    // target and is not frame-accurate (sometimes it writes no frame at all), and its output
    // timing is off by a frame on streams starting off the container's frame grid, so TS is
    // compared with the frame of the same index decoded from the start (constant rate only).
    bool ffmpegInputSeekIsExact = true;
};

void PrintTo(const MatrixCase& c, std::ostream* os) {
    *os << c.name;
}

std::vector<MatrixCase> cases() {
    return {
        {"h264_aac_mp4", [] { return test::h264AacMp4(); }, "h264", "aac"},
        {"hevc_rot90_mp4", [] { return test::hevcRotatedMp4(); }, "hevc", nullptr, 90},
        {"vp9_opus_webm",
         [] {
             return makeFixture("vp9_opus.webm", std::string(kVideo) + kTone +
                                                     "-c:v libvpx-vp9 -deadline realtime "
                                                     "-cpu-used 8 -g 25 -c:a libopus");
         },
         "vp9", "opus"},
        {"av1_mp4",
         [] {
             return makeFixture("av1.mp4",
                                "-f lavfi -i testsrc2=size=160x120:rate=25:duration=1 "
                                "-c:v libaom-av1 -cpu-used 8 -row-mt 1 -pix_fmt yuv420p");
         },
         "av1", nullptr},
        {"mpeg4_mp3_avi",
         [] {
             return makeFixture("mpeg4_mp3.avi", std::string(kVideo) + kTone +
                                                     "-c:v mpeg4 -q:v 3 -g 25 -c:a libmp3lame");
         },
         "mpeg4", "mp3"},
        {"prores_pcm_mov",
         [] {
             return makeFixture(
                 "prores_pcm.mov",
                 std::string("-f lavfi -i testsrc2=size=160x120:rate=25:duration=1 ") +
                     "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=1 "
                     "-c:v prores_ks -profile:v 0 -c:a pcm_s16le");
         },
         "prores", "pcm_s16le"},
        {"h264_mp2_ts",
         [] {
             return makeFixture("h264_mp2.ts", std::string(kVideo) + kTone +
                                                   "-c:v libx264 -preset veryfast -g 25 "
                                                   "-pix_fmt yuv420p -c:a mp2");
         },
         "h264", "mp2", 0, false},
        {"vfr_mkv",
         [] {
             return makeFixture("vfr.mkv",
                                "-f lavfi -i testsrc2=size=160x120:rate=30:duration=4 "
                                "-vf \"select='lt(mod(n\\,3)\\,1)+gte(n\\,60)'\" -vsync vfr "
                                "-c:v libx264 -preset veryfast -pix_fmt yuv420p");
         },
         "h264", nullptr},
        {"audio_m4a", [] { return test::audioOnlyM4a(); }, nullptr, "aac"},
        {"audio_mp3",
         [] { return makeFixture("audio.mp3", std::string(kTone) + "-c:a libmp3lame -b:a 64k"); },
         nullptr, "mp3"},
        {"video_only_mp4", [] { return test::videoOnlyMp4(); }, "h264", nullptr},
    };
}

class FormatMatrix : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(FormatMatrix, ProbeAgreesWithFfprobe) {
    const MatrixCase& c = GetParam();
    fs::path file = c.make();
    ASSERT_FALSE(file.empty());
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    double expected = test::ffprobeDuration(file);
    const StreamInfo* v = r->bestVideo();
    double oneFrame = v && v->fps > 0 ? 1.0 / v->fps : 0.03;
    EXPECT_NEAR(r->duration.seconds(), expected, oneFrame);
    EXPECT_FALSE(r->endsEarlyAt) << "a whole file is not cut short";
    if (c.videoCodec) {
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(v->codec, c.videoCodec);
        EXPECT_EQ(v->rotation, c.rotation);
        EXPECT_GT(v->width, 0);
        EXPECT_FALSE(v->pixelFormat.empty());
    } else {
        EXPECT_EQ(v, nullptr);
    }
    if (c.audioCodec) {
        ASSERT_NE(r->bestAudio(), nullptr);
        EXPECT_EQ(r->bestAudio()->codec, c.audioCodec);
        EXPECT_GT(r->bestAudio()->sampleRate, 0);
    } else {
        EXPECT_EQ(r->bestAudio(), nullptr);
    }
    EXPECT_EQ(v && v->variableFrameRate, std::string(c.name) == "vfr_mkv");
}

TEST_P(FormatMatrix, FrameAtTimeMatchesFfmpeg) {
    const MatrixCase& c = GetParam();
    if (!c.videoCodec) GTEST_SKIP() << "audio only";
    fs::path file = c.make();
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok()) << dec.error().describe();
    MediaTime duration = (*dec)->duration();
    auto firstShown = (*dec)->seek(MediaTime::zero());
    ASSERT_TRUE(firstShown.ok());
    const MediaTime first = *firstShown;
    for (double fraction : {0.45, 0.8}) {
        MediaTime t = MediaTime::fromMicros(static_cast<int64_t>(duration.micros() * fraction));
        auto shown = (*dec)->seek(t);
        ASSERT_TRUE(shown.ok()) << shown.error().describe();
        EXPECT_LE(*shown, t);
        EXPECT_GT(*shown + MediaTime::fromMillis(150), t);  // within a frame of a slow VFR run
        auto image = (*dec)->thumbnail();
        ASSERT_TRUE(image.ok());
        std::string tag = std::string(c.name) + "-" + std::to_string(t.millis());
        fs::path ours = test::scratchDir() / (tag + ".png");
        ASSERT_TRUE(writePng(ours, *image).ok());
        fs::path ref;
        if (c.ffmpegInputSeekIsExact) {
            ref = test::ffmpegFramePng(file, (shown->micros() - 1) / 1e6, tag + "-ref.png");
        } else {
            auto index = static_cast<int64_t>(
                std::llround((*shown - first).seconds() * (*dec)->frameRate()));
            ref = test::ffmpegFrameByIndexPng(file, index, tag + "-ref.png");
        }
        EXPECT_GE(test::psnr(ours, ref), 40.0) << "at " << t.seconds() << " s";
    }
}

TEST_P(FormatMatrix, DecodesCleanlyEndToEnd) {
    const MatrixCase& c = GetParam();
    fs::path file = c.make();
    auto r = checkMedia(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_FALSE(r->damaged()) << r->summary();
    if (c.audioCodec) {
        auto a = extractAudio(file, {}, {});
        ASSERT_TRUE(a.ok()) << a.error().describe();
        EXPECT_GT(a->samples, 8000);
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, FormatMatrix, ::testing::ValuesIn(cases()),
                         [](const auto& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace ll::media
