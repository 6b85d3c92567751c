// Bad input gives a clear error or a correct partial result: never a crash, a hang or runaway
// memory. Each case runs every entry point of the media engine on the same file.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "media/audio_reader.h"
#include "media/fingerprint.h"
#include "media/media_check.h"
#include "media/media_fixtures.h"
#include "media/probe.h"
#include "media/video_decoder.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

void expectNamesFile(const Error& e, const fs::path& file) {
    EXPECT_FALSE(e.message.empty());
    EXPECT_NE(e.message.find(file.filename().string()), std::string::npos) << e.message;
}

// Runs probe, check, video seek and audio extraction; every error must name the file.
void runEverything(const fs::path& file) {
    auto p = probe(file);
    if (!p) expectNamesFile(p.error(), file);
    auto c = checkMedia(file);
    if (!c) expectNamesFile(c.error(), file);
    auto v = VideoDecoder::open(file);
    if (v) {
        auto shown = (*v)->seek(MediaTime::fromMillis(500));
        if (shown) {
            EXPECT_TRUE((*v)->thumbnail(64).ok());
        }
    } else {
        expectNamesFile(v.error(), file);
    }
    auto a = extractAudio(file, {}, {});
    if (!a) expectNamesFile(a.error(), file);
}

fs::path writeFile(const std::string& name, const std::string& bytes) {
    fs::path p = test::scratchDir() / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

TEST(Robustness, RandomBytesAreNotMedia) {
    std::mt19937 rng(42);
    std::string bytes(256 * 1024, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    fs::path file = writeFile("random.mp4", bytes);
    auto p = probe(file);
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.error().message.find("is not a video or audio file LessonLens can read"),
              std::string::npos);
    runEverything(file);
}

TEST(Robustness, EmptyFileIsEmptyEverywhere) {
    fs::path file = writeFile("empty.mkv", "");
    for (const Error& e : {probe(file).error(), checkMedia(file).error(),
                           VideoDecoder::open(file).error(), extractAudio(file, {}, {}).error()}) {
        EXPECT_NE(e.message.find("is empty"), std::string::npos) << e.message;
    }
    EXPECT_FALSE(fingerprint(file).ok());
}

TEST(Robustness, TextFileNamedMp4) {
    runEverything(writeFile("lesson plan.mp4", "Lesson plan\n1. Warm-up\n2. Fractions\n"));
}

TEST(Robustness, FolderNamedLikeAVideo) {
    fs::path dir = test::scratchDir() / "folder.mp4";
    fs::create_directories(dir);
    for (const Error& e : {probe(dir).error(), checkMedia(dir).error(),
                           VideoDecoder::open(dir).error(), extractAudio(dir, {}, {}).error()}) {
        EXPECT_NE(e.message.find("is a folder, not a media file"), std::string::npos);
    }
}

TEST(Robustness, TruncatedFilesAtManyLengths) {
    fs::path whole = test::faststartMp4();
    const auto size = fs::file_size(whole);
    for (uint64_t cut :
         {uint64_t{7}, uint64_t{100}, uint64_t{2000}, size / 4, size / 2, size - 1}) {
        SCOPED_TRACE(cut);
        runEverything(test::truncatedCopy(whole, cut, "cut-" + std::to_string(cut) + ".mp4"));
    }
}

TEST(Robustness, ARecordingThatNeverFinishedSaysSo) {
    // A phone that died mid-recording: MP4 writes its index (moov) last, so the file is all
    // pictures and sound that nothing can find. The message says what happened.
    fs::path whole = test::makeFixture("moov_at_end.mp4",
                                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=4 "
                                       "-f lavfi -i sine=frequency=440:duration=4 "
                                       "-c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac");
    fs::path cut = test::truncatedCopy(whole, fs::file_size(whole) * 3 / 4, "no-moov.mp4");
    for (const Error& e : {probe(cut).error(), checkMedia(cut).error(),
                           VideoDecoder::open(cut).error()}) {
        EXPECT_EQ(e.code, Error::Code::Damaged);
        EXPECT_NE(e.message.find("no-moov.mp4"), std::string::npos) << e.message;
        EXPECT_NE(e.message.find("was never finished"), std::string::npos) << e.message;
    }
    runEverything(cut);
}

TEST(Robustness, ZeroLengthVideoStream) {
    fs::path file = test::makeFixture("zero_video.mkv",
                                      "-f lavfi -i sine=d=2 -f lavfi -i testsrc2=size=64x48:d=2 "
                                      "-map 0 -map 1 -c:a libopus -c:v libx264 -frames:v 0");
    runEverything(file);
    auto v = VideoDecoder::open(file);
    if (v) {
        auto shown = (*v)->seek(MediaTime::zero());
        ASSERT_FALSE(shown.ok());
        EXPECT_NE(shown.error().message.find("no video frames"), std::string::npos);
    }
    auto a = extractAudio(file, {}, {});
    ASSERT_TRUE(a.ok()) << a.error().describe();
    EXPECT_NEAR(a->duration.seconds(), 2.0, 0.1);
}

TEST(Robustness, AbsurdDeclaredDimensions) {
    // A raw YUV4MPEG stream that declares a 60000x60000 picture (5.4 GB a frame).
    std::string y4m =
        "YUV4MPEG2 W60000 H60000 F25:1 Ip A1:1 C420jpeg\nFRAME\n" + std::string(4096, 'x');
    fs::path file = writeFile("huge.y4m", y4m);
    runEverything(file);
    auto v = VideoDecoder::open(file);
    EXPECT_FALSE(v.ok());
}

TEST(Robustness, AudioStreamWithSampleRateZero) {
    // A WAV header declaring 0 Hz, followed by PCM data.
    auto le32 = [](uint32_t v) {
        return std::string{char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff),
                           char((v >> 24) & 0xff)};
    };
    auto le16 = [](uint16_t v) { return std::string{char(v & 0xff), char((v >> 8) & 0xff)}; };
    std::string data(8000, '\x10');
    std::string wav = "RIFF" + le32(36 + static_cast<uint32_t>(data.size())) + "WAVE" + "fmt " +
                      le32(16) + le16(1) + le16(1) + le32(0) + le32(0) + le16(2) + le16(16) +
                      "data" + le32(static_cast<uint32_t>(data.size())) + data;
    fs::path file = writeFile("zero-rate.wav", wav);
    runEverything(file);
    auto a = extractAudio(file, {}, {});
    EXPECT_FALSE(a.ok());
}

TEST(Robustness, NonAsciiPathEverywhere) {
    fs::path file = test::scratchDir() / "Ünterricht — 第3課 ✓.mp4";
    fs::copy_file(test::h264AacMp4(), file, fs::copy_options::overwrite_existing);
    EXPECT_TRUE(probe(file).ok());
    EXPECT_TRUE(checkMedia(file).ok());
    auto v = VideoDecoder::open(file);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE((*v)->seek(1_s).ok());
    EXPECT_TRUE(extractAudio(file, {}, {}).ok());
}

TEST(Robustness, NameThatLooksLikeAProtocol) {
    fs::path dir = test::scratchDir();
    fs::path file = dir / "http:lesson.mp4";
    fs::copy_file(test::videoOnlyMp4(), file, fs::copy_options::overwrite_existing);
    auto cwd = fs::current_path();
    fs::current_path(dir);
    auto p = probe("http:lesson.mp4");
    fs::current_path(cwd);
    EXPECT_TRUE(p.ok()) << p.error().describe();
}

TEST(Robustness, NamedPipeDoesNotBlock) {
    fs::path fifo = test::scratchDir() / "pipe.mp4";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto p = probe(fifo);
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.error().message.find("is not a regular file"), std::string::npos);
    EXPECT_FALSE(VideoDecoder::open(fifo).ok());
    EXPECT_FALSE(fingerprint(fifo).ok());
}

TEST(Robustness, UnreadableFile) {
    if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
    fs::path file = test::scratchDir() / "private.mp4";
    fs::copy_file(test::videoOnlyMp4(), file, fs::copy_options::overwrite_existing);
    fs::permissions(file, fs::perms::none);
    for (const Error& e : {probe(file).error(), checkMedia(file).error(),
                           VideoDecoder::open(file).error(), fingerprint(file).error()}) {
        EXPECT_NE(e.message.find("cannot be read: permission denied"), std::string::npos);
    }
    fs::permissions(file, fs::perms::owner_all);
}

}  // namespace
}  // namespace ll::media
