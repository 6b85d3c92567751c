#include "ui/transport_bar.h"

#include <algorithm>
#include <cstdio>

#include "core/time_text.h"
#include "ui/pane.h"
#include "ui/theme.h"

namespace ll::ui {

TransportLayout layoutTransport(const TransportWidths& w, float available) {
    TransportLayout l;
    float used = w.play + w.timeGap + w.now + w.groupGap + w.speed + w.spacing + w.sliderMin;
    auto fits = [&](float more) {
        if (used + more > available) return false;
        used += more;
        return true;
    };
    l.steps = fits(2 * (w.step + w.spacing));
    l.jumps = l.steps && fits(2 * (w.jump + w.spacing));
    l.total = fits(w.total);
    l.volumeLabel = fits(w.volumeLabel + w.spacing);
    l.slider = std::clamp(w.sliderMin + available - used, w.sliderMin,
                          std::max(w.sliderMin, w.sliderWide));
    return l;
}

void TransportBar::draw(App& app, const PixelRect& area) {
    auto& player = app.player();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
    if (beginPane("##transport", area)) {
        const char* playLabel = player.isPlaying() ? "  \u275A\u275A  ##play" : "  \u25B6  ##play";
        const std::string now = formatTime(player.position(), 2);
        const std::string total = "/ " + formatTime(player.duration(), 2);
        char speed[16];
        std::snprintf(speed, sizeof speed, "%.2gx", player.speed());

        // Measure, then choose what fits: at 800 px wide the lesson's length and the jump
        // buttons give way before anything overlaps.
        const ImGuiStyle& style = ImGui::GetStyle();
        auto buttonW = [&](const char* label) {
            return ImGui::CalcTextSize(label, nullptr, true).x + 2 * style.FramePadding.x;
        };
        TransportWidths w;
        w.play = std::max(buttonW("  \u275A\u275A  "), buttonW("  \u25B6  "));
        w.step = std::max(buttonW("\u25C0|"), buttonW("|\u25B6"));
        w.jump = std::max(buttonW("\u25C0\u25C0"), buttonW("\u25B6\u25B6"));
        w.spacing = style.ItemSpacing.x;
        w.timeGap = 14;
        w.now = ImGui::CalcTextSize(now.c_str()).x;
        w.total = 4 + ImGui::CalcTextSize(total.c_str()).x;
        w.groupGap = 10;
        w.speed = 70;
        w.volumeLabel = ImGui::CalcTextSize("Volume").x;
        w.sliderMin = 60;
        w.sliderWide = 150;
        const float available = ImGui::GetContentRegionAvail().x;
        const TransportLayout layout = layoutTransport(w, available);

        auto button = [&](const char* label, const char* command, const char* tip) {
            if (ImGui::Button(label, ImVec2(0, 30))) app.invoke(command);
            if (ImGui::IsItemHovered()) {
                const Command* c = app.commands().find(command);
                std::string keys = c && !c->shortcuts.empty() ? " (" + c->shortcuts.front().label() + ")" : "";
                ImGui::SetTooltip("%s%s", tip, keys.c_str());
            }
            ImGui::SameLine();
        };
        if (layout.jumps) button("\u25C0\u25C0##back", "jump-back", "Back 5 seconds");
        if (layout.steps) button("\u25C0|##stepb", "step-back", "Previous frame");
        ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x2f5f8f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgbToVec4(0x3a74ad));
        button(playLabel, "toggle-play", player.isPlaying() ? "Pause" : "Play");
        ImGui::PopStyleColor(2);
        if (layout.steps) button("|\u25B6##stepf", "step-forward", "Next frame");
        if (layout.jumps) button("\u25B6\u25B6##fwd", "jump-forward", "Forward 5 seconds");

        ImGui::SameLine(0, w.timeGap);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(now.c_str());
        if (layout.total) {
            ImGui::SameLine(0, 4);
            ImGui::TextDisabled("%s", total.c_str());
        } else if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s", ("Lesson length " + formatTime(player.duration(), 2)).c_str());
        }
        const float timeEnd = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;

        // Right side: speed and volume, against the right edge, never over the time.
        const float rightW = w.speed + w.spacing +
                             (layout.volumeLabel ? w.volumeLabel + w.spacing : 0) + layout.slider;
        const float right = ImGui::GetWindowContentRegionMax().x;
        ImGui::SameLine(std::max(timeEnd + w.groupGap, right - rightW));
        ImGui::SetNextItemWidth(w.speed);
        if (ImGui::BeginCombo("##speed", speed)) {
            for (double s : {0.5, 0.75, 1.0, 1.25, 1.5, 2.0}) {
                char l[16];
                std::snprintf(l, sizeof l, "%.2gx", s);
                if (ImGui::Selectable(l, s == player.speed())) app.invoke("speed", {std::to_string(s)});
            }
            ImGui::EndCombo();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed");
        const char* volumeTip =
            player.hasAudioOutput() ? "Volume" : "No sound device: playing silently";
        if (layout.volumeLabel) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("Volume");
            if (!player.hasAudioOutput() && ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", volumeTip);
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(layout.slider);
        float vol = app.settings().volume * 100.f;
        if (ImGui::SliderFloat("##vol", &vol, 0, 100, "%.0f%%")) {
            app.settings().volume = vol / 100.f;
            player.setVolume(app.settings().volume);
        }
        if (!layout.volumeLabel && ImGui::IsItemHovered() && !ImGui::IsItemActive())
            ImGui::SetTooltip("%s", volumeTip);
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ll::ui
