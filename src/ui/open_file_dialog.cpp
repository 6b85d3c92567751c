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

void OpenFileDialog::open(const std::filesystem::path& startDir) {
    m_requestOpen = true;
    list(startDir);
    m_path = m_dir.string() + "/";
    m_error.clear();
}

void OpenFileDialog::list(const std::filesystem::path& dir) {
    std::error_code ec;
    m_dir = std::filesystem::weakly_canonical(dir, ec);
    if (ec) m_dir = dir;
    m_dirs.clear();
    m_files.clear();
    for (auto it = std::filesystem::directory_iterator(m_dir, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const auto& p = it->path();
        if (p.filename().string().starts_with(".")) continue;
        std::error_code e2;
        if (it->is_directory(e2)) m_dirs.push_back(p);
        else if (looksLikeMedia(p)) m_files.push_back(p);
    }
    std::sort(m_dirs.begin(), m_dirs.end());
    std::sort(m_files.begin(), m_files.end());
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
    ImGui::BeginChild("##files", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() - 4), true);
    if (m_dir.has_parent_path() && m_dir != m_dir.root_path() && ImGui::Selectable("\u2191  ..")) {
        list(m_dir.parent_path());
        m_path = m_dir.string() + "/";
    }
    std::filesystem::path go;
    for (const auto& d : m_dirs)
        if (ImGui::Selectable(("\u25B8  " + d.filename().string()).c_str())) go = d;
    for (const auto& f : m_files) {
        if (ImGui::Selectable(("     " + f.filename().string()).c_str(), m_path == f.string(),
                              ImGuiSelectableFlags_AllowDoubleClick)) {
            m_path = f.string();
            if (ImGui::IsMouseDoubleClicked(0)) openIt = true;
        }
    }
    if (!go.empty()) {
        list(go);
        m_path = m_dir.string() + "/";
    }
    ImGui::EndChild();
    if (!m_error.empty()) ImGui::TextColored(ImVec4(0.96f, 0.44f, 0.40f, 1), "%s", m_error.c_str());
    else ImGui::TextDisabled("%s", m_dir.string().c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - 100);
    if (ImGui::Button("Cancel", ImVec2(88, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    if (openIt) {
        std::error_code ec;
        if (std::filesystem::is_directory(m_path, ec)) {
            list(m_path);
            m_path = m_dir.string() + "/";
        } else if (auto st = app.openMedia(m_path); !st) {
            m_error = st.error().message;
        } else {
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

}  // namespace ll::ui
