#include "media/video_decoder.h"

#include <gtest/gtest.h>

#include "media/media_fixtures.h"
#include "media/png_writer.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

// Our frame at `t` (as a PNG) against ffmpeg's frame for the time our frame starts.
double psnrAgainstFfmpeg(const fs::path& file, MediaTime t, const std::string& tag) {
    auto dec = VideoDecoder::open(file);
    EXPECT_TRUE(dec.ok()) << dec.error().describe();
    if (!dec) return -1;
    auto shown = (*dec)->seek(t);
    EXPECT_TRUE(shown.ok()) << shown.error().describe();
    if (!shown) return -1;
    EXPECT_LE(*shown, t);
    auto image = (*dec)->thumbnail();
    EXPECT_TRUE(image.ok());
    fs::path ours = test::scratchDir() / (tag + "-ours.png");
    EXPECT_TRUE(writePng(ours, *image).ok());
    // ffmpeg -ss T gives the first frame at or after T; a microsecond before our frame's start
    // that is our frame.
    fs::path ref = test::ffmpegFramePng(file, (shown->micros() - 1) / 1e6, tag + "-ref.png");
    return test::psnr(ours, ref);
}

TEST(VideoDecoder, FrameOnFrameBoundaryMatchesFfmpegSeek) {
    fs::path file = test::h264AacMp4();
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok()) << dec.error().describe();
    for (int64_t ms : {0, 40, 1000, 1960, 2040, 2960}) {
        MediaTime t = MediaTime::fromMillis(ms);
        auto shown = (*dec)->seek(t);
        ASSERT_TRUE(shown.ok());
        EXPECT_EQ(*shown, t) << ms;
        auto image = (*dec)->thumbnail();
        ASSERT_TRUE(image.ok());
        std::string tag = "boundary" + std::to_string(ms);
        fs::path ours = test::scratchDir() / (tag + ".png");
        ASSERT_TRUE(writePng(ours, *image).ok());
        fs::path ref = test::ffmpegFramePng(file, ms / 1000.0, tag + "-ref.png");
        EXPECT_GE(test::psnr(ours, ref), 40.0) << "at " << ms << " ms";
    }
}

TEST(VideoDecoder, TimeInsideAFrameGivesTheFrameOnScreen) {
    auto dec = VideoDecoder::open(test::h264AacMp4());
    ASSERT_TRUE(dec.ok());
    // 25 fps: frames start every 40 ms; 1.039 s is still inside the frame starting at 1.000 s.
    auto shown = (*dec)->seek(MediaTime::fromMicros(1'039'000));
    ASSERT_TRUE(shown.ok());
    EXPECT_EQ(shown->micros(), 1'000'000);
    EXPECT_GE(psnrAgainstFfmpeg(test::h264AacMp4(), MediaTime::fromMicros(1'039'000), "inside"),
              40.0);
}

TEST(VideoDecoder, SeeksInAnyOrder) {
    auto dec = VideoDecoder::open(test::h264AacMp4());
    ASSERT_TRUE(dec.ok());
    for (int64_t ms : {2500, 300, 2980, 0, 1990, 1999, 2001, 10}) {
        auto shown = (*dec)->seek(MediaTime::fromMillis(ms));
        ASSERT_TRUE(shown.ok());
        EXPECT_EQ(shown->millis(), ms / 40 * 40) << ms;
    }
}

TEST(VideoDecoder, StepsForwardAndBack) {
    auto dec = VideoDecoder::open(test::h264AacMp4());
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(1990)).ok());
    EXPECT_EQ((*dec)->frameTime().millis(), 1960);
    auto next = (*dec)->stepForward();
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->millis(), 2000);  // across the keyframe at 2 s
    next = (*dec)->stepForward();
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->millis(), 2040);
    auto back = (*dec)->stepBack();
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->millis(), 2000);
    back = (*dec)->stepBack();
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->millis(), 1960);

    ASSERT_TRUE((*dec)->seek(MediaTime::zero()).ok());
    auto beforeFirst = (*dec)->stepBack();
    ASSERT_FALSE(beforeFirst.ok());
    EXPECT_EQ(beforeFirst.error().code, Error::Code::NotFound);
    EXPECT_EQ((*dec)->frameTime(), MediaTime::zero());

    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(2999)).ok());
    EXPECT_EQ((*dec)->frameTime().millis(), 2960);
    auto pastLast = (*dec)->stepForward();
    ASSERT_FALSE(pastLast.ok());
    EXPECT_EQ(pastLast.error().code, Error::Code::NotFound);
}

TEST(VideoDecoder, SeekingToAFramesOwnTimeFindsItAgain) {
    // 29.97 fps: frame times are not whole microseconds.
    fs::path file =
        test::makeFixture("ntsc.mp4",
                          "-f lavfi -i testsrc2=size=160x120:rate=30000/1001:duration=2 "
                          "-c:v libx264 -preset veryfast -g 30 -pix_fmt yuv420p");
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(500)).ok());
    MediaTime previous = (*dec)->frameTime();
    for (int i = 0; i < 40; ++i) {
        auto next = (*dec)->stepForward();
        ASSERT_TRUE(next.ok());
        EXPECT_GT(*next, previous);
        auto again = (*dec)->seek(*next);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, *next);
        previous = *next;
    }
}

TEST(VideoDecoder, KeepsYuvPlanesForDisplay) {
    auto dec = VideoDecoder::open(test::h264AacMp4());
    ASSERT_TRUE(dec.ok());
    auto frame = (*dec)->frameAt(MediaTime::fromMillis(520));
    ASSERT_TRUE(frame.ok());
    EXPECT_EQ(frame->time.millis(), 520);
    EXPECT_EQ(frame->duration.millis(), 40);
    EXPECT_EQ(frame->format, YuvLayout::Yuv420p);
    EXPECT_EQ(frame->width, 320);
    EXPECT_EQ(frame->planes[0].width, 320);
    EXPECT_EQ(frame->planes[0].height, 240);
    EXPECT_EQ(frame->planes[1].width, 160);
    EXPECT_EQ(frame->planes[2].height, 120);
    EXPECT_GE(frame->planes[0].stride, 320);
    EXPECT_EQ(frame->planes[0].bytes.size(), size_t(frame->planes[0].stride) * 240);
}

TEST(VideoDecoder, AppliesRotationForThumbnails) {
    fs::path file = test::hevcRotatedMp4();
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok());
    EXPECT_EQ((*dec)->rotation(), 90);
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(800)).ok());
    auto image = (*dec)->thumbnail();
    ASSERT_TRUE(image.ok());
    EXPECT_EQ(image->width, 240);
    EXPECT_EQ(image->height, 320);
    auto frame = (*dec)->frame();
    ASSERT_TRUE(frame.ok());
    EXPECT_EQ(frame->rotation, 90);
    EXPECT_EQ(frame->width, 320);  // planes stay as coded; the shader rotates
    EXPECT_GE(psnrAgainstFfmpeg(file, MediaTime::fromMillis(800), "rot90"), 40.0);

    auto small = (*dec)->thumbnail(120);
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small->width, 120);
    EXPECT_EQ(small->height, 160);
}

TEST(VideoDecoder, FullSizeThumbnailsWidenNonSquarePixelsAsAPlayerDoes) {
    // A PAL camera's 720x576 with 16:11 pixels is shown 1047x576; 720x576 would squeeze it.
    fs::path file = test::makeFixture("anamorphic.mp4",
                                      "-f lavfi -i testsrc2=size=720x576:rate=25:duration=1 "
                                      "-vf setsar=16/11 -c:v libx264 -preset ultrafast "
                                      "-pix_fmt yuv420p");
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(400)).ok());
    auto full = (*dec)->thumbnail();
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->width, 1047);
    EXPECT_EQ(full->height, 576);
    auto scaled = (*dec)->thumbnail(800);
    ASSERT_TRUE(scaled.ok());
    EXPECT_EQ(scaled->width, 800);
    EXPECT_EQ(scaled->height, 440);
}

TEST(VideoDecoder, AudioOnlyFileHasNoVideo) {
    auto dec = VideoDecoder::open(test::audioOnlyM4a());
    ASSERT_FALSE(dec.ok());
    EXPECT_EQ(dec.error().code, Error::Code::NotFound);
    EXPECT_NE(dec.error().message.find("has no video"), std::string::npos);
}

TEST(VideoDecoder, TimesAreRelativeToTheContainerStart) {
    fs::path file = test::makeFixture("start.ts",
                                      "-f lavfi -i testsrc2=size=160x120:rate=25:duration=2 "
                                      "-c:v libx264 -preset veryfast -g 25 -pix_fmt yuv420p "
                                      "-output_ts_offset 10");
    ASSERT_GT(test::ffprobeStartTime(file), 9.0);
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok());
    auto first = (*dec)->seek(MediaTime::zero());
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->millis(), 0);
    auto shown = (*dec)->seek(MediaTime::fromMillis(1250));
    ASSERT_TRUE(shown.ok());
    EXPECT_EQ(shown->millis(), 1240);
    // FFmpeg 5.1's input seek (-ss before -i) on this stream writes no frame at all, so the
    // reference is the frame of the same index (31: 1.24 s at 25 fps) decoded from the start.
    auto image = (*dec)->thumbnail();
    ASSERT_TRUE(image.ok());
    fs::path ours = test::scratchDir() / "ts-start.png";
    ASSERT_TRUE(writePng(ours, *image).ok());
    EXPECT_GE(test::psnr(ours, test::ffmpegFrameByIndexPng(file, 31, "ts-start-ref.png")), 40.0);
}

}  // namespace
}  // namespace ll::media
