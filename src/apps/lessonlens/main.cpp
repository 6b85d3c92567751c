// lessonlens: review classroom video. A thin main (ImHex's habit): parse the command line, make
// the window and GL context, then loop App::update / draw / afterRender. Rendering is continuous
// only while something moves; otherwise the loop sleeps in glfwWaitEvents (idle CPU near zero).
#include <GLFW/glfw3.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "gfx/gl.h"
#include "imgui.h"
#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "ui/app.h"
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

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"LessonLens: review classroom video and leave time-stamped feedback"};
    std::string media, db, reviewer, script;
    bool stats = false, noAudio = false;
    cli.add_option("media", media, "A video or audio file to open");
    cli.add_option("--db", db, "The library file (default: $LESSONLENS_DB or ~/.local/share/lessonlens/library.sqlite)");
    cli.add_option("--reviewer", reviewer, "Review as this person (remembered for next time)");
    cli.add_option("--script", script, "Run commands from FILE, one per line, in the window")->check(CLI::ExistingFile);
    cli.add_flag("--stats", stats, "Print frame-time statistics at exit");
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
    ll::ui::applyTheme(17.0f);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exitCode = 0;
    {
        ll::ui::AppOptions options;
        options.dbPath = db;
        options.reviewerName = reviewer;
        options.settingsPath = ll::ui::Settings::defaultPath();
        options.audio = !noAudio;
        auto created = ll::ui::App::create(window, options);
        if (!created) {
            std::fprintf(stderr, "lessonlens: %s\n", created.error().describe().c_str());
            exitCode = 1;
        } else {
            ll::ui::App& app = **created;
            if (!media.empty()) app.invoke("open", {media});
            if (!script.empty()) app.startScript(script);
            ll::ui::FrameStats frameStats;
            using Clock = std::chrono::steady_clock;
            while (!app.quitRequested() && !glfwWindowShouldClose(window)) {
                if (app.wantsContinuousFrames() || loop.eventFrames > 0) glfwPollEvents();
                else glfwWaitEvents();  // nothing moves: sleep until input
                auto t0 = Clock::now();
                if (loop.eventFrames > 0) --loop.eventFrames;
                if (!loop.dropped.empty()) {
                    app.onDrop(loop.dropped);
                    loop.dropped.clear();
                }
                app.update();
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                app.draw();
                ImGui::Render();
                auto t1 = Clock::now();
                int fbW = 0, fbH = 0;
                glfwGetFramebufferSize(window, &fbW, &fbH);
                glViewport(0, 0, fbW, fbH);
                glClearColor(0.106f, 0.122f, 0.141f, 1.f);
                glClear(GL_COLOR_BUFFER_BIT);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
                app.afterRender(fbW, fbH);
                glfwSwapBuffers(window);
                auto t2 = Clock::now();
                if (stats) {
                    frameStats.add(std::chrono::duration<double, std::milli>(t2 - t0).count(),
                                   std::chrono::duration<double, std::milli>(t1 - t0).count());
                }
            }
            exitCode = app.exitCode();
            if (stats) std::fputs(frameStats.report(app.player().droppedFrames()).c_str(), stdout);
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}
