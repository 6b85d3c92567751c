#include "ui/transport_bar.h"

#include <algorithm>
#include <cstdio>

#include "core/time_text.h"
#include "ui/pane.h"
#include "ui/theme.h"

namespace ll::ui {

void TransportBar::draw(App& app, const PixelRect& area) {
    auto& player = app.player();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
    if (beginPane("##transport", area)) {
        auto button = [&](const char* label, const char* command, const char* tip) {
            if (ImGui::Button(label, ImVec2(0, 30))) app.invoke(command);
            if (ImGui::IsItemHovered()) {
                const Command* c = app.commands().find(command);
                std::string keys = c && !c->shortcuts.empty() ? " (" + c->shortcuts.front().label() + ")" : "";
                ImGui::SetTooltip("%s%s", tip, keys.c_str());
            }
            ImGui::SameLine();
        };
        button("\u25C0\u25C0##back", "jump-back", "Back 5 seconds");
        button("\u25C0|##stepb", "step-back", "Previous frame");
        ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x2f5f8f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgbToVec4(0x3a74ad));
        button(player.isPlaying() ? "  \u275A\u275A  ##play" : "  \u25B6  ##play", "toggle-play",
               player.isPlaying() ? "Pause" : "Play");
        ImGui::PopStyleColor(2);
        button("|\u25B6##stepf", "step-forward", "Next frame");
        button("\u25B6\u25B6##fwd", "jump-forward", "Forward 5 seconds");

        ImGui::SameLine(0, 14);
        std::string now = formatTime(player.position(), 2);
        std::string total = formatTime(player.duration(), 2);
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%s", now.c_str());
        ImGui::SameLine(0, 4);
        ImGui::TextDisabled("/ %s", total.c_str());

        // Right side: speed and volume.
        const float rightW = 300;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 10, area.w - rightW));
        char speed[16];
        std::snprintf(speed, sizeof speed, "%.2gx", player.speed());
        ImGui::SetNextItemWidth(70);
        if (ImGui::BeginCombo("##speed", speed)) {
            for (double s : {0.5, 0.75, 1.0, 1.25, 1.5, 2.0}) {
                char l[16];
                std::snprintf(l, sizeof l, "%.2gx", s);
                if (ImGui::Selectable(l, s == player.speed())) app.invoke("speed", {std::to_string(s)});
            }
            ImGui::EndCombo();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Volume");
        if (!player.hasAudioOutput() && ImGui::IsItemHovered())
            ImGui::SetTooltip("No sound device: playing silently");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::max(60.f, ImGui::GetContentRegionAvail().x - 4));
        float vol = app.settings().volume * 100.f;
        if (ImGui::SliderFloat("##vol", &vol, 0, 100, "%.0f%%")) {
            app.settings().volume = vol / 100.f;
            player.setVolume(app.settings().volume);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ll::ui
