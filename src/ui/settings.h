#pragma once
// What the app remembers between runs: window size, who is reviewing, volume, recent files.
// Stored as JSON in $XDG_CONFIG_HOME/lessonlens/settings.json (~/.config when unset).
// A value type; the UI thread loads it at start and saves it on change and at exit.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace ll::ui {

struct Settings {
    static constexpr size_t kMaxRecent = 10;

    int windowWidth = 1280;
    int windowHeight = 800;
    std::string reviewerName;       // empty until the first-run question is answered
    uint32_t reviewerColor = 0x4e79a7;
    float volume = 0.8f;
    std::vector<std::string> recentFiles;  // most recent first
    std::string syncFolder;     // File > Sync now: the team's shared folder; empty until chosen
    std::string exportFolder;   // where File > Export... last wrote; empty: beside the video

    // Moves `file` to the front, without duplicates, keeping at most kMaxRecent.
    void addRecent(const std::string& file);

    static std::filesystem::path defaultPath();
    // A missing file gives the defaults; a malformed one is an error (and is left untouched).
    static Result<Settings> load(const std::filesystem::path& file);
    // Written to a temporary file and renamed, so a crash never leaves half a file.
    Status save(const std::filesystem::path& file) const;

    bool operator==(const Settings&) const = default;
};

}  // namespace ll::ui
