#pragma once
// Shared state of one lessonlens-cli run: global options, the library (opened on first use),
// output helpers and the exit code. Each cmd_*.cpp registers its subcommands on the app.
// Single-threaded.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>

#include "core/result.h"
#include "jobs/output_file.h"

namespace ll::store {
class Library;
}

namespace ll::cli {

// Exit codes: 0 success; 1 the request failed (message on stderr); 2 usage error (CLI11);
// 3 `check` found a damaged file.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitDamaged = 3;

class Context {
public:
    Context();
    ~Context();

    std::string dbOption;  // --db; empty means LESSONLENS_DB, then the XDG default
    bool json = false;     // --json
    bool verbose = false;  // --verbose: adds library detail to error messages
    int exitCode = 0;

    // The library database, opened (and created or migrated) on first use.
    Result<store::Library*> library();
    std::filesystem::path databasePath() const;
    // What no output of this run may be written over: the library's files, and once the library
    // is open, every lesson's recording in it.
    jobs::OutputRules outputRules();

    // Prints "lessonlens-cli: <message>" (plus detail when verbose) to stderr and sets the exit code.
    void fail(const Error& error, int code = kExitFailure);
    // Prints JSON to stdout, pretty with 2-space indent.
    void printJson(const nlohmann::json& j);

private:
    std::unique_ptr<store::Library> m_library;
};

// The file an option names for output, checked before any slow work (a mistyped folder must not
// cost a finished analysis of an hour-long lesson); errors start with the option's name. An
// empty path passes: the option was not given. The files of ctx.outputRules() and `alsoKeep`
// (the recording a command reads) are refused.
Status checkOutputOption(Context& ctx, const std::string& path, std::string_view option,
                         const jobs::KeptFiles& alsoKeep = {});
// Writes `bytes` to the file an option names, as jobs::writeFileAtomically, refusing the files of
// ctx.outputRules() and `alsoKeep`; errors start with the option's name.
Status writeOutputOption(Context& ctx, const std::string& path, std::string_view option,
                         std::string_view bytes, const jobs::KeptFiles& alsoKeep = {});

// Where to say "Wrote OUT": stdout, or stderr when OUT is itself a stream (--out /dev/stdout),
// so that the note does not land inside what was written.
std::ostream& noteStreamFor(const std::string& out);

void registerLibraryCommands(CLI::App& app, Context& ctx);  // add, clips
void registerCommentCommands(CLI::App& app, Context& ctx);  // comment add/list/edit/resolve/delete
void registerMediaCommands(CLI::App& app, Context& ctx);    // probe, frame, check
void registerTalkCommands(CLI::App& app, Context& ctx);     // analyze, talk
void registerShareCommands(CLI::App& app, Context& ctx);    // export, pack, sync, round

}  // namespace ll::cli
