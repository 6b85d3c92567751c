#include "ui/open_file_dialog.h"

#include <algorithm>
#include <cctype>

#include "imgui.h"
#include "imgui_stdlib.h"

namespace ll::ui {

bool looksLikeMedia(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* kExts[] = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".mts", ".ts", ".mpg",
                                  ".mpeg", ".wmv", ".m4a", ".mp3", ".wav", ".aac", ".ogg", ".opus", ".flac"};
    return std::any_of(std::begin(kExts), std::end(kExts), [&](const char* e) { return ext == e; });
}

OpenFileDialog::OpenFileDialog() : m_browser(looksLikeMedia) {}

void OpenFileDialog::open(const std::filesystem::path& startDir) {
    m_requestOpen = true;
    m_browser.list(startDir);
    m_path = m_browser.dir().string() + "/";
    m_error.clear();
}

void OpenFileDialog::draw(App& app) {
    if (m_requestOpen) {
        ImGui::OpenPopup("Open a lesson");
        m_requestOpen = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(760.f, vp->WorkSize.x - 40), std::min(520.f, vp->WorkSize.y - 40)),
                             ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal("Open a lesson", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::TextDisabled("Type a path or pick a file. Video and audio files are listed.");
    ImGui::SetNextItemWidth(-90);
    bool enter = ImGui::InputText("##path", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    bool openIt = ImGui::Button("Open", ImVec2(-1, 0)) || enter;
    if (m_browser.browseForFile(m_path, -ImGui::GetFrameHeightWithSpacing() - 4)) openIt = true;
    if (!m_error.empty()) ImGui::TextColored(ImVec4(0.96f, 0.44f, 0.40f, 1), "%s", m_error.c_str());
    else ImGui::TextDisabled("%s", m_browser.dir().string().c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - 100);
    if (ImGui::Button("Cancel", ImVec2(88, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    if (openIt) {
        std::error_code ec;
        if (std::filesystem::is_directory(m_path, ec)) {
            m_browser.list(m_path);
            m_path = m_browser.dir().string() + "/";
        } else if (auto st = app.openMedia(m_path); !st) {
            m_error = st.error().message;
        } else {
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

}  // namespace ll::ui
