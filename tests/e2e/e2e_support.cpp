#include "e2e_support.h"

#include <png.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

namespace ll::e2e {
namespace fs = std::filesystem;

fs::path findProgram(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    size_t start = 0;
    while (start <= dirs.size()) {
        size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        fs::path candidate = fs::path(dirs.substr(start, end - start)) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return {};
}

int finishApp(FILE* app, std::string& output) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, app)) > 0) output.append(buf, n);
    return ::pclose(app);
}

std::string lessonLensCommand(const fs::path& workDir, const std::string& display, const fs::path& db,
                              const fs::path& scriptFile, const std::string& extraArgs) {
    return "cd " + shellQuote(workDir.string()) + " && DISPLAY=" + display +
           " LIBGL_ALWAYS_SOFTWARE=1 XDG_CONFIG_HOME=" + shellQuote((workDir / "config").string()) +
           " XDG_DATA_HOME=" + shellQuote((workDir / "data").string()) + " timeout 180 " +
           shellQuote(std::string(LL_BIN_DIR) + "/lessonlens") + " --db " + shellQuote(db.string()) +
           " --reviewer Tester " + extraArgs + " --script " + shellQuote(scriptFile.string()) + " 2>&1";
}

std::optional<Xvfb> Xvfb::start(int width, int height) {
    fs::path xvfb = findProgram("Xvfb");
    if (xvfb.empty()) return std::nullopt;
    std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    for (int display = 90; display < 190; ++display) {
        std::string sock = "/tmp/.X11-unix/X" + std::to_string(display);
        std::string lock = "/tmp/.X" + std::to_string(display) + "-lock";
        if (fs::exists(sock) || fs::exists(lock)) continue;
        pid_t pid = ::fork();
        if (pid < 0) return std::nullopt;
        if (pid == 0) {
            // Quiet child: Xvfb logs font-path noise to stderr.
            FILE* devnull = std::fopen("/dev/null", "w");
            if (devnull) {
                dup2(fileno(devnull), STDOUT_FILENO);
                dup2(fileno(devnull), STDERR_FILENO);
            }
            std::string d = ":" + std::to_string(display);
            ::execl(xvfb.c_str(), "Xvfb", d.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // Wait for the socket; if the server died (display taken meanwhile), try the next number.
        for (int i = 0; i < 100; ++i) {
            if (fs::exists(sock)) return Xvfb(pid, display);
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
    }
    return std::nullopt;
}

Xvfb::~Xvfb() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    ::waitpid(m_pid, nullptr, 0);
}

std::optional<Image> readPng(const fs::path& file) {
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, file.c_str())) return std::nullopt;
    img.format = PNG_FORMAT_RGB;
    Image out;
    out.width = static_cast<int>(img.width);
    out.height = static_cast<int>(img.height);
    out.rgb.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, out.rgb.data(), 0, nullptr)) {
        png_image_free(&img);
        return std::nullopt;
    }
    return out;
}

std::optional<Image> referenceFrame(const fs::path& clip, double seconds, int width, int height) {
    fs::path raw = fs::temp_directory_path() / ("lessonlens-ref-" + std::to_string(::getpid()) + ".rgb");
    char ss[32];
    std::snprintf(ss, sizeof ss, "%.6f", seconds);
    std::string cmd = "ffmpeg -nostdin -v error -y -ss " + std::string(ss) + " -i " + shellQuote(clip.string()) +
                      " -frames:v 1 -vf scale=" + std::to_string(width) + ":" + std::to_string(height) +
                      " -f rawvideo -pix_fmt rgb24 " + shellQuote(raw.string()) + " 2>&1";
    if (runShell(cmd) != 0) return std::nullopt;
    std::ifstream in(raw, std::ios::binary);
    Image out;
    out.width = width;
    out.height = height;
    out.rgb.assign(std::istreambuf_iterator<char>(in), {});
    fs::remove(raw);
    if (out.rgb.size() != static_cast<size_t>(width) * height * 3) return std::nullopt;
    return out;
}

Image crop(const Image& image, int x, int y, int w, int h) {
    Image out;
    out.width = w;
    out.height = h;
    out.rgb.resize(static_cast<size_t>(w) * h * 3);
    for (int row = 0; row < h; ++row)
        for (int col = 0; col < w; ++col) {
            int sx = std::clamp(x + col, 0, image.width - 1), sy = std::clamp(y + row, 0, image.height - 1);
            const uint8_t* s = image.at(sx, sy);
            uint8_t* d = out.rgb.data() + (static_cast<size_t>(row) * w + col) * 3;
            d[0] = s[0], d[1] = s[1], d[2] = s[2];
        }
    return out;
}

double meanAbsDiff(const Image& a, const Image& b, int border) {
    if (a.width != b.width || a.height != b.height) return 255;
    double sum = 0;
    size_t n = 0;
    for (int y = border; y < a.height - border; ++y)
        for (int x = border; x < a.width - border; ++x) {
            const uint8_t* p = a.at(x, y);
            const uint8_t* q = b.at(x, y);
            for (int c = 0; c < 3; ++c) sum += std::abs(int(p[c]) - int(q[c]));
            n += 3;
        }
    return n ? sum / static_cast<double>(n) : 255;
}

double lumaStdDev(const Image& image) {
    double sum = 0, sq = 0;
    size_t n = static_cast<size_t>(image.width) * image.height;
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = image.rgb.data() + i * 3;
        double y = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        sum += y;
        sq += y * y;
    }
    if (n == 0) return 0;
    double mean = sum / static_cast<double>(n);
    return std::sqrt(std::max(0.0, sq / static_cast<double>(n) - mean * mean));
}

ScreenshotMeta readScreenshotMeta(const fs::path& png) {
    std::ifstream in(png.string() + ".json");
    auto j = nlohmann::json::parse(in, nullptr, false);
    ScreenshotMeta m;
    if (j.is_discarded()) return m;
    m.x = j["video"]["x"];
    m.y = j["video"]["y"];
    m.w = j["video"]["w"];
    m.h = j["video"]["h"];
    m.frameMicros = j["frame_us"];
    m.positionMicros = j["position_us"];
    m.clipTitle = j.value("clip_title", "");
    m.message = j.value("message", "");
    m.modal = j.value("modal", "");
    return m;
}

int countColour(const Image& img, int x0, int y0, int x1, int y1, uint32_t rgb, int tolerance) {
    int n = 0;
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
            const uint8_t* p = img.at(x, y);
            if (std::abs(p[0] - int((rgb >> 16) & 0xff)) <= tolerance &&
                std::abs(p[1] - int((rgb >> 8) & 0xff)) <= tolerance &&
                std::abs(p[2] - int(rgb & 0xff)) <= tolerance)
                ++n;
        }
    return n;
}

}  // namespace ll::e2e
