#include "apps/lessonlens-cli/cli_context.h"

#include <cstdlib>
#include <iostream>

#include "core/text.h"
#include "jobs/output_file.h"
#include "store/library.h"

namespace ll::cli {

namespace {

jobs::OutputRules rulesFor(Context& ctx, const jobs::KeptFiles& alsoKeep) {
    jobs::OutputRules rules = ctx.outputRules();
    rules.keep.insert(rules.keep.end(), alsoKeep.begin(), alsoKeep.end());
    return rules;
}

Status prefixed(Status st, std::string_view option) {
    if (st) return {};
    Error e = st.takeError();
    e.message = std::string(option) + ": " + e.message;
    return e;
}

}  // namespace

Status checkOutputOption(Context& ctx, const std::string& path, std::string_view option,
                         const jobs::KeptFiles& alsoKeep) {
    if (path.empty()) return {};
    return prefixed(jobs::checkOutputFile(path, rulesFor(ctx, alsoKeep)), option);
}

Status writeOutputOption(Context& ctx, const std::string& path, std::string_view option,
                         std::string_view bytes, const jobs::KeptFiles& alsoKeep) {
    return prefixed(jobs::writeFileAtomically(path, bytes, rulesFor(ctx, alsoKeep)), option);
}

std::ostream& noteStreamFor(const std::string& out) {
    return jobs::isOutputStream(out) ? std::cerr : std::cout;
}

Context::Context() = default;
Context::~Context() = default;

std::filesystem::path Context::databasePath() const {
    if (!dbOption.empty()) return dbOption;
    return store::Library::defaultPath();
}

jobs::OutputRules Context::outputRules() {
    jobs::OutputRules rules;
    rules.keep = jobs::libraryFiles(databasePath());
    if (m_library) {
        if (auto kept = jobs::filesToKeep(*m_library)) rules.keep = std::move(*kept);
    }
    return rules;
}

Result<store::Library*> Context::library() {
    if (!m_library) {
        store::OpenOptions options;
        if (const char* ms = std::getenv("LESSONLENS_BUSY_TIMEOUT_MS"); ms && *ms) {
            options.busyTimeoutMs = std::atoi(ms);
        }
        auto opened = store::Library::open(databasePath(), options);
        if (!opened) return opened.takeError();
        m_library = std::move(opened).value();
    }
    return m_library.get();
}

void Context::fail(const Error& error, int code) {
    // One line: a teacher reads the reason, a script greps it. Names and paths quoted in it
    // may hold anything (a control character would reach the terminal), so it is made safe.
    std::string text = toDisplayText(verbose ? error.describe() : error.message);
    std::cerr << "lessonlens-cli: " << text << std::endl;
    exitCode = code;
}

void Context::printJson(const nlohmann::json& j) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace ll::cli
