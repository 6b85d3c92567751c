#pragma once
// A small in-app file chooser (ImGui has no native dialog): a path field, the folder's
// subfolders and media files, and the recent list. UI thread.

#include <filesystem>
#include <string>
#include <vector>

#include "ui/app.h"

namespace ll::ui {

class OpenFileDialog {
public:
    void open(const std::filesystem::path& startDir);
    void draw(App& app);

private:
    void list(const std::filesystem::path& dir);

    bool m_requestOpen = false;
    std::filesystem::path m_dir;
    std::string m_path;
    std::vector<std::filesystem::path> m_dirs, m_files;
    std::string m_error;
};

// True for extensions LessonLens offers to open (video and audio containers).
bool looksLikeMedia(const std::filesystem::path& file);

}  // namespace ll::ui
