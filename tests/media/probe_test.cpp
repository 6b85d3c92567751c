#include "media/probe.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "media/fingerprint.h"
#include "media/media_fixtures.h"

namespace ll::media {
namespace {
namespace fs = std::filesystem;
using test::makeFixture;

using test::scratchDir;

// Matroska written to a pipe, `seconds` long with `codecs` (ffmpeg's -c options): no Duration
// element and no index, as a camera app streaming to its file leaves it.
fs::path pipedMatroska(const std::string& name, int seconds, const std::string& codecs) {
    const fs::path file = scratchDir() / name;
    const std::string d = std::to_string(seconds);
    EXPECT_EQ(test::runShell("ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=" + d +
                             " -f lavfi -i sine=frequency=440:duration=" + d + " " + codecs + " -f matroska - > " +
                             test::shellQuote(file.string())),
              0);
    return file;
}

TEST(Probe, ReadsH264AacMp4) {
    auto r = probe(test::h264AacMp4());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_NE(r->container.find("mp4"), std::string::npos);
    EXPECT_NEAR(r->duration.seconds(), 3.0, 0.1);
    ASSERT_NE(r->bestVideo(), nullptr);
    ASSERT_NE(r->bestAudio(), nullptr);
    const StreamInfo& v = *r->bestVideo();
    EXPECT_EQ(v.type, StreamType::Video);
    EXPECT_EQ(v.codec, "h264");
    EXPECT_EQ(v.width, 320);
    EXPECT_EQ(v.height, 240);
    EXPECT_NEAR(v.fps, 25.0, 0.01);
    EXPECT_FALSE(v.variableFrameRate);
    EXPECT_EQ(v.pixelFormat, "yuv420p");
    EXPECT_EQ(v.rotation, 0);
    const StreamInfo& a = *r->bestAudio();
    EXPECT_EQ(a.codec, "aac");
    EXPECT_EQ(a.sampleRate, 48000);
    EXPECT_EQ(a.channels, 2);
    EXPECT_EQ(a.channelLayout, "stereo");
    ASSERT_TRUE(r->creationTimeUnixMicros.has_value());
    EXPECT_EQ(*r->creationTimeUnixMicros, 1709629811LL * 1'000'000);
    EXPECT_GT(r->sizeBytes, 0u);
}

TEST(Probe, ReportsClockwiseRotationFromDisplayMatrix) {
    auto r = probe(test::hevcRotatedMp4());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_NE(r->bestVideo(), nullptr);
    EXPECT_EQ(r->bestVideo()->codec, "hevc");
    EXPECT_EQ(r->bestVideo()->rotation, 90);
    EXPECT_EQ(r->bestVideo()->width, 320);  // coded size, before rotation
}

TEST(Probe, RotationOf270IsReported) {
    auto file = test::withRotation(test::videoOnlyMp4(), 270);
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r->bestVideo()->rotation, 270);
}

TEST(Probe, AudioOnlyHasNoBestVideo) {
    auto r = probe(test::audioOnlyM4a());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r->bestVideo(), nullptr);
    ASSERT_NE(r->bestAudio(), nullptr);
    EXPECT_EQ(r->bestAudio()->sampleRate, 44100);
    EXPECT_EQ(r->bestAudio()->channels, 1);
}

TEST(Probe, DetectsVariableFrameRate) {
    auto file = makeFixture("vfr.mkv",
                            "-f lavfi -i testsrc2=size=160x120:rate=30:duration=4 "
                            "-vf \"select='lt(mod(n\\,3)\\,1)+gte(n\\,60)'\" -vsync vfr "
                            "-c:v libx264 -preset veryfast -pix_fmt yuv420p");
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_NE(r->bestVideo(), nullptr);
    EXPECT_TRUE(r->bestVideo()->variableFrameRate);
    auto cfr = probe(test::videoOnlyMp4());
    ASSERT_TRUE(cfr.ok());
    EXPECT_FALSE(cfr->bestVideo()->variableFrameRate);
}

TEST(Probe, BFramesAtAConstantRateAreNotAVariableRate) {
    // Decode order puts a B-frame after the picture it precedes: the first packets read leave
    // holes at the end of their sorted times, which are not a change of rate.
    auto r = probe(test::h264AacMp4());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_NE(r->bestVideo(), nullptr);
    EXPECT_FALSE(r->bestVideo()->variableFrameRate);
    auto longer = makeFixture("bframes.mp4",
                              "-f lavfi -i testsrc2=size=160x120:rate=30:duration=8 "
                              "-c:v libx264 -preset medium -bf 3 -pix_fmt yuv420p");
    auto b = probe(longer);
    ASSERT_TRUE(b.ok()) << b.error().describe();
    EXPECT_FALSE(b->bestVideo()->variableFrameRate);
}

TEST(Probe, AContainerThatNeverSaysItsLengthIsMeasuredFromItsLastPackets) {
    // Matroska written to a pipe, as a camera app streaming to its file leaves it: no Duration
    // element and no index. It must not open as a 0-second lesson.
    const fs::path file = pipedMatroska("piped.mkv", 6, "-c:v libx264 -preset ultrafast -c:a aac -shortest");
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_NEAR(r->duration.seconds(), 6.0, 0.1);
    // Cut short as well: the length is what is there.
    fs::path cut = scratchDir() / "piped_cut.mkv";
    fs::copy_file(file, cut, fs::copy_options::overwrite_existing);
    fs::resize_file(cut, fs::file_size(file) / 2);
    auto c = probe(cut);
    ASSERT_TRUE(c.ok()) << c.error().describe();
    EXPECT_GT(c->duration.seconds(), 1.0);
    EXPECT_LT(c->duration.seconds(), 5.5);
}

TEST(Probe, AFileCutShortSaysWhereItStops) {
    // Index first (as phones write it), then the file cut: the index promises 4 s, the file
    // holds about half of that.
    auto whole = test::faststartMp4();
    auto full = probe(whole);
    ASSERT_TRUE(full.ok()) << full.error().describe();
    EXPECT_FALSE(full->endsEarlyAt);
    auto cut = probe(test::truncatedCopy(whole, fs::file_size(whole) / 2, "half4s.mp4"));
    ASSERT_TRUE(cut.ok()) << cut.error().describe();
    EXPECT_NEAR(cut->duration.seconds(), 4.0, 0.1);
    ASSERT_TRUE(cut->endsEarlyAt);
    EXPECT_GT(cut->endsEarlyAt->seconds(), 0.5);
    EXPECT_LT(cut->endsEarlyAt->seconds(), 3.5);
}

TEST(Probe, AWebmCutShortWithNoIndexLeftSaysWhereItStops) {
    // The header still promises 8 s; the cues that would say where the clusters are were at
    // the end (or never written), so only the last packets left tell where the file stops.
    for (const fs::path& whole : {test::webmWithCuesLast(), test::webmWithoutCues()}) {
        SCOPED_TRACE(whole.filename().string());
        auto cutFile = test::truncatedCopy(whole, fs::file_size(whole) * 6 / 10,
                                           "cut-" + whole.filename().string());
        auto cut = probe(cutFile);
        ASSERT_TRUE(cut.ok()) << cut.error().describe();
        EXPECT_NEAR(cut->duration.seconds(), 8.0, 0.1);
        ASSERT_TRUE(cut->endsEarlyAt);
        const double stops = test::ffprobeLastPacketEnd(cutFile);
        ASSERT_GT(stops, 1.0);
        ASSERT_LT(stops, 7.0);
        EXPECT_NEAR(cut->endsEarlyAt->seconds(), stops, 0.05);
    }
}

TEST(Probe, AWebmCutWithinItsLastHalfSecondIsNotCalledShort) {
    // Where the last packet ends and the stated Duration may differ by the last frame or an
    // audio block: the same half second of slack the full check allows.
    auto whole = test::webmWithoutCues();
    auto all = probe(whole);
    ASSERT_TRUE(all.ok()) << all.error().describe();
    auto nearlyAll = probe(test::truncatedCopy(whole, fs::file_size(whole) - 200, "tail.webm"));
    ASSERT_TRUE(nearlyAll.ok()) << nearlyAll.error().describe();
    EXPECT_FALSE(nearlyAll->endsEarlyAt);
}

TEST(Probe, WholeFilesDoNotEndEarly) {
    // What the tail of a file says must agree with its header when nothing is missing: WebM
    // with cues last, at the front and none; Matroska from a pipe (no Duration); MP4 with its
    // index last and first; MP3 and WAV.
    const fs::path piped =
        pipedMatroska("whole-piped.mkv", 5, "-c:v libvpx -deadline realtime -cpu-used 8 -c:a libvorbis");
    const std::vector<fs::path> files = {
        test::webmWithCuesLast(),
        test::webmWithoutCues(),
        makeFixture("cues_first.webm",
                    "-f lavfi -i testsrc2=size=160x120:rate=25:duration=5 "
                    "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=5 "
                    "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -g 25 -c:a libopus "
                    "-cues_to_front 1"),
        makeFixture("vp8_only.webm",
                    "-f lavfi -i testsrc2=size=160x120:rate=10:duration=5 "
                    "-c:v libvpx -deadline realtime -cpu-used 8"),
        makeFixture("opus_only.webm",
                    "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=5 -c:a libopus"),
        piped,
        test::h264AacMp4(),
        test::faststartMp4(),
        makeFixture("tone.mp3",
                    "-f lavfi -i sine=frequency=440:sample_rate=44100:duration=5 -c:a libmp3lame"),
        makeFixture("tone.wav",
                    "-f lavfi -i sine=frequency=440:sample_rate=16000:duration=5 -c:a pcm_s16le"),
    };
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        auto r = probe(file);
        ASSERT_TRUE(r.ok()) << r.error().describe();
        EXPECT_GT(r->duration.seconds(), 2.0);
        EXPECT_FALSE(r->endsEarlyAt)
            << r->endsEarlyAt->seconds() << " of " << r->duration.seconds();
    }
}

TEST(Probe, PicksDefaultAudioAndReadsLanguage) {
    auto file = makeFixture(
        "two_audio.mkv",
        "-f lavfi -i testsrc2=size=64x48:rate=10:duration=1 "
        "-f lavfi -i sine=frequency=200:duration=1 -f lavfi -i sine=frequency=900:duration=1 "
        "-map 0 -map 1 -map 2 -c:v libx264 -c:a libopus "
        "-metadata:s:a:0 language=eng -metadata:s:a:1 language=fra "
        "-disposition:a:0 0 -disposition:a:1 default");
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_NE(r->bestAudio(), nullptr);
    EXPECT_EQ(r->bestAudio()->index, 2);
    EXPECT_EQ(r->bestAudio()->language, "fra");
    EXPECT_EQ(r->streams[1].language, "eng");
}

TEST(Probe, ATimecodeTrackIsNamedByItsStartTimecode) {
    // `ffmpeg -timecode` (and cameras) add a QuickTime tmcd track: no codec FFmpeg decodes,
    // the start timecode in its "timecode" tag.
    struct Case {
        fs::path file;
        std::string timecode;
    };
    const std::vector<Case> cases = {
        {test::withTimecodeTrack("tc.mov", "01:00:00:00"), "01:00:00:00"},
        {test::withTimecodeTrack("tc.mp4", "01:00:00:00", false), "01:00:00:00"},
        {test::withTimecodeTrack("tc_df.mov", "10:59:59;28", true, "30000/1001"),
         "10:59:59;28"},  // drop frame, as NTSC cameras count
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.file.filename().string());
        auto r = probe(c.file);
        ASSERT_TRUE(r.ok()) << r.error().describe();
        ASSERT_FALSE(r->streams.empty());
        const StreamInfo& tc = r->streams.back();
        EXPECT_EQ(tc.type, StreamType::Other);
        EXPECT_EQ(tc.codecTag, "tmcd");
        EXPECT_EQ(tc.timecode, c.timecode);
        EXPECT_EQ(describeOtherStream(tc), "timecode " + c.timecode);
        // The picture and sound are read as before.
        ASSERT_NE(r->bestVideo(), nullptr);
        EXPECT_EQ(r->bestVideo()->codecTag, "avc1");
    }
}

TEST(Probe, ADataStreamWithoutACodecNameIsDescribedAsData) {
    // GoPro's telemetry track: FFmpeg only knows it as bytes ("bin_data").
    fs::path blob = test::fixtureDir() / "telemetry.bin";
    if (!fs::exists(blob)) std::ofstream(blob, std::ios::binary) << std::string(4000, 'Z');
    auto file = makeFixture("gopro_like.mov",
                            "-f lavfi -i testsrc2=size=160x120:rate=25:duration=1 -f data -i " +
                                test::shellQuote(blob.string()) +
                                " -map 0 -map 1 -c:v libx264 -preset veryfast -pix_fmt yuv420p "
                                "-c:d copy -tag:d gpmd");
    auto r = probe(file);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_EQ(r->streams.size(), 2u);
    EXPECT_EQ(r->streams[1].type, StreamType::Other);
    EXPECT_EQ(r->streams[1].codecTag, "gpmd");
    EXPECT_EQ(describeOtherStream(r->streams[1]), "GoPro MET data (gpmd)");

    StreamInfo bare;  // nothing known at all
    bare.codec = "none";
    EXPECT_EQ(describeOtherStream(bare), "data");
    StreamInfo named;  // a codec FFmpeg has a name for says it
    named.codec = "klv";
    EXPECT_EQ(describeOtherStream(named), "klv");
}

TEST(ProbeErrors, MissingFileSaysItDoesNotExist) {
    auto r = probe("/nonexistent/lesson.mp4");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::NotFound);
    EXPECT_NE(r.error().message.find("lesson.mp4"), std::string::npos);
}

TEST(ProbeErrors, FolderIsNamedAsAFolder) {
    auto r = probe(scratchDir());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("is a folder, not a media file"), std::string::npos);
}

TEST(ProbeErrors, EmptyFileIsEmpty) {
    fs::path p = scratchDir() / "empty.mp4";
    std::ofstream(p).close();
    auto r = probe(p);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("empty.mp4"), std::string::npos);
    EXPECT_NE(r.error().message.find("is empty"), std::string::npos);
}

TEST(ProbeErrors, TextFileNamedMp4IsNotMedia) {
    fs::path p = scratchDir() / "notes.mp4";
    std::ofstream(p) << "These are my lesson notes, not a video.\n";
    auto r = probe(p);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("notes.mp4"), std::string::npos);
    EXPECT_NE(r.error().message.find("is not a video or audio file LessonLens can read"),
              std::string::npos)
        << r.error().message;
    EXPECT_FALSE(r.error().detail.empty());
}

TEST(ProbeErrors, UnreadableFileSaysPermissionDenied) {
    if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
    fs::path p = scratchDir() / "locked.mp4";
    fs::copy_file(test::videoOnlyMp4(), p, fs::copy_options::overwrite_existing);
    fs::permissions(p, fs::perms::none);
    auto r = probe(p);
    fs::permissions(p, fs::perms::owner_all);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("cannot be read: permission denied"), std::string::npos);
}

TEST(ProbeErrors, UnopenableFileSaysItCannotBeRead) {
    // A path whose parent is a file: open() fails with ENOTDIR even for root.
    fs::path p = test::videoOnlyMp4() / "inner.mp4";
    auto r = probe(p);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("inner.mp4"), std::string::npos);
}

TEST(ProbeErrors, NonAsciiPathWorks) {
    fs::path p = scratchDir() / "leçon d’été — 数学.mp4";
    fs::copy_file(test::videoOnlyMp4(), p, fs::copy_options::overwrite_existing);
    auto r = probe(p);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_NE(r->bestVideo(), nullptr);
    auto fp = fingerprint(p);
    ASSERT_TRUE(fp.ok());
}

TEST(Fingerprint, SameContentSameFingerprintAnywhere) {
    fs::path copy = scratchDir() / "copy.mp4";
    fs::copy_file(test::h264AacMp4(), copy, fs::copy_options::overwrite_existing);
    auto a = fingerprint(test::h264AacMp4());
    auto b = fingerprint(copy);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->toString(), b->toString());
    EXPECT_EQ(a->clipId(), b->clipId());
    EXPECT_FALSE(a->clipId().isNil());
    EXPECT_EQ(a->digestHex.size(), 64u);
    EXPECT_EQ(a->toString().rfind("v1:" + std::to_string(a->sizeBytes) + ":", 0), 0u);
}

TEST(Fingerprint, MatchesSha256OfSizeHeadAndTail) {
    // A 3 MiB file: head and tail do not overlap, the middle is not read.
    fs::path p = scratchDir() / "big.bin";
    {
        std::ofstream out(p, std::ios::binary);
        for (int i = 0; i < 3 * 1024 * 1024; ++i) out.put(static_cast<char>((i * 7) & 0xff));
    }
    fs::path expectInput = scratchDir() / "expect.bin";
    std::string cmd = "{ printf '\\000\\000\\060\\000\\000\\000\\000\\000'; head -c 1048576 " +
                      test::shellQuote(p.string()) + "; tail -c 1048576 " +
                      test::shellQuote(p.string()) + "; } | sha256sum | cut -c1-64";
    std::string expected;
    ASSERT_EQ(test::runShell(cmd, &expected), 0);
    auto fp = fingerprint(p);
    ASSERT_TRUE(fp.ok());
    EXPECT_EQ(fp->sizeBytes, 3u * 1024 * 1024);
    EXPECT_EQ(fp->digestHex, expected.substr(0, 64));
}

TEST(Fingerprint, DiffersWhenTailDiffers) {
    fs::path a = scratchDir() / "a.bin";
    fs::path b = scratchDir() / "b.bin";
    std::ofstream(a, std::ios::binary) << std::string(5000, 'x') << "A";
    std::ofstream(b, std::ios::binary) << std::string(5000, 'x') << "B";
    EXPECT_NE(fingerprint(a)->digestHex, fingerprint(b)->digestHex);
}

TEST(Fingerprint, SameInsideTellsACopyFromOneDamagedInTheMiddle) {
    // The fingerprint reads the first and last MiB only: bytes changed between them leave it
    // as it was, and sameInside is what notices.
    std::string bytes(5 * 1024 * 1024, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
    fs::path a = scratchDir() / "lesson-a.bin", copy = scratchDir() / "lesson-copy.bin",
             damaged = scratchDir() / "lesson-damaged.bin";
    std::ofstream(a, std::ios::binary) << bytes;
    std::ofstream(copy, std::ios::binary) << bytes;
    for (size_t i = 2'000'000; i < 2'300'000; ++i) bytes[i] = 'x';
    std::ofstream(damaged, std::ios::binary) << bytes;
    ASSERT_EQ(fingerprint(a)->toString(), fingerprint(damaged)->toString());
    EXPECT_TRUE(*sameInside(a, copy));
    EXPECT_FALSE(*sameInside(a, damaged));
}

TEST(Fingerprint, FolderIsAnError) {
    auto r = fingerprint(scratchDir());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("folder"), std::string::npos);
}

}  // namespace
}  // namespace ll::media
