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

}  // namespace ll::media
