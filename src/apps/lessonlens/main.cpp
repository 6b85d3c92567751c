// lessonlens: review classroom video. A thin main (ImHex's habit): parse the command line, make
// the window and GL context, then loop App::update / draw / afterRender. Rendering is continuous
// only while something moves; otherwise the loop sleeps in glfwWaitEvents (idle CPU near zero).
// Continuous rendering is paced: without vsync (Xvfb, software GL, some drivers) swapping
// returns at once and the loop would spin, so frames come at most kMaxFps a second, and while
// a video plays only when its next picture is due (or input arrives).
#include <GLFW/glfw3.h>
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "gfx/back_buffer.h"
#include "gfx/gl.h"
#include "gfx/ui_compositor.h"
#include "imgui.h"
#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/script_runner.h"
#include "ui/startup_error.h"
#include "ui/frame_stats.h"
#include "ui/settings.h"
#include "ui/theme.h"

namespace {

// Events come in through GLFW callbacks installed before ImGui's (which chains to them).
struct LoopState {
    int eventFrames = 0;  // render this many more frames after input (ImGui settles in 2-3)
    std::vector<std::string> dropped;
};
LoopState* g_loop = nullptr;

void poke(GLFWwindow*) {
    if (g_loop) g_loop->eventFrames = 3;
}

constexpr double kMaxFps = 60.0;
// While a video plays and its decoder is behind, how often to look for the next picture.
constexpr double kQueuePollSeconds = 0.004;
// While a video plays, the rest of the window (a script, a message, progress) still updates at
// least this often.
constexpr double kMaxStillSeconds = 0.1;

// CPU time of the calling thread, in milliseconds (what building the UI costs, whatever else
// runs on the machine).
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Milliseconds since the kernel started this process (/proc/self/stat field 22, in clock ticks
// since boot, against CLOCK_BOOTTIME): launch time as a user sees it, exec and loading included.
double msSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    size_t close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 22) {
            timespec now{};
            clock_gettime(CLOCK_BOOTTIME, &now);
            double startMs = std::stod(field) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
            return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6 - startMs;
        }
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"LessonLens: review classroom video and leave time-stamped feedback"};
    std::string media, db, reviewer, script;
    bool stats = false, noAudio = false;
    cli.add_option("media", media, "A video or audio file to open");
    cli.add_option("--db", db, "The library file (default: $LESSONLENS_DB or ~/.local/share/lessonlens/library.sqlite)");
    cli.add_option("--reviewer", reviewer, "Review as this person (remembered for next time)");
    cli.add_option("--script", script, "Run commands from FILE, one per line, in the window")->check(CLI::ExistingFile);
    cli.add_flag("--stats", stats,
                 "Print when the first video frame showed, and at exit frame times, the UI thread's CPU time "
                 "building each frame, video frames shown and dropped, and how sound played");
    cli.add_flag("--no-audio", noAudio, "Never open a sound device (a silent clock drives playback)");
    cli.set_version_flag("--version", LESSONLENS_VERSION);
    CLI11_PARSE(cli, argc, argv);

    glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "lessonlens: GLFW %d: %s\n", code, text); });
    if (!glfwInit()) {
        std::fprintf(stderr, "lessonlens: cannot open a window (is there a display?)\n");
        return 1;
    }
    auto settings = ll::ui::Settings::load(ll::ui::Settings::defaultPath()).valueOr(ll::ui::Settings{});
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(settings.windowWidth, settings.windowHeight, "LessonLens", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "lessonlens: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    LoopState loop;
    g_loop = &loop;
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { poke(w); });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { poke(w); });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { poke(w); });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { poke(w); });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { poke(w); });
    glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { poke(w); });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { poke(w); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { poke(w); });
    glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
        for (int i = 0; i < count; ++i) g_loop->dropped.emplace_back(paths[i]);
        poke(w);
    });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; what we remember lives in settings.json
    io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;  // arrows and space belong to the player
    ll::ui::applyTheme();
    ll::ui::FontAtlas fonts(17.0f);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    fonts.watchClipboard();
    // Bakes characters noted since the last frame (typed ones are still queued for NewFrame) and
    // uploads the texture again; before the first frame the backend uploads it anyway.
    auto refreshFonts = [&fonts, &io] {
        for (ImWchar c : io.InputQueueCharacters) fonts.noteCharacter(c);
        if (!fonts.rebuildIfNeeded()) return false;
        if (io.Fonts->TexID) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        return true;
    };

    int exitCode = 0;
    {
        ll::ui::AppOptions options;
        options.dbPath = db;
        options.reviewerName = reviewer;
        options.settingsPath = ll::ui::Settings::defaultPath();
        options.audio = !noAudio;
        auto created = ll::ui::App::create(window, options);
        // A library that cannot be opened (busy, foreign, a full disk) is explained in the
        // window, with Try again, as well as on stderr; the exit code stays 1 if it never opens.
        std::optional<ll::ui::ScriptRunner> startupScript;
        while (!created) {
            std::fprintf(stderr, "lessonlens: %s\n", created.error().describe().c_str());
            fonts.noteText(created.error().describe());  // a library's path may be in any script
            refreshFonts();
            if (!script.empty() && !startupScript) {
                auto loaded = ll::ui::ScriptRunner::load(script);
                if (!loaded) break;
                startupScript.emplace(std::move(loaded).value());
            }
            if (ll::ui::showStartupError(window, created.error(), startupScript ? &*startupScript : nullptr) !=
                ll::ui::StartupChoice::TryAgain)
                break;
            created = ll::ui::App::create(window, options);
        }
        if (!created) {
            exitCode = 1;
        } else {
            ll::ui::App& app = **created;
            if (!media.empty()) app.invoke("open", {media});
            if (startupScript) app.startScript(std::move(*startupScript));
            else if (!script.empty()) app.startScript(script);
            ll::ui::FrameStats frameStats;
            using Clock = std::chrono::steady_clock;
            bool firstFrameReported = false;
            uint64_t videoFramesShown = 0, lastGeneration = 0;
            double lastFrameStart = glfwGetTime();
            ll::gfx::UiCompositor compositor(0x1b1f24);
            uint64_t composedGeneration = 0;
            double damagedShareSum = 0;
            size_t framesIntoKeptBuffer = 0;  // drawn straight into a back buffer that kept the last frame
            // LESSONLENS_FULL_REDRAW=1 re-rasterizes the whole window every frame (to compare).
            const bool fullRedraw = std::getenv("LESSONLENS_FULL_REDRAW") != nullptr;
            while (!app.quitRequested() && !glfwWindowShouldClose(window)) {
                if (loop.eventFrames > 0) {
                    glfwPollEvents();
                } else if (app.wantsContinuousFrames()) {
                    auto& player = app.player();
                    if (player.isPlaying() && !player.isBusy()) {
                        // Playing: draw when the next picture is due (or input arrives, or
                        // kMaxStill passes for whatever else moves); an empty queue is polled.
                        for (;;) {
                            const double since = glfwGetTime() - lastFrameStart;
                            const auto until = player.untilNextFrame();
                            double wait = until ? until->seconds() : kQueuePollSeconds;
                            wait = std::max(wait, 1.0 / kMaxFps - since);
                            if (until && wait <= 0) {
                                glfwPollEvents();
                                break;
                            }
                            const bool last = since + wait >= kMaxStillSeconds;
                            glfwWaitEventsTimeout(std::max(0.0005, last ? kMaxStillSeconds - since : wait));
                            if (last || loop.eventFrames > 0 || !player.isPlaying() || player.isBusy()) break;
                            if (until) break;  // slept until it is due
                        }
                    } else {
                        const double wait = 1.0 / kMaxFps - (glfwGetTime() - lastFrameStart);
                        if (wait > 0.0005) glfwWaitEventsTimeout(wait);
                        else glfwPollEvents();
                    }
                } else {
                    glfwWaitEvents();  // nothing moves: sleep until input
                }
                lastFrameStart = glfwGetTime();
                auto t0 = Clock::now();
                const double cpu0 = threadCpuMs();
                if (loop.eventFrames > 0) --loop.eventFrames;
                if (!loop.dropped.empty()) {
                    app.onDrop(loop.dropped);
                    loop.dropped.clear();
                }
                app.update();
                const bool fontsChanged = refreshFonts();
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                app.draw();
                ImGui::Render();
                const double uiCpuMs = threadCpuMs() - cpu0;
                int fbW = 0, fbH = 0;
                glfwGetFramebufferSize(window, &fbW, &fbH);
                // Only what changed is re-rasterized; a new video frame changes the picture.
                const uint64_t generation = app.player().frameGeneration();
                compositor.render(ImGui::GetDrawData(), fbW, fbH, generation != composedGeneration,
                                  fullRedraw || fontsChanged, ll::gfx::backBufferAge(window));
                // Text drawn this frame with characters the atlas lacked (a paste, a folder
                // listing): one more frame shows them.
                if (fonts.hasNewCharacters()) loop.eventFrames = std::max(loop.eventFrames, 1);
                if (compositor.lastDrewDirect()) ++framesIntoKeptBuffer;
                composedGeneration = generation;
                damagedShareSum += compositor.lastDamagedShare();
                app.afterRender(fbW, fbH);
                glfwSwapBuffers(window);
                auto t2 = Clock::now();
                if (stats) {
                    frameStats.add(std::chrono::duration<double, std::milli>(t2 - t0).count(), uiCpuMs);
                    if (app.player().frameGeneration() != lastGeneration && app.player().hasFrame()) {
                        ++videoFramesShown;
                        lastGeneration = app.player().frameGeneration();
                    }
                    if (!firstFrameReported && app.renderer() && app.renderer()->hasPicture()) {
                        firstFrameReported = true;
                        std::printf("first frame: %.0f ms after launch\n", msSinceProcessStart());
                        std::fflush(stdout);
                    }
                }
            }
            exitCode = app.exitCode();
            if (stats) {
                std::fputs(frameStats.report(app.player().droppedFrames()).c_str(), stdout);
                std::printf("video frames shown: %llu (UI build is the UI thread's CPU time)\n",
                            static_cast<unsigned long long>(videoFramesShown));
                std::printf("sound: %s\n", app.player().soundStatus().c_str());
                std::printf("font: %zu characters baked beyond the fixed ranges%s, atlas %dx%d\n",
                            fonts.extraCharacters(), fonts.hasFallback() ? "" : " (no fallback font installed)",
                            io.Fonts->TexWidth, io.Fonts->TexHeight);
                std::printf("window re-rasterized per frame: %.0f%% on average; %zu of %zu frames drawn into the kept "
                            "back buffer\n",
                            frameStats.count() ? 100.0 * damagedShareSum / static_cast<double>(frameStats.count()) : 0.0,
                            framesIntoKeptBuffer, frameStats.count());
            }
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}
