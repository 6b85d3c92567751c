// Any pixel format becomes 8-bit planar YUV for the shader and RGB that matches the ffmpeg CLI;
// rotation turns pictures the way players do.

#include <gtest/gtest.h>

#include "media/media_fixtures.h"
#include "media/png_writer.h"
#include "media/video_decoder.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

TEST(RotateClockwise, MovesPixelsLikeAPlayer) {
    // 3x2 image, pixel value = its index: 0 1 2 / 3 4 5.
    RgbImage img{3, 2, {}};
    for (uint8_t i = 0; i < 6; ++i) img.pixels.insert(img.pixels.end(), {i, i, i});
    auto at = [](const RgbImage& m, int x, int y) { return m.pixels[(y * m.width + x) * 3]; };

    RgbImage r90 = rotateClockwise(img, 90);  // 3 0 / 4 1 / 5 2
    ASSERT_EQ(r90.width, 2);
    ASSERT_EQ(r90.height, 3);
    EXPECT_EQ(at(r90, 0, 0), 3);
    EXPECT_EQ(at(r90, 1, 0), 0);
    EXPECT_EQ(at(r90, 1, 2), 2);

    RgbImage r180 = rotateClockwise(img, 180);  // 5 4 3 / 2 1 0
    EXPECT_EQ(at(r180, 0, 0), 5);
    EXPECT_EQ(at(r180, 2, 1), 0);

    RgbImage r270 = rotateClockwise(img, 270);  // 2 5 / 1 4 / 0 3
    ASSERT_EQ(r270.width, 2);
    EXPECT_EQ(at(r270, 0, 0), 2);
    EXPECT_EQ(at(r270, 1, 0), 5);
    EXPECT_EQ(at(r270, 0, 2), 0);

    EXPECT_EQ(rotateClockwise(img, 360).pixels, img.pixels);
}

double thumbnailPsnr(const fs::path& file, MediaTime t, const std::string& tag) {
    auto dec = VideoDecoder::open(file);
    EXPECT_TRUE(dec.ok()) << dec.error().describe();
    if (!dec) return -1;
    auto shown = (*dec)->seek(t);
    EXPECT_TRUE(shown.ok());
    auto image = (*dec)->thumbnail();
    EXPECT_TRUE(image.ok());
    if (!shown || !image) return -1;
    fs::path ours = test::scratchDir() / (tag + ".png");
    EXPECT_TRUE(writePng(ours, *image).ok());
    return test::psnr(ours,
                      test::ffmpegFramePng(file, (shown->micros() - 1) / 1e6, tag + "-ref.png"));
}

TEST(FrameConvert, RotationsOf180And270MatchFfmpeg) {
    for (int degrees : {180, 270}) {
        fs::path file = test::withRotation(test::videoOnlyMp4(), degrees);
        auto dec = VideoDecoder::open(file);
        ASSERT_TRUE(dec.ok());
        EXPECT_EQ((*dec)->rotation(), degrees);
        EXPECT_GE(thumbnailPsnr(file, MediaTime::fromMillis(600), "rot" + std::to_string(degrees)),
                  40.0);
    }
}

// 240x240 stored pixels that are 4/3 as wide as tall, shown 320x240.
fs::path anamorphicMp4() {
    return test::makeFixture("anamorphic.mp4",
                             "-f lavfi -i testsrc2=size=240x240:rate=10:duration=1 "
                             "-vf setsar=4/3 -c:v libx264 -pix_fmt yuv420p");
}

// Anamorphic video (DV/HDV style): 240x240 stored pixels that are 4/3 as wide as tall. The
// frame says so, so the app shows it 320 wide, as ffmpeg's thumbnail does.
TEST(FrameConvert, NonSquarePixelsAreReported) {
    fs::path file = anamorphicMp4();
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok()) << dec.error().describe();
    auto frame = (*dec)->frameAt(MediaTime::fromMillis(500));
    ASSERT_TRUE(frame.ok()) << frame.error().describe();
    EXPECT_EQ(frame->width, 240);
    EXPECT_NEAR(frame->pixelAspect, 4.0 / 3.0, 1e-9);
    auto square = VideoDecoder::open(test::videoOnlyMp4());
    ASSERT_TRUE(square.ok());
    auto plain = (*square)->frameAt(MediaTime::fromMillis(500));
    ASSERT_TRUE(plain.ok());
    EXPECT_DOUBLE_EQ(plain->pixelAspect, 1.0);
}

// Only a view well under the picture's size gets a shrunk frame; its size follows the view
// through the pixel aspect and the rotation.
TEST(FrameConvert, FramesForAViewShrinkOnlyWhenWorthIt) {
    auto dec = VideoDecoder::open(test::h264AacMp4());  // 320x240
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(520)).ok());
    for (auto [w, h] : {std::pair{0, 0}, std::pair{300, 225}, std::pair{640, 480}}) {
        auto f = (*dec)->frameForView(w, h);
        ASSERT_TRUE(f.ok());
        EXPECT_FALSE(f->reduced) << w << "x" << h;
        EXPECT_EQ(f->format, YuvLayout::Yuv420p);
        EXPECT_EQ(f->width, 320);
    }

    auto wide = VideoDecoder::open(anamorphicMp4());  // shown 320x240
    ASSERT_TRUE(wide.ok());
    ASSERT_TRUE((*wide)->seek(MediaTime::fromMillis(500)).ok());
    auto shrunk = (*wide)->frameForView(160, 120);
    ASSERT_TRUE(shrunk.ok());
    EXPECT_TRUE(shrunk->reduced);
    EXPECT_EQ(shrunk->width, 160);  // square pixels now
    EXPECT_EQ(shrunk->height, 120);
    EXPECT_NEAR(shrunk->pixelAspect, 1.0, 1e-9);
    // 240 stored pixels shown 320 wide are not worth shrinking to 300.
    auto nearly = (*wide)->frameForView(300, 225);
    ASSERT_TRUE(nearly.ok());
    EXPECT_FALSE(nearly->reduced);

    auto turned = VideoDecoder::open(test::hevcRotatedMp4());  // 320x240 shown 240x320
    ASSERT_TRUE(turned.ok());
    ASSERT_TRUE((*turned)->seek(MediaTime::fromMillis(800)).ok());
    auto upright = (*turned)->frameForView(120, 160);
    ASSERT_TRUE(upright.ok());
    EXPECT_TRUE(upright->reduced);
    EXPECT_EQ(upright->rotation, 90);
    EXPECT_EQ(upright->width, 160);  // planes stay in the coded orientation
    EXPECT_EQ(upright->height, 120);
    // Rounding the view's size never changes the picture's shape on screen.
    auto odd = (*turned)->frameForView(101, 134);
    ASSERT_TRUE(odd.ok());
    EXPECT_NEAR(odd->width * odd->pixelAspect / odd->height, 320.0 / 240.0, 1e-9);
}

struct PixelCase {
    const char* name;
    const char* args;  // encoder arguments after the test source
    YuvLayout expected;
};

void PrintTo(const PixelCase& c, std::ostream* os) {
    *os << c.name;
}

// A second of 160x120 test pattern encoded as `c` says.
fs::path fixtureFor(const PixelCase& c) {
    return test::makeFixture(
        std::string(c.name) +
            (std::string(c.args).find("mjpeg") != std::string::npos ? ".avi" : ".mkv"),
        std::string("-f lavfi -i testsrc2=size=160x120:rate=10:duration=1 ") + c.args);
}

class PixelFormats : public ::testing::TestWithParam<PixelCase> {};

TEST_P(PixelFormats, KeepsPlanesAndMatchesFfmpegRgb) {
    const PixelCase& c = GetParam();
    fs::path file = fixtureFor(c);
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok()) << dec.error().describe();
    auto frame = (*dec)->frameAt(MediaTime::fromMillis(500));
    ASSERT_TRUE(frame.ok()) << frame.error().describe();
    EXPECT_EQ(frame->format, c.expected);
    EXPECT_EQ(frame->planes[0].width, 160);
    EXPECT_EQ(frame->planes[0].height, 120);
    for (const auto& p : frame->planes) {
        EXPECT_EQ(p.bytes.size(), static_cast<size_t>(p.stride) * p.height);
    }
    EXPECT_GE(thumbnailPsnr(file, MediaTime::fromMillis(500), c.name), 40.0);
}

// The mean of a plane's samples; of byte `channel` of each pixel when `packed` (4 bytes a pixel).
double planeMean(const VideoFrame::Plane& p, int channel = 0, bool packed = false) {
    const int step = packed ? 4 : 1;
    double sum = 0;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            sum += p.bytes[static_cast<size_t>(y) * p.stride + static_cast<size_t>(x * step + channel)];
    return sum / (static_cast<double>(p.width) * p.height);
}

// A frame shrunk for a small view keeps what the shader needs to show the same colours: the
// levels (TV or full range), the matrix and each plane's average.
TEST_P(PixelFormats, ShrunkForAViewKeepsLevelsAndColours) {
    const PixelCase& c = GetParam();
    fs::path file = fixtureFor(c);
    auto dec = VideoDecoder::open(file);
    ASSERT_TRUE(dec.ok()) << dec.error().describe();
    ASSERT_TRUE((*dec)->seek(MediaTime::fromMillis(500)).ok());
    auto whole = (*dec)->frame();
    auto shrunk = (*dec)->frameForView(80, 60);
    ASSERT_TRUE(whole.ok() && shrunk.ok());
    EXPECT_FALSE(whole->reduced);
    EXPECT_TRUE(shrunk->reduced);
    EXPECT_EQ(shrunk->format, YuvLayout::Yuv444Packed);
    EXPECT_EQ(shrunk->width, 80);
    EXPECT_EQ(shrunk->height, 60);
    const auto& packed = shrunk->planes[0];
    EXPECT_EQ(packed.width, 80);
    EXPECT_EQ(packed.height, 60);
    EXPECT_GE(packed.stride, 80 * 4);
    EXPECT_EQ(packed.bytes.size(), static_cast<size_t>(packed.stride) * 60);
    EXPECT_TRUE(shrunk->planes[1].bytes.empty() && shrunk->planes[2].bytes.empty());
    EXPECT_DOUBLE_EQ(planeMean(packed, 3, true), 255.0);  // the unused fourth byte is opaque
    EXPECT_NEAR(shrunk->pixelAspect, 1.0, 1e-9);
    EXPECT_EQ(shrunk->fullRange, whole->fullRange);
    EXPECT_EQ(shrunk->matrix, whole->matrix);
    EXPECT_EQ(shrunk->time, whole->time);
    EXPECT_EQ(shrunk->duration, whole->duration);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(planeMean(packed, i, true), planeMean(whole->planes[static_cast<size_t>(i)]), 2.0)
            << "plane " << i;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, PixelFormats,
    ::testing::Values(
        PixelCase{"yuv420p10", "-c:v libx265 -x265-params log-level=error -pix_fmt yuv420p10le",
                  YuvLayout::Yuv420p},
        PixelCase{"yuvj420p", "-c:v mjpeg -q:v 2 -pix_fmt yuvj420p", YuvLayout::Yuv420p},
        PixelCase{"yuv422p", "-c:v ffv1 -pix_fmt yuv422p", YuvLayout::Yuv422p},
        PixelCase{"yuv444p", "-c:v ffv1 -pix_fmt yuv444p", YuvLayout::Yuv444p},
        PixelCase{"rgb", "-c:v ffv1 -pix_fmt bgr0", YuvLayout::Yuv444p},
        PixelCase{"gray", "-c:v ffv1 -pix_fmt gray", YuvLayout::Yuv420p},
        PixelCase{"nv12", "-c:v rawvideo -pix_fmt nv12", YuvLayout::Yuv420p}),
    [](const auto& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace ll::media
