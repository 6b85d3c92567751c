#pragma once
// Sharing notes, never video: review packs out of and into a library, and a shared folder
// where each reviewer's pack is one file that only that reviewer writes.

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "exchange/pack.h"
#include "store/library.h"

namespace ll::jobs {

// The reviewer's shared comments (tombstones included, so deletions travel), replies and
// talk-time corrections on the given clips; private comments are never included.
Result<exchange::Pack> buildPack(store::Library& library, const store::Reviewer& reviewer,
                                 const std::vector<store::Clip>& clips);
// Every clip on which the reviewer has shared comments or corrections.
Result<exchange::Pack> buildPackForAllClips(store::Library& library, const store::Reviewer& reviewer);

struct ImportStats {
    int added = 0, updated = 0, unchanged = 0;
    int clips = 0;
    int placeholders = 0;  // clips whose video this library does not have yet
    std::string author;
};

// For long imports on a worker thread: progress 0..1, and a cancel flag that rolls the whole
// import back (an Error with code Cancelled; the library is unchanged).
struct ImportControl {
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(float)> progress;
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

// Merges in one transaction: all of the pack lands, or none of it.
Result<ImportStats> importPack(store::Library& library, const exchange::Pack& pack,
                               const ImportControl& control = {});
Result<ImportStats> importPackFile(store::Library& library, const std::filesystem::path& file,
                                   const ImportControl& control = {});

struct SyncReport {
    std::filesystem::path written;  // this reviewer's pack
    struct Imported {
        std::filesystem::path file;
        Result<ImportStats> result;
    };
    std::vector<Imported> imported;  // everyone else's packs, each accepted or refused whole
};
// Writes the reviewer's pack to FOLDER/<reviewer id>.llpack and imports every other .llpack.
// Cancelling stops before the next pack; packs already imported stay imported.
Result<SyncReport> syncFolder(store::Library& library, const std::filesystem::path& folder,
                              const store::Reviewer& reviewer, const ImportControl& control = {});

}  // namespace ll::jobs
