#pragma once
// Review packs: one reviewer's shared comments, replies and talk-time corrections, travelling
// between libraries as a small versioned JSON file. The video never travels; clips are named
// by their content fingerprint. Reading validates the whole file before anything is used, so a
// damaged or hostile pack is refused as a whole. Pure: no files, no database.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/model.h"

namespace ll::exchange {

inline constexpr std::string_view kPackFormat = "lessonlens-review-pack";
inline constexpr int kPackVersion = 1;
inline constexpr size_t kMaxPackBytes = 64u << 20;

struct PackClip {
    Id id;                  // derived from the fingerprint; checked on read
    std::string fingerprint;
    std::string title;
    MediaTime duration;
    std::vector<store::Comment> comments;              // never private; tombstones included
    std::vector<store::SegmentCorrection> corrections;  // runId is not carried
};

struct Pack {
    int version = kPackVersion;
    int64_t createdAt = 0;
    Id author;                            // the reviewer whose pack this is
    std::vector<store::Reviewer> reviewers;  // everyone a comment or correction names
    std::vector<PackClip> clips;
};

std::string writePack(const Pack& pack);
// `nowUnixMicros` bounds the timestamps a pack may carry (a clock far in the future would let
// a pack win every later merge).
Result<Pack> readPack(std::string_view bytes, int64_t nowUnixMicros);

}  // namespace ll::exchange
