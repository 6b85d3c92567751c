#pragma once
// Files a person names for output (exports, packs, reports, talk-time JSON and RTTM): checked
// before any slow work, so a typo in a folder name does not cost a finished analysis, and
// written so that a reader sees the old file or the new one, never half of one.
// Free functions; any thread.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ll::store {
class Library;
}

namespace ll::jobs {

// A file that no output may be written over, whatever name the person types or picks: the open
// library (a CSV written over it would lose every comment) and the lessons' recordings.
struct KeptFile {
    std::filesystem::path path;
    std::string what;  // how the refusal names it: "the library", "the recording of “Fractions”"
};
using KeptFiles = std::vector<KeptFile>;

// How an output is written.
struct OutputRules {
    KeptFiles keep;             // refused as targets, however they are reached (links, other names)
    bool replaceLinks = false;  // a link at the target is replaced by the file, never followed:
                                // for folders others write in, such as the team's shared folder
};

// The library at `database` (its file and SQLite's -wal, -shm and -journal files beside it).
KeptFiles libraryFiles(const std::filesystem::path& database);
// The library's files and the recording of every lesson in it: what a command working with the
// library must never write over. Call on the thread that owns `library`.
Result<KeptFiles> filesToKeep(store::Library& library);
// The rules for a file a person names while working with `library`: keep filesToKeep(library).
Result<OutputRules> outputRules(store::Library& library);

// Whether `target` can be written, without touching it: its symbolic links are followed, a
// folder is refused ("name a file inside it"), and so is a path whose folder is missing, is not
// a folder, or cannot be written in. A pipe or device (/dev/stdout) is accepted as it is. A
// target that is one of `rules.keep` is refused, saying what it is.
Status checkOutputFile(const std::filesystem::path& target, const OutputRules& rules = {});

// Whether `target` leads to a pipe, terminal or device (/dev/stdout, /dev/null) rather than to
// a file: a command writing there says what it wrote on stderr, not into the stream.
bool isOutputStream(const std::filesystem::path& target);

// Writes `bytes` to where `target` leads (symbolic links followed, so a link stays a link).
// A regular file, new or old, gets a temporary file beside it that is flushed to disk and then
// renamed over it, keeping an old file's permissions. A pipe or device is written straight into
// (`--out /dev/stdout` prints), never replaced. Refuses what checkOutputFile refuses. With
// `rules.replaceLinks`, a link at `target` is itself replaced and what it pointed at is untouched.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes,
                           const OutputRules& rules = {});

}  // namespace ll::jobs
