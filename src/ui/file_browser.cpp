#include "ui/file_browser.h"

#include <algorithm>

#include "imgui.h"
#include "ui/fonts.h"

namespace ll::ui {

void FileBrowser::list(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    m_dir = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    if (ec) m_dir = dir;
    m_dirs.clear();
    m_files.clear();
    for (auto it = fs::directory_iterator(m_dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const auto& p = it->path();
        if (p.filename().string().starts_with(".")) continue;
        std::error_code e2;
        if (it->is_directory(e2)) m_dirs.push_back(p);
        else if (!m_filter || m_filter(p)) m_files.push_back(p);
    }
    std::sort(m_dirs.begin(), m_dirs.end());
    std::sort(m_files.begin(), m_files.end());
    noteTextForFont(m_dir.string());
    for (const auto& d : m_dirs) noteTextForFont(d.filename().string());
    for (const auto& f : m_files) noteTextForFont(f.filename().string());
}

FileBrowser::Event FileBrowser::draw(float height, const std::filesystem::path& selected,
                                     std::filesystem::path* file) {
    Event event = Event::None;
    std::filesystem::path go;
    ImGui::BeginChild("##files", ImVec2(0, height), true);
    if (m_dir.has_parent_path() && m_dir != m_dir.root_path() && ImGui::Selectable("\u2191  ..")) go = m_dir.parent_path();
    for (const auto& d : m_dirs)
        if (ImGui::Selectable(("\u25B8  " + d.filename().string()).c_str())) go = d;
    for (const auto& f : m_files) {
        if (ImGui::Selectable(("     " + f.filename().string()).c_str(), selected == f,
                              ImGuiSelectableFlags_AllowDoubleClick)) {
            if (file) *file = f;
            event = ImGui::IsMouseDoubleClicked(0) ? Event::FileActivated : Event::FileSelected;
        }
    }
    if (m_dirs.empty() && m_files.empty()) ImGui::TextDisabled("     (nothing to show in this folder)");
    ImGui::EndChild();
    if (!go.empty()) {
        list(go);
        event = Event::FolderChanged;
    }
    return event;
}

bool FileBrowser::browseForFile(std::string& path, float height) {
    std::filesystem::path picked;
    switch (draw(height, path, &picked)) {
        case Event::FolderChanged: path = m_dir.string() + "/"; return false;
        case Event::FileSelected: path = picked.string(); return false;
        case Event::FileActivated: path = picked.string(); return true;
        case Event::None: return false;
    }
    return false;
}

bool FileBrowser::browseForNewFile(std::string& path, float height) {
    std::filesystem::path picked;
    switch (draw(height, path, &picked)) {
        case Event::FolderChanged: path = (m_dir / std::filesystem::path(path).filename()).string(); return false;
        case Event::FileSelected: path = picked.string(); return false;
        case Event::FileActivated: path = picked.string(); return true;
        case Event::None: return false;
    }
    return false;
}

}  // namespace ll::ui
