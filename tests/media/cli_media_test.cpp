// lessonlens-cli probe, frame and check, run as a teacher or a script would.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "media/media_fixtures.h"
#include "support/process.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;

class CliMedia : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(cli())) GTEST_SKIP() << "lessonlens-cli is not built";
    }
    static fs::path cli() { return fs::path(LL_BIN_DIR) / "lessonlens-cli"; }
    static ll::test::ProcessResult runShell(std::vector<std::string> args) {
        args.insert(args.begin(), cli().string());
        // Media commands never touch the library; point it somewhere harmless anyway.
        return ll::test::runProcess(
            args, {{"LESSONLENS_DB", (test::scratchDir() / "lib.sqlite").string()}});
    }
};

TEST_F(CliMedia, ProbeJsonHasTheDocumentedFields) {
    auto r = runShell({"probe", test::h264AacMp4().string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["duration"].get<double>(), 3.0, 0.05);
    EXPECT_NE(j["container"].get<std::string>().find("mp4"), std::string::npos);
    EXPECT_EQ(j["fingerprint"].get<std::string>().rfind("v1:", 0), 0u);
    ASSERT_EQ(j["streams"].size(), 2u);
    const auto& v = j["streams"][0];
    EXPECT_EQ(v["type"], "video");
    EXPECT_EQ(v["codec"], "h264");
    EXPECT_EQ(v["width"], 320);
    EXPECT_EQ(v["height"], 240);
    EXPECT_NEAR(v["fps"].get<double>(), 25.0, 0.01);
    EXPECT_EQ(v["rotation"], 0);
    const auto& a = j["streams"][1];
    EXPECT_EQ(a["type"], "audio");
    EXPECT_EQ(a["sample_rate"], 48000);
    EXPECT_EQ(a["channels"], 2);
}

TEST_F(CliMedia, ProbeTextNamesStreams) {
    auto r = runShell({"probe", test::hevcRotatedMp4().string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("hevc 320x240"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rotated 90"), std::string::npos) << r.out;
}

TEST_F(CliMedia, ProbeShowsATimecodeTrackAsItsStartTimecode) {
    fs::path mov = test::withTimecodeTrack("tc.mov", "01:00:00:00");
    auto r = runShell({"probe", mov.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("#2 other: timecode 01:00:00:00\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("none"), std::string::npos) << r.out;

    r = runShell({"probe", mov.string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["streams"].size(), 3u);
    const auto& tc = j["streams"][2];
    // The fields every stream has keep their names and meaning...
    EXPECT_EQ(tc["index"], 2);
    EXPECT_EQ(tc["type"], "other");
    EXPECT_EQ(tc["codec"], "none");  // FFmpeg's name: it has no codec for a timecode track
    EXPECT_TRUE(tc.contains("duration"));
    // ...and say what it holds.
    EXPECT_EQ(tc.value("description", ""), "timecode 01:00:00:00");
    EXPECT_EQ(tc.value("timecode", ""), "01:00:00:00");
    EXPECT_EQ(tc.value("codec_tag", ""), "tmcd");
    EXPECT_EQ(j["streams"][0].value("codec_tag", ""), "avc1");
    EXPECT_FALSE(j["streams"][0].contains("description"));
}

TEST_F(CliMedia, ProbeOfAFolderFailsWithOneClearLine) {
    auto r = runShell({"probe", test::scratchDir().string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is a folder, not a media file"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST_F(CliMedia, FrameWritesTheRotatedFrameAsPng) {
    fs::path out = test::scratchDir() / "frame.png";
    auto r =
        runShell({"frame", test::hevcRotatedMp4().string(), "--at", "0:00.800", "--out", out.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(fs::exists(out));
    fs::path ref = test::ffmpegFramePng(test::hevcRotatedMp4(), 0.8, "frame-ref.png");
    EXPECT_GE(test::psnr(out, ref), 40.0);
}

TEST_F(CliMedia, FrameWidthScalesKeepingAspect) {
    fs::path out = test::scratchDir() / "small.png";
    auto r = runShell({"frame", test::h264AacMp4().string(), "--at", "1.5", "--out", out.string(),
                  "--width", "160", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["width"], 160);
    EXPECT_EQ(j["height"], 120);
    EXPECT_NEAR(j["time"].get<double>(), 1.48, 1e-6);
}

TEST_F(CliMedia, FrameOutsideTheClipIsAnError) {
    fs::path out = test::scratchDir() / "never.png";
    auto r = runShell({"frame", test::h264AacMp4().string(), "--at", "1:00", "--out", out.string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("outside the clip"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    r = runShell({"frame", test::h264AacMp4().string(), "--at", "soon", "--out", out.string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is not a time"), std::string::npos) << r.err;
}

TEST_F(CliMedia, FrameOfAudioOnlyFileSaysNoVideo) {
    auto r = runShell({"frame", test::audioOnlyM4a().string(), "--at", "1", "--out",
                  (test::scratchDir() / "x.png").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("has no video"), std::string::npos) << r.err;
}

TEST_F(CliMedia, CheckCleanFileExitsZero) {
    auto r = runShell({"check", test::h264AacMp4().string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["ok"], true);
    EXPECT_EQ(j["streams"][0]["frames"], 75);
    EXPECT_EQ(j["cut_short"], false);
}

TEST_F(CliMedia, CheckDamagedFileExitsThree) {
    fs::path whole = test::faststartMp4();
    fs::path half = test::truncatedCopy(whole, fs::file_size(whole) / 2, "half.mp4");
    auto r = runShell({"check", half.string()});
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_NE(r.out.find("ends early"), std::string::npos) << r.out;
    r = runShell({"check", half.string(), "--json"});
    EXPECT_EQ(r.exitCode, 3);
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["cut_short"], true);
    EXPECT_EQ(j["ok"], false);
}

TEST_F(CliMedia, CheckOfTextFileFails) {
    fs::path notes = test::scratchDir() / "notes.mp4";
    std::ofstream(notes) << "not a video";
    auto r = runShell({"check", notes.string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is not a video or audio file LessonLens can read"), std::string::npos);
}

TEST_F(CliMedia, CheckOfARecordingThatNeverFinishedSaysDamaged) {
    // Damaged past opening is still damaged: `check` exits 3, as for a file cut short.
    fs::path whole = test::h264AacMp4();
    fs::path half = test::truncatedCopy(whole, fs::file_size(whole) / 2, "unfinished.mp4");
    auto r = runShell({"check", half.string()});
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_NE(r.err.find("was never finished"), std::string::npos) << r.err;
}

TEST_F(CliMedia, AFramePastWhereACutFileStopsSaysSo) {
    fs::path whole = test::faststartMp4();
    fs::path cut = test::truncatedCopy(whole, fs::file_size(whole) / 2, "half-frame.mp4");
    auto r = runShell({"frame", cut.string(), "--at", "3.8", "--out",
                       (test::scratchDir() / "late.png").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is past where the file stops"), std::string::npos) << r.err;
    auto probe = runShell({"probe", cut.string()});
    EXPECT_NE(probe.out.find("ends early: the file stops at"), std::string::npos) << probe.out;
}

TEST_F(CliMedia, AFramePastWhereACutWebmStopsSaysSo) {
    // No index left to say so: the header's Duration and the last packets do.
    fs::path whole = test::webmWithCuesLast();
    fs::path cut = test::truncatedCopy(whole, fs::file_size(whole) * 6 / 10, "cut-frame.webm");
    auto r = runShell({"frame", cut.string(), "--at", "7.5", "--out",
                       (test::scratchDir() / "late-webm.png").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is past where the file stops"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(test::scratchDir() / "late-webm.png"));
    auto probe = runShell({"probe", cut.string()});
    EXPECT_NE(probe.out.find("ends early: the file stops at"), std::string::npos) << probe.out;
    auto json = runShell({"probe", cut.string(), "--json"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    auto j = nlohmann::json::parse(json.out);
    ASSERT_TRUE(j["ends_early_at"].is_number()) << json.out;
    EXPECT_LT(j["ends_early_at"].get<double>(), 7.0);
    // The whole file says nothing of the kind.
    auto healthy = runShell({"probe", whole.string(), "--json"});
    ASSERT_EQ(healthy.exitCode, 0) << healthy.err;
    EXPECT_TRUE(nlohmann::json::parse(healthy.out)["ends_early_at"].is_null()) << healthy.out;
}

}  // namespace
}  // namespace ll::media
