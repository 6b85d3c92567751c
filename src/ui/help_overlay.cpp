#include "ui/help_overlay.h"

#include "imgui.h"

namespace ll::ui {

void HelpOverlay::draw(App& app) {
    if (!m_visible) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keyboard shortcuts", &m_visible,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove)) {
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const Command& c : app.commands().all()) {
                if (c.shortcuts.empty()) continue;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string keys;
                for (const auto& s : c.shortcuts) keys += (keys.empty() ? "" : "  or  ") + s.label();
                ImGui::TextUnformatted(keys.c_str());
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", c.label.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("Timeline: wheel zooms at the cursor, Shift+wheel or right-drag pans.");
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) m_visible = false;
    }
    ImGui::End();
}

}  // namespace ll::ui
