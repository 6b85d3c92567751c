// Real sound through PortAudio, end to end: the real app plays a clip into a private sound
// server (SoundServer: PulseAudio's null sink, paced like a sound card) and the recording of
// what it played is checked: the clip's tone at its pitch, for as long as the clip advanced, at
// 1x and 2x; silence after pause; the picture's clock matching the sound heard; and the app
// carrying on silently, without losing its place or hanging, when the server is killed.
//
// The clip: a 440 Hz tone with a 1 kHz beep of 0.1 s at every half second past the second
// (0.5, 1.5, 2.5 ...), so where a beep starts in the recording says which media time was heard.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <thread>

#include "e2e_support.h"
#include "sound_server.h"
#include "support/temp_dir.h"

namespace ll::e2e {
namespace {
namespace fs = std::filesystem;

constexpr int kRate = SoundServer::kRate;
constexpr double kTone = 440.0, kBeep = 1000.0;
constexpr double kFrame = 0.040;  // the clip's frame duration (25 fps)

// ---- reading the recording --------------------------------------------------------------

std::vector<float> readRecording(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    std::vector<float> x(bytes.size() / sizeof(float));
    std::memcpy(x.data(), bytes.data(), x.size() * sizeof(float));
    return x;
}

// Amplitude of frequency `f` in x[from, from + n) (Goertzel), 0..1 for a full-scale sine.
double amplitudeAt(const std::vector<float>& x, size_t from, size_t n, double f) {
    const double w = 2 * M_PI * f / kRate, c = 2 * std::cos(w);
    double s1 = 0, s2 = 0;
    for (size_t i = from; i < from + n && i < x.size(); ++i) {
        const double s0 = x[i] + c * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return 2 * std::sqrt(std::max(0.0, s1 * s1 + s2 * s2 - c * s1 * s2)) / static_cast<double>(n);
}

// The strongest frequency in [lo, hi] Hz over x[from, from + n), to 0.5 Hz.
double dominantFrequency(const std::vector<float>& x, size_t from, size_t n, double lo, double hi) {
    double best = lo, bestAmp = -1;
    for (double f = lo; f <= hi; f += 0.5) {
        double a = amplitudeAt(x, from, n, f);
        if (a > bestAmp) bestAmp = a, best = f;
    }
    return best;
}

// A stretch of sound in the recording, in seconds from its start.
struct Stretch {
    double start = 0, end = 0;
    double length() const { return end - start; }
};

// Where the recording is not silent: 10 ms windows louder than -26 dBFS, gaps under 50 ms
// bridged; the end is refined to the last loud sample.
std::vector<Stretch> soundStretches(const std::vector<float>& x) {
    constexpr size_t kWin = kRate / 100;
    std::vector<Stretch> out;
    bool in = false;
    size_t lastLoud = 0;
    for (size_t w = 0; w + kWin <= x.size(); w += kWin) {
        double sum = 0;
        for (size_t i = w; i < w + kWin; ++i) sum += double(x[i]) * x[i];
        const bool loud = std::sqrt(sum / kWin) > 0.05;
        if (loud) {
            if (!in || w - lastLoud > kRate / 20) {
                if (in) out.back().end = (lastLoud + kWin) / double(kRate);
                out.push_back({w / double(kRate), 0});
            }
            in = true;
            lastLoud = w;
        }
    }
    if (in) out.back().end = (lastLoud + kWin) / double(kRate);
    for (auto& s : out) {
        size_t i = std::min(x.size(), static_cast<size_t>(s.end * kRate));
        while (i > 0 && std::abs(x[i - 1]) < 0.1f) --i;
        s.end = i / double(kRate);
    }
    std::erase_if(out, [](const Stretch& s) { return s.length() < 0.05; });
    return out;
}

// Where beeps start within `s`: 5 ms windows every millisecond where 1 kHz outweighs 440 Hz,
// for at least 3 ms running.
std::vector<double> beepOnsets(const std::vector<float>& x, const Stretch& s) {
    constexpr size_t kWin = kRate / 200, kHop = kRate / 1000;
    std::vector<double> onsets;
    int run = 0;
    for (size_t i = static_cast<size_t>(s.start * kRate);
         i + kWin < static_cast<size_t>(s.end * kRate); i += kHop) {
        const bool beep = amplitudeAt(x, i, kWin, kBeep) > amplitudeAt(x, i, kWin, kTone);
        run = beep ? run + 1 : 0;
        if (run == 3) onsets.push_back((i - 2 * kHop) / double(kRate));
    }
    return onsets;
}

// What one stretch of sound says about the clip: it started at media time `fromMedia` and
// played at `speed`.
struct Heard {
    Stretch stretch;
    std::vector<double> onsets;
    double beepSpacing = 0;  // seconds of recording between consecutive beeps (lower median)
    double toneHz = 0, beepHz = 0;
    double lastMedia = -1;  // media time of the last sample heard
};

Heard analyse(const std::vector<float>& x, const Stretch& s, double fromMedia, double speed) {
    Heard h;
    h.stretch = s;
    h.onsets = beepOnsets(x, s);
    // Between consecutive beeps: the lower median, as an underrun on a loaded machine only
    // ever lengthens one gap.
    if (h.onsets.size() >= 2) {
        std::vector<double> gaps;
        for (size_t k = 1; k < h.onsets.size(); ++k) gaps.push_back(h.onsets[k] - h.onsets[k - 1]);
        std::sort(gaps.begin(), gaps.end());
        h.beepSpacing = gaps[(gaps.size() - 1) / 2];
    }
    if (h.onsets.empty()) return h;
    // Pitch between beeps (a beep lasts 0.1 s of media), and of the first whole beep.
    const auto at = [&](double t) { return static_cast<size_t>(t * kRate); };
    h.toneHz = dominantFrequency(x, at(h.onsets[0] + 0.12 / speed), kRate / 5, 300, 1200);
    h.beepHz = dominantFrequency(x, at(h.onsets[0] + 0.01),
                                 static_cast<size_t>(0.075 / speed * kRate), 700, 1300);
    // The last beep heard is the one nearest where the speed says it should be, on the grid of
    // beeps at k + 0.5 s; the sound after it carries on at `speed`.
    const double expected = fromMedia + (h.onsets.back() - s.start) * speed;
    const double lastBeep = std::round(expected - 0.5) + 0.5;
    h.lastMedia = lastBeep + (s.end - h.onsets.back()) * speed;
    return h;
}

// ---- the fixture ------------------------------------------------------------------------

class SoundDevice : public ::testing::Test {
protected:
    void SetUp() override {
        if (findProgram("Xvfb").empty()) GTEST_SKIP() << "Xvfb is not installed";
        ASSERT_FALSE(findProgram("ffmpeg").empty()) << "the ffmpeg CLI makes the test clip";
        m_clip = m_tmp / "tone.mp4";
        std::string cmd =
            "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=12 -f "
            "lavfi -i "
            "\"aevalsrc='if(lt(mod(t+0.5\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0.5*sin(2*PI*440*t))'"
            ":s=48000:d=12\" "
            "-c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 192k " +
            shellQuote(m_clip.string()) + " 2>&1";
        std::string log;
        ASSERT_EQ(runShell(cmd, &log), 0) << log;
        std::string error;
        m_sound = SoundServer::start(m_tmp / "sound", error);
        ASSERT_TRUE(m_sound) << "the sound server for this test cannot start: " << error;
        m_recording = m_tmp / "played.f32";
        ASSERT_TRUE(m_sound->startRecording(m_recording, error)) << error << "\n" << m_sound->log();
        m_xvfb = Xvfb::start(1280, 800);
        ASSERT_TRUE(m_xvfb) << "could not start Xvfb on a free display";
    }

    std::string appCommand(const std::string& script) {
        fs::path file = m_tmp / "script.txt";
        std::ofstream(file) << script;
        return m_sound->shellEnvironment() + lessonLensCommand(m_tmp.path(), m_xvfb->display(),
                                                               m_tmp / "lib.sqlite", file,
                                                               "--stats");
    }

    // Seconds of sound recorded so far, and whether the recording has since gone quiet for
    // `quietFor` seconds.
    std::pair<double, bool> soundSoFar(double quietFor) {
        auto x = readRecording(m_recording);
        auto stretches = soundStretches(x);
        double total = 0;
        for (const auto& s : stretches) total += s.length();
        const bool quiet =
            !stretches.empty() && double(x.size()) / kRate - stretches.back().end >= quietFor;
        return {total, quiet};
    }

    // Runs the app on `script` and, once `ready` says so (polled on the recording), kills the
    // sound server. Returns the app's exit status; its output goes to `output`.
    template <class Ready>
    int runAndUnplug(const std::string& script, Ready ready, std::string* output, bool* unplugged) {
        FILE* app = ::popen(appCommand(script).c_str(), "r");
        if (!app) return -1;
        std::atomic<bool> appDone{false};
        std::thread reader([&] {
            char buf[4096];
            size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, app)) > 0) output->append(buf, n);
            appDone = true;
        });
        *unplugged = false;
        for (int i = 0; i < 1200 && !*unplugged && !appDone; ++i) {  // at most a minute
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (ready()) {
                m_sound->kill();
                *unplugged = true;
            }
        }
        reader.join();
        int status = ::pclose(app);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    test::TempDir m_tmp;
    fs::path m_clip, m_recording;
    std::unique_ptr<SoundServer> m_sound;
    std::optional<Xvfb> m_xvfb;
};

// Script lines, one command each.
std::string scriptOf(std::initializer_list<std::string> lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// The media time where the app said it went silent ("playing on silently from 3.21 s").
double silentFrom(const std::string& output) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex("playing on silently from ([0-9.]+) s")))
        return -1;
    return std::stod(m[1]);
}

TEST_F(SoundDevice, PlaysTheClipAtItsPitchAtOneAndTwoTimesAndPauseStopsTheSound) {
    const fs::path a = m_tmp / "paused-1x.png", b = m_tmp / "paused-2x.png";
    const std::string script =
        scriptOf({"open " + shellQuote(m_clip.string()), "seek 1", "play", "wait 2.5", "pause",
                  "screenshot " + a.string(), "wait 1", "seek 5", "speed 2", "play", "wait 2",
                  "pause", "screenshot " + b.string(), "wait 0.7", "quit"});
    std::string output;
    ASSERT_EQ(runShell(appCommand(script), &output), 0) << output;
    // (a) The app played through the device, not on its silent clock.
    EXPECT_NE(output.find("sound: through ALSA"), std::string::npos)
        << "the app did not play through the sound server\n"
        << output << "\n"
        << m_sound->log();
    m_sound->stopRecording();
    const auto x = readRecording(m_recording);
    const auto stretches = soundStretches(x);
    ASSERT_EQ(stretches.size(), 2u) << "expected the sound of two plays, separated by the pause\n"
                                    << output;
    const ScreenshotMeta atA = readScreenshotMeta(a), atB = readScreenshotMeta(b);
    ASSERT_GT(atA.positionMicros, 1'000'000);
    ASSERT_GT(atB.positionMicros, 5'000'000);
    const double pausedA = atA.positionMicros / 1e6, pausedB = atB.positionMicros / 1e6;

    const Heard one = analyse(x, stretches[0], 1.0, 1.0);
    const Heard two = analyse(x, stretches[1], 5.0, 2.0);
    std::printf(
        "1x: %.3f s of sound, %zu beeps %.3f s apart, tone %.1f Hz, beep %.1f Hz; paused at %.3f, "
        "heard %.3f\n",
        one.stretch.length(), one.onsets.size(), one.beepSpacing, one.toneHz, one.beepHz, pausedA,
        one.lastMedia);
    std::printf(
        "2x: %.3f s of sound, %zu beeps %.3f s apart, tone %.1f Hz, beep %.1f Hz; paused at %.3f, "
        "heard %.3f\n",
        two.stretch.length(), two.onsets.size(), two.beepSpacing, two.toneHz, two.beepHz, pausedB,
        two.lastMedia);

    // (b) The clip's tone at its frequency, for as long as the clip advanced while playing.
    EXPECT_NEAR(one.toneHz, kTone, 4.0);
    EXPECT_NEAR(one.beepHz, kBeep, 15.0);
    EXPECT_GT(one.stretch.length(), 2.0) << "2.5 s of play";
    EXPECT_LT(one.stretch.length(), 4.0) << "2.5 s of play";
    EXPECT_NEAR(one.stretch.length(), pausedA - 1.0, 0.15)
        << "sound for as long as the clip advanced";
    ASSERT_GE(one.onsets.size(), 2u);
    EXPECT_NEAR(one.beepSpacing, 1.0, 0.03);

    // (c) At 2x the same pitch, and the clip's beeps come twice as often: content advances twice
    // as fast as the sound plays.
    EXPECT_NEAR(two.toneHz, kTone, 4.0) << "pitch kept at 2x";
    EXPECT_NEAR(two.toneHz, one.toneHz, 3.0) << "pitch kept at 2x";
    EXPECT_NEAR(two.beepHz, kBeep, 20.0);
    ASSERT_GE(two.onsets.size(), 3u);
    EXPECT_NEAR(two.beepSpacing, 0.5, 0.03);
    EXPECT_NEAR(two.stretch.length(), (pausedB - 5.0) / 2.0, 0.15)
        << "2 s of clip for each second of sound";

    // (d) Pause stops the sound: quiet between the plays and after the last pause.
    EXPECT_GT(stretches[1].start - stretches[0].end, 0.8) << "the pause lasted a second";
    const double tail = double(x.size()) / kRate - stretches[1].end;
    EXPECT_GT(tail, 0.4) << "the recording ran on after the last pause, silent";

    // A/V sync: where the app's clock stopped (the picture it shows) is what was last heard,
    // within a frame; the frame on screen is the one at that time.
    EXPECT_NEAR(pausedA, one.lastMedia, kFrame) << "the picture's clock and the sound heard differ";
    EXPECT_NEAR(pausedB, two.lastMedia, kFrame)
        << "the picture's clock and the sound heard differ at 2x";
    EXPECT_LE(atA.frameMicros, atA.positionMicros);
    EXPECT_GT(atA.frameMicros, atA.positionMicros - 41'000);
    EXPECT_LE(atB.frameMicros, atB.positionMicros);
    EXPECT_GT(atB.frameMicros, atB.positionMicros - 41'000);
}

TEST_F(SoundDevice, ServerKilledWhilePlayingCarriesOnSilentlyFromWhereTheSoundStopped) {
    const fs::path c = m_tmp / "playing-after-loss.png", d = m_tmp / "paused-after-loss.png",
                   e = m_tmp / "replayed-after-loss.png";
    const std::string script =
        scriptOf({"open " + shellQuote(m_clip.string()), "seek 1", "play", "wait 4.5",
                  "screenshot " + c.string(), "wait 1", "pause", "screenshot " + d.string(), "play",
                  "wait 0.5", "pause", "screenshot " + e.string(), "quit"});
    std::string output;
    bool unplugged = false;
    // Unplug after 1.2 s of sound.
    const int exit = runAndUnplug(
        script, [&] { return soundSoFar(1.0).first > 1.2; }, &output, &unplugged);
    ASSERT_TRUE(unplugged) << "the app never played 1.2 s of sound\n" << output;
    ASSERT_EQ(exit, 0) << "the app did not survive losing its sound device\n" << output;
    EXPECT_NE(output.find("sound: silent clock since"), std::string::npos) << output;

    const auto x = readRecording(m_recording);
    const auto stretches = soundStretches(x);
    ASSERT_EQ(stretches.size(), 1u) << output;
    const Heard heard = analyse(x, stretches[0], 1.0, 1.0);
    const double from = silentFrom(output);
    std::printf("sound for %.3f s, last heard %.3f; the app went on silently from %.3f\n",
                heard.stretch.length(), heard.lastMedia, from);
    // The position is kept: the silent clock starts where the sound stopped, not where a clock
    // that ran beside the sound would be.
    EXPECT_NEAR(from, heard.lastMedia, 0.1) << output;

    // And it keeps playing: 4.5 s after play, 1 s later, and another 0.5 s after play again.
    const ScreenshotMeta atC = readScreenshotMeta(c), atD = readScreenshotMeta(d),
                         atE = readScreenshotMeta(e);
    ASSERT_GT(atC.positionMicros, 0);
    EXPECT_GT(atC.positionMicros / 1e6, from + 1.0) << "the picture stopped with the sound";
    // The window says so, not only the log.
    EXPECT_NE(atC.message.find("sound device stopped"), std::string::npos) << atC.message;
    EXPECT_NEAR((atD.positionMicros - atC.positionMicros) / 1e6, 1.0, 0.5);
    EXPECT_NEAR((atE.positionMicros - atD.positionMicros) / 1e6, 0.5, 0.4);
}

TEST_F(SoundDevice, ServerGoneWhilePausedPlaysOnSilentlyInsteadOfHanging) {
    const fs::path f = m_tmp / "paused.png", g = m_tmp / "replayed.png";
    const std::string script =
        scriptOf({"open " + shellQuote(m_clip.string()), "seek 1", "play", "wait 1", "pause",
                  "screenshot " + f.string(), "wait 3", "play", "wait 1", "pause",
                  "screenshot " + g.string(), "quit"});
    std::string output;
    bool unplugged = false;
    // Unplug once the first play's sound has stopped (paused) for 0.3 s.
    const int exit = runAndUnplug(
        script,
        [&] {
            auto [seconds, quiet] = soundSoFar(0.3);
            return seconds > 0.5 && quiet;
        },
        &output, &unplugged);
    ASSERT_TRUE(unplugged) << output;
    ASSERT_EQ(exit, 0) << "play after the sound server went away hung or failed\n" << output;
    EXPECT_NE(output.find("sound: silent clock since"), std::string::npos) << output;
    const ScreenshotMeta atF = readScreenshotMeta(f), atG = readScreenshotMeta(g);
    ASSERT_GT(atF.positionMicros, 1'000'000);
    EXPECT_NEAR((atG.positionMicros - atF.positionMicros) / 1e6, 1.0, 0.5)
        << "the second play ran silently";
}

}  // namespace
}  // namespace ll::e2e
