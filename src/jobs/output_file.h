#pragma once
// Files a person names for output (exports, packs, reports, talk-time JSON and RTTM): checked
// before any slow work, so a typo in a folder name does not cost a finished analysis, and
// written so that a reader sees the old file or the new one, never half of one.
// Free functions; any thread.

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace ll::jobs {

// Whether `target` can be written, without touching it: its symbolic links are followed, a
// folder is refused ("name a file inside it"), and so is a path whose folder is missing, is not
// a folder, or cannot be written in. A pipe or device (/dev/stdout) is accepted as it is.
Status checkOutputFile(const std::filesystem::path& target);

// Whether `target` leads to a pipe, terminal or device (/dev/stdout, /dev/null) rather than to
// a file: a command writing there says what it wrote on stderr, not into the stream.
bool isOutputStream(const std::filesystem::path& target);

// Writes `bytes` to where `target` leads (symbolic links followed, so a link stays a link).
// A regular file, new or old, gets a temporary file beside it that is flushed to disk and then
// renamed over it, keeping an old file's permissions. A pipe or device is written straight into
// (`--out /dev/stdout` prints), never replaced. Refuses what checkOutputFile refuses.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace ll::jobs
