#include "media/media_check.h"

#include <gtest/gtest.h>

#include <fstream>

#include "media/media_fixtures.h"
#include "media/probe.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

TEST(CheckMedia, CleanFileIsComplete) {
    auto r = checkMedia(test::h264AacMp4());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_FALSE(r->damaged()) << r->summary();
    ASSERT_EQ(r->streams.size(), 2u);
    EXPECT_EQ(r->streams[0].type, StreamType::Video);
    EXPECT_EQ(r->streams[0].frames, 75);
    EXPECT_EQ(r->streams[0].decodeErrors, 0);
    EXPECT_EQ(r->streams[1].type, StreamType::Audio);
    EXPECT_NEAR(static_cast<double>(r->streams[1].samples) / 48000, 3.0, 0.05);
    EXPECT_NEAR(r->decodedDuration.seconds(), 3.0, 0.05);
    EXPECT_FALSE(r->cutShort);
    EXPECT_TRUE(r->gaps.empty());
    EXPECT_NE(r->summary().find("complete"), std::string::npos);
}

TEST(CheckMedia, AudioOnlyFileIsComplete) {
    auto r = checkMedia(test::audioOnlyM4a());
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->damaged()) << r->summary();
}

TEST(CheckMedia, Mp4CutInHalfIsCutShort) {
    fs::path whole = test::faststartMp4();
    fs::path half = test::truncatedCopy(whole, fs::file_size(whole) / 2, "half.mp4");
    auto p = probe(half);
    ASSERT_TRUE(p.ok()) << "the header still says 4 s: " << p.error().describe();
    auto r = checkMedia(half);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_TRUE(r->damaged());
    EXPECT_TRUE(r->cutShort);
    EXPECT_LT(r->decodedDuration.seconds(), 3.0);
    EXPECT_NE(r->summary().find("ends early"), std::string::npos) << r->summary();
}

TEST(CheckMedia, Mp4WithoutMoovCannotBeOpened) {
    // ffmpeg writes moov at the end by default: cutting the file loses it.
    fs::path whole = test::h264AacMp4();
    fs::path half = test::truncatedCopy(whole, fs::file_size(whole) / 2, "no-moov.mp4");
    auto r = checkMedia(half);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::Damaged);
    EXPECT_NE(r.error().message.find("was never finished"), std::string::npos);
    EXPECT_NE(r.error().detail.find("moov"), std::string::npos) << r.error().detail;
}

TEST(CheckMedia, MkvCutMidClusterIsCutShort) {
    fs::path whole = test::makeFixture("clusters.mkv",
                                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=4 "
                                       "-c:v libx264 -preset veryfast -g 25 -pix_fmt yuv420p "
                                       "-cluster_time_limit 500");
    fs::path cut = test::truncatedCopy(whole, fs::file_size(whole) * 6 / 10 + 37, "cut.mkv");
    auto r = checkMedia(cut);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_TRUE(r->damaged());
    EXPECT_TRUE(r->cutShort) << r->summary();
}

TEST(CheckMedia, CorruptedBytesAreDecodeErrorsWithTimes) {
    fs::path whole = test::makeFixture("corrupt_src.ts",
                                       "-f lavfi -i testsrc2=size=320x240:rate=25:duration=3 "
                                       "-c:v mpeg2video -g 12 -q:v 4");
    fs::path bad = test::scratchDir() / "corrupt.ts";
    fs::copy_file(whole, bad, fs::copy_options::overwrite_existing);
    {
        std::fstream f(bad, std::ios::in | std::ios::out | std::ios::binary);
        auto size = static_cast<std::streamoff>(fs::file_size(bad));
        uint32_t x = 12345;
        for (std::streamoff off = size / 3; off < size / 2; off += 997) {
            x = x * 1103515245 + 12345;
            if (off % 188 < 8) continue;  // keep TS sync bytes and headers
            f.seekp(off);
            char junk[16];
            for (char& c : junk) c = static_cast<char>((x >>= 3) & 0xff);
            f.write(junk, sizeof junk);
        }
    }
    auto r = checkMedia(bad);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_TRUE(r->damaged());
    EXPECT_GT(r->decodeErrorCount(), 0) << r->summary();
    ASSERT_FALSE(r->problems.empty());
    EXPECT_GT(r->problems.front().time.seconds(), 0.5);
    EXPECT_LT(r->problems.front().time.seconds(), 3.0);
}

TEST(CheckMedia, FindsTimestampGaps) {
    fs::path file = test::makeFixture("gap.mkv",
                                      "-f lavfi -i testsrc2=size=160x120:rate=25:duration=3 "
                                      "-vf \"setpts='PTS+if(gte(N\\,25)\\,2/TB\\,0)'\" -vsync vfr "
                                      "-c:v libx264 -preset veryfast -pix_fmt yuv420p");
    auto r = checkMedia(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_TRUE(r->damaged());
    ASSERT_EQ(r->gaps.size(), 1u);
    EXPECT_NEAR(r->gaps[0].from.seconds(), 1.0, 0.05);
    EXPECT_NEAR(r->gaps[0].to.seconds(), 3.0, 0.05);
}

}  // namespace
}  // namespace ll::media
