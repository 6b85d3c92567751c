#include "ui/help_overlay.h"

#include <string>
#include <vector>

#include "imgui.h"

namespace ll::ui {

void HelpOverlay::draw(App& app) {
    if (!m_visible) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keyboard shortcuts", &m_visible,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove)) {
        // Two columns of key and action, so every shortcut fits on a laptop screen.
        std::vector<const Command*> keyed;
        for (const Command& c : app.commands().all())
            if (!c.shortcuts.empty()) keyed.push_back(&c);
        const size_t rows = (keyed.size() + 1) / 2;
        if (ImGui::BeginTable("##keys", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (size_t r = 0; r < rows; ++r) {
                ImGui::TableNextRow();
                for (size_t half = 0; half < 2; ++half) {
                    const size_t i = r + half * rows;
                    ImGui::TableNextColumn();
                    if (i >= keyed.size()) {
                        ImGui::TableNextColumn();
                        continue;
                    }
                    std::string keys;
                    for (const auto& s : keyed[i]->shortcuts) keys += (keys.empty() ? "" : "  or  ") + s.label();
                    ImGui::TextUnformatted(keys.c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextDisabled("%s%s", keyed[i]->label.c_str(), half == 0 ? "      " : "");
                }
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("Timeline: wheel zooms at the cursor, Shift+wheel or right-drag pans. Click the Talk time");
        ImGui::TextDisabled("strip to pick a stretch, then 1-4 relabel it or drag its edges. Hatched stretches are");
        ImGui::TextDisabled("talk the analysis is unsure of: U jumps to the next, and its own key keeps it.");
        ImGui::TextDisabled("While writing a comment, a click on the picture pins it there.");
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) m_visible = false;
    }
    ImGui::End();
}

}  // namespace ll::ui
