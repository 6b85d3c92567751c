#include "ui/settings.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

namespace ll::ui {

void Settings::addRecent(const std::string& file) {
    std::erase(recentFiles, file);
    recentFiles.insert(recentFiles.begin(), file);
    if (recentFiles.size() > kMaxRecent) recentFiles.resize(kMaxRecent);
}

std::filesystem::path Settings::defaultPath() {
    std::filesystem::path base;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = std::filesystem::path(h) / ".config";
    else base = ".";
    return base / "lessonlens" / "settings.json";
}

Result<Settings> Settings::load(const std::filesystem::path& file) {
    Settings s;
    std::ifstream in(file);
    if (!in) return s;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error::make(Error::Code::Invalid, "the settings file " + file.string() +
                                                     " is damaged; using the defaults");
    auto get = [&](const char* key, auto& out) {
        if (auto it = j.find(key); it != j.end()) {
            try {
                it->get_to(out);
            } catch (const nlohmann::json::exception&) {
                // a wrong type keeps the default for that one value
            }
        }
    };
    get("window_width", s.windowWidth);
    get("window_height", s.windowHeight);
    get("reviewer_name", s.reviewerName);
    get("reviewer_color", s.reviewerColor);
    get("volume", s.volume);
    get("recent_files", s.recentFiles);
    get("sync_folder", s.syncFolder);
    get("export_folder", s.exportFolder);
    s.windowWidth = std::clamp(s.windowWidth, 640, 16384);
    s.windowHeight = std::clamp(s.windowHeight, 400, 16384);
    s.volume = std::clamp(s.volume, 0.f, 1.f);
    s.reviewerColor &= 0xffffff;
    if (s.recentFiles.size() > kMaxRecent) s.recentFiles.resize(kMaxRecent);
    return s;
}

Status Settings::save(const std::filesystem::path& file) const {
    nlohmann::json j = {
        {"window_width", windowWidth},   {"window_height", windowHeight},
        {"reviewer_name", reviewerName}, {"reviewer_color", reviewerColor},
        {"volume", volume},              {"recent_files", recentFiles},
        {"sync_folder", syncFolder},     {"export_folder", exportFolder},
    };
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    auto tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return Error::make(Error::Code::Io, "cannot write settings to " + file.string());
        out << j.dump(2) << '\n';
        if (!out) return Error::make(Error::Code::Io, "cannot write settings to " + file.string());
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error::make(Error::Code::Io, "cannot write settings to " + file.string(), ec.message());
    return {};
}

}  // namespace ll::ui
