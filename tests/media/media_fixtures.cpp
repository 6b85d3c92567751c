#include "media/media_fixtures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/wait.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <sstream>

namespace ll::media::test {
namespace fs = std::filesystem;

fs::path fixtureDir() {
    fs::path dir = fs::path(LL_BIN_DIR) / ".." / "test-fixtures" / "media";
    fs::create_directories(dir);
    return fs::canonical(dir);
}

fs::path makeFixture(const std::string& name, const std::string& args) {
    fs::path p(name);
    std::string key = std::to_string(std::hash<std::string>{}(args) % 1000000007ULL);
    fs::path out = fixtureDir() / (p.stem().string() + "-" + key + p.extension().string());
    if (fs::exists(out)) return out;
    fs::path tmp = fixtureDir() / (p.stem().string() + ".tmp" + std::to_string(::getpid()) +
                                   p.extension().string());
    std::string cmd = "ffmpeg -nostdin -hide_banner -y -v error " + args + " " +
                      shellQuote(tmp.string()) + " 2>&1";
    std::string log;
    int rc = runShell(cmd, &log);
    if (rc != 0) {
        ADD_FAILURE() << "ffmpeg failed making " << name << ": " << cmd << "\n" << log;
        fs::remove(tmp);
        return {};
    }
    fs::rename(tmp, out);
    return out;
}

fs::path h264AacMp4() {
    return makeFixture("h264_aac.mp4",
                       "-f lavfi -i testsrc2=size=320x240:rate=25:duration=3 "
                       "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=3 "
                       "-ac 2 -c:v libx264 -preset veryfast -g 50 -bf 2 -pix_fmt yuv420p "
                       "-c:a aac -b:a 96k -shortest -metadata creation_time=2024-03-05T09:10:11Z");
}

fs::path faststartMp4() {
    // moov first, as phones and editors write it: a copy cut short still opens.
    return makeFixture("faststart.mp4",
                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=4 "
                       "-f lavfi -i sine=frequency=440:duration=4 "
                       "-c:v libx264 -preset veryfast -g 25 -pix_fmt yuv420p -c:a aac "
                       "-movflags +faststart");
}

fs::path webmWithCuesLast() {
    return makeFixture("cues_last.webm",
                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=8 "
                       "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=8 "
                       "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -g 25 -c:a libopus");
}

fs::path webmWithoutCues() {
    // FFmpeg 5.1 leaves the cues out when the space reserved for them before the clusters is
    // too small (it warns, and still writes the Duration and exits 0).
    return makeFixture("no_cues.webm",
                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=8 "
                       "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=8 "
                       "-c:v libvpx -deadline realtime -cpu-used 8 -g 25 -c:a libvorbis "
                       "-reserve_index_space 4");
}

fs::path withTimecodeTrack(const std::string& name, const std::string& timecode, bool withSound,
                           const std::string& rate) {
    std::string args = "-f lavfi -i testsrc2=size=160x120:rate=" + rate + ":duration=2 ";
    if (withSound) args += "-f lavfi -i sine=frequency=440:duration=2 -c:a aac ";
    return makeFixture(name, args + "-c:v libx264 -preset veryfast -pix_fmt yuv420p -timecode " +
                                 shellQuote(timecode));
}

fs::path withRotation(const fs::path& source, int clockwiseDegrees) {
    // FFmpeg 5.1's mp4 muxer writes a display matrix only when stream-copying, and reads the
    // "rotate" tag as counter-clockwise degrees; players (and ffmpeg's autorotate) turn the
    // picture clockwise by (360 - tag). Phones write the matrix for 90° clockwise.
    int tagDegrees = (360 - clockwiseDegrees) % 360;
    return makeFixture(source.stem().string() + "_rot" + std::to_string(clockwiseDegrees) +
                           source.extension().string(),
                       "-i " + shellQuote(source.string()) +
                           " -map 0 -c copy -metadata:s:v:0 rotate=" + std::to_string(tagDegrees));
}

fs::path hevcRotatedMp4() {
    fs::path plain = makeFixture("hevc.mp4",
                                 "-f lavfi -i testsrc2=size=320x240:rate=25:duration=2 "
                                 "-c:v libx265 -preset ultrafast -x265-params log-level=error "
                                 "-pix_fmt yuv420p -tag:v hvc1");
    return withRotation(plain, 90);
}

fs::path audioOnlyM4a() {
    return makeFixture("audio_only.m4a",
                       "-f lavfi -i sine=frequency=300:sample_rate=44100:duration=3 "
                       "-c:a aac -b:a 64k");
}

fs::path videoOnlyMp4() {
    return makeFixture("video_only.mp4",
                       "-f lavfi -i testsrc2=size=160x120:rate=25:duration=2 "
                       "-c:v libx264 -preset veryfast -pix_fmt yuv420p");
}

namespace {

// Removes this process's scratch folder when the tests are done; cached fixtures stay.
class ScratchCleanup : public ::testing::Environment {
public:
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(fixtureDir() / ("scratch-" + std::to_string(::getpid())), ec);
    }
};
const auto* const kScratchCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace

fs::path scratchDir() {
    fs::path dir = fixtureDir() / ("scratch-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

static fs::path ffmpegPng(const std::string& inputArgs, const std::string& filter,
                          const std::string& name) {
    fs::path out = scratchDir() / name;
    // passthrough: no frame-rate conversion between the decoder and the PNG.
    std::string cmd = "ffmpeg -nostdin -hide_banner -y -v error " + inputArgs + filter +
                      " -fps_mode passthrough -frames:v 1 -pix_fmt rgb24 " +
                      shellQuote(out.string()) + " 2>&1";
    std::string log;
    if (runShell(cmd, &log) != 0 || !fs::exists(out)) {
        ADD_FAILURE() << cmd << "\n" << log;
        return {};
    }
    return out;
}

fs::path ffmpegFramePng(const fs::path& file, double seconds, const std::string& name) {
    char ss[64];
    std::snprintf(ss, sizeof ss, "%.6f", seconds);
    return ffmpegPng(std::string("-ss ") + ss + " -i " + shellQuote(file.string()), "", name);
}

fs::path ffmpegFrameByIndexPng(const fs::path& file, int64_t index, const std::string& name) {
    return ffmpegPng("-i " + shellQuote(file.string()),
                     " -vf \"select='eq(n\\," + std::to_string(index) + ")'\"", name);
}

double psnr(const fs::path& a, const fs::path& b) {
    std::string log;
    std::string cmd =
        "ffmpeg -nostdin -hide_banner -v info -i " + shellQuote(a.string()) + " -i " +
        shellQuote(b.string()) +
        " -lavfi '[0:v]format=rgb24[a];[1:v]format=rgb24[b];[a][b]psnr' -f null - 2>&1";
    if (runShell(cmd, &log) != 0) return -1;
    auto pos = log.find("average:");
    if (pos == std::string::npos) return -1;
    std::string value = log.substr(pos + 8, log.find(' ', pos) - pos - 8);
    if (value.rfind("inf", 0) == 0) return 100;
    return std::atof(value.c_str());
}

static double ffprobeFormatValue(const fs::path& file, const char* key) {
    std::string out;
    std::string cmd = std::string("ffprobe -v error -show_entries format=") + key +
                      " -of default=nw=1:nk=1 " + shellQuote(file.string());
    if (runShell(cmd, &out) != 0 || out.empty()) return -1;
    return std::atof(out.c_str());
}

double ffprobeDuration(const fs::path& file) {
    return ffprobeFormatValue(file, "duration");
}
double ffprobeStartTime(const fs::path& file) {
    return ffprobeFormatValue(file, "start_time");
}

double ffprobeLastPacketEnd(const fs::path& file) {
    std::string out;
    std::string cmd = "ffprobe -v error -of csv=p=0 -show_entries packet=pts_time,duration_time ";
    cmd += shellQuote(file.string());
    if (runShell(cmd, &out) != 0) return -1;
    double last = -1;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        const auto comma = line.find(',');
        if (comma == std::string::npos || line.rfind("N/A", 0) == 0) continue;
        const double pts = std::atof(line.c_str());
        const std::string dur = line.substr(comma + 1);
        last = std::max(last, pts + (dur.rfind("N/A", 0) == 0 ? 0.0 : std::atof(dur.c_str())));
    }
    const double start = ffprobeStartTime(file);
    return last < 0 ? -1 : last - std::max(0.0, start);
}

fs::path truncatedCopy(const fs::path& file, uint64_t bytes, const std::string& name) {
    fs::path out = scratchDir() / name;
    fs::copy_file(file, out, fs::copy_options::overwrite_existing);
    fs::resize_file(out, bytes);
    return out;
}

}  // namespace ll::media::test
