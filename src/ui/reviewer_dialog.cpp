#include "ui/reviewer_dialog.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

// Calm, distinguishable marker colours (Tableau 10).
constexpr uint32_t kPalette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

}  // namespace

void ReviewerDialog::open(App& app) {
    m_requestOpen = true;
    m_error.clear();
    uint32_t rgb = app.reviewer() ? app.reviewer()->color : kPalette[0];
    m_name = app.reviewer() ? app.reviewer()->name : std::string();
    ImVec4 c = rgbToVec4(rgb);
    m_color[0] = c.x, m_color[1] = c.y, m_color[2] = c.z;
}

void ReviewerDialog::draw(App& app) {
    if (m_requestOpen) {
        ImGui::OpenPopup("Who is reviewing?");
        m_requestOpen = false;
        m_open = true;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(440, 0), ImGuiCond_Always);
    bool first = !app.reviewer();
    if (!ImGui::BeginPopupModal("Who is reviewing?", first ? nullptr : &m_open,
                                ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings))
        return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted("Your name and colour mark the comments you leave. They stay on this computer.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::TextUnformatted("Name");
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint("##name", "e.g. Ms Rivera", &m_name, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    ImGui::TextUnformatted("Colour");
    const ImVec4 chosen(m_color[0], m_color[1], m_color[2], 1);
    for (size_t i = 0; i < std::size(kPalette); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImVec4 c = rgbToVec4(kPalette[i]);
        bool selected = std::abs(c.x - chosen.x) + std::abs(c.y - chosen.y) + std::abs(c.z - chosen.z) < 0.01f;
        if (ImGui::ColorButton("##c", c, ImGuiColorEditFlags_NoTooltip, ImVec2(28, 28)))
            m_color[0] = c.x, m_color[1] = c.y, m_color[2] = c.z;
        if (selected) {
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3),
                                                IM_COL32(255, 255, 255, 230), 4, 0, 2);
        }
        ImGui::PopID();
        if (i + 1 < std::size(kPalette)) ImGui::SameLine(0, 10);
    }
    ImGui::Spacing();
    if (!m_error.empty()) ImGui::TextColored(rgbToVec4(0xf47067), "%s", m_error.c_str());
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x2f5f8f));
    bool start = ImGui::Button("Start reviewing", ImVec2(-1, 0));
    ImGui::PopStyleColor();
    if (start || enter) {
        std::string name = m_name;
        name.erase(0, name.find_first_not_of(' '));
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name.empty()) {
            m_error = "Please type your name.";
        } else {
            auto to8 = [](float f) { return static_cast<uint32_t>(std::clamp(f, 0.f, 1.f) * 255.f + 0.5f); };
            uint32_t rgb = (to8(m_color[0]) << 16) | (to8(m_color[1]) << 8) | to8(m_color[2]);
            if (auto st = app.setReviewer(name, rgb); !st) m_error = st.error().message;
            else ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

}  // namespace ll::ui
