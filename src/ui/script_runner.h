#pragma once
// Runs a `--script` file in the real window, one line per step: each line is a command from the
// registry, except `wait SECONDS`, which the runner honours in real time. Before each line it lets
// the app settle (a seek's frame arrived, the UI drawn twice, a screenshot written), so scripts
// read like what a person would do and see. A failing line is reported with its number and
// makes the exit code 1; the rest still runs.
// Owned by the UI thread.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace ll::ui {

class ScriptRunner {
public:
    using Clock = std::chrono::steady_clock;
    // Runs one line; the registry's runLine in the app.
    using LineFn = std::function<Status(const std::string& line)>;

    static Result<ScriptRunner> load(const std::filesystem::path& file);
    static ScriptRunner fromLines(std::vector<std::string> lines, std::string name = "script");

    // One step: runs at most one line when `settled` and no wait is pending.
    void step(bool settled, const LineFn& run, Clock::time_point now = Clock::now());
    bool finished() const { return m_next >= m_lines.size() && !waiting(); }
    bool waiting(Clock::time_point now = Clock::now()) const { return now < m_waitUntil; }
    int failures() const { return m_failures; }
    const std::vector<std::string>& errors() const { return m_errors; }

private:
    std::string m_name;
    std::vector<std::string> m_lines;
    size_t m_next = 0;
    Clock::time_point m_waitUntil{};
    int m_failures = 0;
    std::vector<std::string> m_errors;
};

}  // namespace ll::ui
