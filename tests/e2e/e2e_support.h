#pragma once
// Helpers for driving the real app: a private Xvfb server, shell commands, PNG and raw RGB
// images, and region comparison.

#include "support/process.h"
#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ll::e2e {

// Runs a shell command; returns its exit status (-1 when it did not exit normally).
// Shell helpers shared by every suite (tests/support/process.h).
using ll::test::runShell;
using ll::test::shellQuote;
// The full path of `program` on PATH, or empty.
std::filesystem::path findProgram(const std::string& program);

// An Xvfb server on the first free display number from 90 up; stopped at destruction.
class Xvfb {
public:
    static std::optional<Xvfb> start(int width, int height);
    Xvfb(Xvfb&& o) noexcept : m_pid(o.m_pid), m_display(o.m_display) { o.m_pid = -1; }
    Xvfb& operator=(Xvfb&& o) noexcept {
        std::swap(m_pid, o.m_pid);
        std::swap(m_display, o.m_display);
        return *this;
    }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;
    ~Xvfb();
    std::string display() const { return ":" + std::to_string(m_display); }

private:
    Xvfb(pid_t pid, int display) : m_pid(pid), m_display(display) {}
    pid_t m_pid = -1;
    int m_display = 0;
};

// The shell command that runs the real lessonlens in `workDir` on `display` with software GL,
// its own config and data folders under `workDir`, the library `db`, reviewer "Tester" and the
// script `scriptFile` (output to stdout, at most 180 s). `extraArgs` go before --script.
std::string lessonLensCommand(const std::filesystem::path& workDir, const std::string& display,
                              const std::filesystem::path& db, const std::filesystem::path& scriptFile,
                              const std::string& extraArgs = "");

// Reads what an app started with popen() prints until it exits; returns pclose's status.
int finishApp(FILE* app, std::string& output);

// What the app writes beside each screenshot (PNG + ".json"): where the picture is, in
// screenshot pixels, the frame shown and the playhead. Fields stay -1/0 when unreadable.
struct ScreenshotMeta {
    int x = 0, y = 0, w = 0, h = 0;
    int64_t frameMicros = -1;
    int64_t positionMicros = -1;
    std::string clipTitle;  // the open clip's title; empty with none open
    std::string message;    // the status line's latest message (shown for a few seconds)
    std::string modal;      // the title of the modal dialog in front; empty with none
};
ScreenshotMeta readScreenshotMeta(const std::filesystem::path& png);

struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;  // rows top-down, 3 bytes a pixel
    const uint8_t* at(int x, int y) const { return rgb.data() + (static_cast<size_t>(y) * width + x) * 3; }
};

std::optional<Image> readPng(const std::filesystem::path& file);
// A frame of `clip` at `seconds` scaled to width x height, via the ffmpeg CLI.
std::optional<Image> referenceFrame(const std::filesystem::path& clip, double seconds, int width, int height);
// Crops [x, x+w) x [y, y+h).
Image crop(const Image& image, int x, int y, int w, int h);
// Mean absolute difference per channel (0..255), ignoring a `border` of pixels.
double meanAbsDiff(const Image& a, const Image& b, int border = 2);
// Pixels in [x0, x1) x [y0, y1) within `tolerance` of the colour 0xRRGGBB on every channel.
int countColour(const Image& img, int x0, int y0, int x1, int y1, uint32_t rgb, int tolerance = 12);
// Standard deviation of the luma over the whole image.
double lumaStdDev(const Image& image);

}  // namespace ll::e2e
