#include "ui/dialog_widgets.h"

#include <algorithm>

#include "imgui.h"
#include "ui/app.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {
constexpr uint32_t kPrimaryButton = 0x2f5f8f;
constexpr uint32_t kErrorText = 0xf47067;
}  // namespace

bool beginDialog(const char* title, bool request, float width, float height) {
    if (request) ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(width, vp->WorkSize.x - 40), height > 0 ? std::min(height, vp->WorkSize.y - 40) : 0),
                             height > 0 ? ImGuiCond_Appearing : ImGuiCond_Always);
    return ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings);
}

bool dialogButtons(const char* primary, bool enabled) {
    const float w = 110;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(),
                                  ImGui::GetWindowWidth() - 2 * w - style.ItemSpacing.x - style.WindowPadding.x));
    if (ImGui::Button("Cancel", ImVec2(w, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::SameLine();
    if (!enabled) ImGui::BeginDisabled();
    ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(kPrimaryButton));
    bool pressed = ImGui::Button(primary, ImVec2(w, 0));
    ImGui::PopStyleColor();
    if (!enabled) ImGui::EndDisabled();
    return pressed;
}

void errorLine(const std::string& error) {
    if (error.empty()) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(rgbToVec4(kErrorText), "%s", error.c_str());
    ImGui::PopTextWrapPos();
}

bool viewHeader(App& app, const char* title, const std::string& subtitle, const char* primary, bool* back) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", subtitle.c_str());
    const float buttons = app.clip() ? 262.f : 140.f;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20, ImGui::GetWindowContentRegionMax().x - buttons));
    *back = false;
    if (app.clip()) {
        *back = ImGui::Button("Back to lesson", ImVec2(120, 0));
        ImGui::SameLine();
    }
    ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(kPrimaryButton));
    bool pressed = ImGui::Button(primary, ImVec2(140, 0));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    return pressed;
}

}  // namespace ll::ui
