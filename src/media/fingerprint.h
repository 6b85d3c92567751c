#pragma once
// A clip's identity from its content: the file size plus SHA-256 hashes of its first and last
// MiB. The same recording copied to another laptop or folder has the same fingerprint; a
// re-encoded or trimmed one does not. Reads at most 2 MiB, so it is fast on hour-long lessons.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/id.h"
#include "core/result.h"

namespace ll::media {

struct Fingerprint {
    uint64_t sizeBytes = 0;
    std::string digestHex;  // 64 hex digits: SHA-256 over (size, head, tail)

    // "v1:<size>:<digest>", the form stored in the library and written into review packs.
    std::string toString() const;
    // The clip's Id, derived from the digest so that every machine computes the same one.
    Id clipId() const;
};

Result<Fingerprint> fingerprint(const std::filesystem::path& file);

// Whether two files of one fingerprint also agree inside: 16 pieces of 64 KiB spread between
// the first and the last MiB are compared. The fingerprint never reads there, so a copy damaged
// in the middle (a bad card, an interrupted transfer that kept the size) would pass for the
// recording. Reads at most 2 MiB of each; errors name the file that cannot be read.
Result<bool> sameInside(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace ll::media
