#pragma once
// The folder listing every in-app file chooser shows (ImGui has no native dialog): the folder's
// subfolders, then the files a filter accepts, with ".." to go up. Opening, importing,
// exporting and choosing the sync folder all browse with it. UI thread.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ll::ui {

class FileBrowser {
public:
    using Filter = std::function<bool(const std::filesystem::path&)>;

    explicit FileBrowser(Filter filter) : m_filter(std::move(filter)) {}

    // Lists `dir` (made absolute; an unreadable folder lists empty).
    void list(const std::filesystem::path& dir);
    const std::filesystem::path& dir() const { return m_dir; }
    const std::vector<std::filesystem::path>& files() const { return m_files; }
    const std::vector<std::filesystem::path>& folders() const { return m_dirs; }

    enum class Event { None, FolderChanged, FileSelected, FileActivated };
    // Draws the listing in a bordered child `height` pixels tall (negative: leave that much
    // below). A single click on a file selects it, a double click activates it; `selected` is
    // the file to highlight.
    Event draw(float height, const std::filesystem::path& selected, std::filesystem::path* file);

    // draw() for a path field choosing an existing file: a file click puts it in `path`, a
    // folder shows as "folder/". True on a double click (open it).
    bool browseForFile(std::string& path, float height);
    // draw() for a path field naming a file to write: a folder click keeps the file name and
    // moves it there; a file click takes that name. True on a double click.
    bool browseForNewFile(std::string& path, float height);

private:
    Filter m_filter;
    std::filesystem::path m_dir;
    std::vector<std::filesystem::path> m_dirs, m_files;
};

}  // namespace ll::ui
