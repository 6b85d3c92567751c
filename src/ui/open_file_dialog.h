#pragma once
// File > Open: a path field over a folder listing of video and audio files. UI thread.

#include <filesystem>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/file_browser.h"

namespace ll::ui {

class OpenFileDialog {
public:
    OpenFileDialog();
    void open(const std::filesystem::path& startDir);
    void draw(App& app);

private:
    bool m_requestOpen = false;
    FileBrowser m_browser;
    std::string m_path;
    std::string m_error;
};

// True for extensions LessonLens offers to open (video and audio containers).
bool looksLikeMedia(const std::filesystem::path& file);

}  // namespace ll::ui
