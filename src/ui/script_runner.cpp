#include "ui/script_runner.h"

#include <cstdio>
#include <fstream>

#include "ui/commands.h"

namespace ll::ui {

Result<ScriptRunner> ScriptRunner::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return Error::make(Error::Code::NotFound, "cannot read the script " + file.string());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return fromLines(std::move(lines), file.filename().string());
}

ScriptRunner ScriptRunner::fromLines(std::vector<std::string> lines, std::string name) {
    ScriptRunner r;
    r.m_lines = std::move(lines);
    r.m_name = std::move(name);
    return r;
}

void ScriptRunner::step(bool settled, const LineFn& run, Clock::time_point now) {
    if (waiting(now) || !settled) return;
    // Skip blank and comment lines without spending a frame on them.
    while (m_next < m_lines.size()) {
        const size_t lineNo = m_next + 1;
        const std::string& line = m_lines[m_next++];
        auto words = splitCommandLine(line);
        if (words && words->empty()) continue;
        Status st = [&]() -> Status {
            if (!words) return words.takeError();
            if (words->front() == "wait") {
                if (words->size() != 2) return Error::invalid("wait takes one number of seconds");
                char* end = nullptr;
                double s = std::strtod((*words)[1].c_str(), &end);
                if (!end || *end || s < 0) return Error::invalid("wait needs seconds, like \"wait 1.5\"");
                m_waitUntil = now + std::chrono::microseconds(static_cast<int64_t>(s * 1e6));
                return {};
            }
            return run(line);
        }();
        if (!st) {
            ++m_failures;
            std::string msg = m_name + ":" + std::to_string(lineNo) + ": " + st.error().describe();
            std::fprintf(stderr, "lessonlens: %s\n", msg.c_str());
            m_errors.push_back(std::move(msg));
        }
        return;
    }
}

}  // namespace ll::ui
