#include "ui/startup_error.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "gfx/gl.h"
#include "gfx/screenshot.h"
#include "imgui.h"
#include "ui/commands.h"
#include "ui/script_runner.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

constexpr uint32_t kBackground = 0x1b1f24;
constexpr uint32_t kPrimaryButton = 0x2f5f8f;

// One frame of the screen; returns the button pressed, if any.
std::optional<StartupChoice> drawScreen(const Error& error) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::min(560.f, vp->WorkSize.x - 40);
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    std::optional<StartupChoice> choice;
    ImGui::Begin("LessonLens cannot open its library", nullptr,
                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushTextWrapPos(0);
    std::string sentence = error.message;  // messages are written to follow "lessonlens: "
    if (!sentence.empty()) sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    ImGui::TextUnformatted(sentence.c_str());
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, rgbToVec4(colors::kMuted));
    ImGui::TextUnformatted(
        "LessonLens has not changed the file. Once the reason above is dealt with, press Try again.");
    if (!error.detail.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(("Detail, for a bug report: " + error.detail).c_str());
    }
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float w = 110;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - 2 * w - style.ItemSpacing.x - style.WindowPadding.x);
    if (ImGui::Button("Quit", ImVec2(w, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        choice = StartupChoice::Quit;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(kPrimaryButton));
    if (ImGui::Button("Try again", ImVec2(w, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
        choice = StartupChoice::TryAgain;
    ImGui::PopStyleColor();
    ImGui::End();
    return choice;
}

}  // namespace

StartupChoice showStartupError(GLFWwindow* window, const Error& error, ScriptRunner* script) {
    std::optional<std::filesystem::path> pendingScreenshot;
    bool quit = false, tryAgain = false;
    int framesSinceCommand = 0;
    auto runLine = [&](const std::string& line) -> Status {
        LL_ASSIGN(auto args, splitCommandLine(line));
        if (args.empty()) return {};
        if (args[0] == "quit") {
            quit = true;
            return {};
        }
        if (args[0] == "try-again") {
            tryAgain = true;
            return {};
        }
        if (args[0] == "screenshot" && args.size() == 2) {
            pendingScreenshot = args[1];
            return {};
        }
        return Error::invalid("\"" + args[0] + "\" needs the library, which is not open");
    };
    while (!glfwWindowShouldClose(window)) {
        if (script && !script->finished()) {
            glfwWaitEventsTimeout(0.02);
            script->step(framesSinceCommand >= 2 && !pendingScreenshot, [&](const std::string& line) {
                framesSinceCommand = 0;
                return runLine(line);
            });
            if (quit) return StartupChoice::Quit;
            if (tryAgain) return StartupChoice::TryAgain;
        } else {
            glfwWaitEventsTimeout(0.5);
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const auto choice = drawScreen(error);
        ImGui::Render();
        int fbW = 0, fbH = 0;
        glfwGetFramebufferSize(window, &fbW, &fbH);
        glViewport(0, 0, fbW, fbH);
        const ImVec4 bg = rgbToVec4(kBackground);
        glClearColor(bg.x, bg.y, bg.z, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++framesSinceCommand;
        if (pendingScreenshot && framesSinceCommand >= 2) {
            if (auto st = gfx::saveScreenshot(*pendingScreenshot, fbW, fbH); !st)
                std::fprintf(stderr, "lessonlens: %s\n", st.error().describe().c_str());
            pendingScreenshot.reset();
        }
        glfwSwapBuffers(window);
        if (choice) return *choice;
    }
    return StartupChoice::Quit;
}

}  // namespace ll::ui
