#include "ui/talk_share.h"

#include <algorithm>

#include "imgui.h"
#include "ui/talk_edit.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

using analysis::TalkLabel;
constexpr TalkLabel kReadingOrder[] = {TalkLabel::Teacher, TalkLabel::Student, TalkLabel::Multiple,
                                       TalkLabel::Silence};

double shareOf(const analysis::TalkMetrics& m, TalkLabel label) { return m.labelShare[static_cast<size_t>(label)]; }

}  // namespace

std::string sharePercent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"; }

void talkShareBar(const analysis::TalkMetrics& m, float w, float h) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = p.x;
    for (TalkLabel label : kReadingOrder) {
        const float seg = static_cast<float>(shareOf(m, label)) * w;
        if (seg <= 0) continue;
        dl->AddRectFilled(ImVec2(x, p.y), ImVec2(std::min(p.x + w, x + seg), p.y + h),
                          rgbToImU32(talkLabelColor(label)));
        x += seg;
    }
    ImGui::Dummy(ImVec2(w, h));
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        for (TalkLabel label : kReadingOrder)
            ImGui::Text("%s %s", talkLabelName(label), sharePercent(shareOf(m, label)).c_str());
        ImGui::EndTooltip();
    }
}

void talkShareLegend() {
    for (TalkLabel label : kReadingOrder) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float s = ImGui::GetTextLineHeight() * 0.8f;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + s, p.y + 3 + s),
                                                  rgbToImU32(talkLabelColor(label)), 2);
        ImGui::Dummy(ImVec2(s, s));
        ImGui::SameLine(0, 6);
        ImGui::TextDisabled("%s", talkLabelName(label));
        ImGui::SameLine(0, 16);
    }
    ImGui::NewLine();
}

}  // namespace ll::ui
