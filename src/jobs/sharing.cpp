#include "jobs/sharing.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "core/time_text.h"
#include "jobs/output_file.h"

namespace ll::jobs {
namespace fs = std::filesystem;

Result<exchange::Pack> buildPack(store::Library& library, const store::Reviewer& reviewer,
                                 const std::vector<store::Clip>& clips) {
    exchange::Pack pack;
    pack.createdAt = nowUnixMicros();
    pack.author = reviewer.id;
    pack.reviewers.push_back(reviewer);
    for (const store::Clip& clip : clips) {
        exchange::PackClip pc;
        pc.id = clip.id;
        pc.fingerprint = clip.fingerprint;
        pc.title = clip.title;
        pc.duration = clip.duration;
        store::CommentFilter filter;
        filter.authorId = reviewer.id;
        filter.includePrivate = false;
        filter.includeDeleted = true;
        LL_ASSIGN(pc.comments, library.comments().list(clip.id, filter));
        LL_ASSIGN(auto corrections, library.analyses().corrections(clip.id, true));
        for (auto& c : corrections) {
            if (c.reviewerId != reviewer.id) continue;
            c.runId.reset();
            pc.corrections.push_back(std::move(c));
        }
        if (!pc.comments.empty() || !pc.corrections.empty()) pack.clips.push_back(std::move(pc));
    }
    return pack;
}

Result<exchange::Pack> buildPackForAllClips(store::Library& library,
                                            const store::Reviewer& reviewer) {
    LL_ASSIGN(auto clips, library.clips().list());
    return buildPack(library, reviewer, clips);
}

namespace {

Error cancelledImport() {
    return Error::make(Error::Code::Cancelled, "import cancelled; nothing was imported");
}

}  // namespace

Result<ImportStats> importPack(store::Library& library, const exchange::Pack& pack,
                               const ImportControl& control) {
    ImportStats stats;
    size_t total = 0, done = 0;
    for (const auto& pc : pack.clips) total += pc.comments.size() + pc.corrections.size();
    // Every 64 rows: the cancel flag, and progress for the bar.
    auto advance = [&]() -> Status {
        if (++done % 64 != 0) return {};
        if (control.cancelled()) return cancelledImport();
        if (control.progress) control.progress(static_cast<float>(done) / static_cast<float>(total));
        return {};
    };
    auto count = [&](store::MergeOutcome o) {
        if (o == store::MergeOutcome::Added) ++stats.added;
        else if (o == store::MergeOutcome::Updated) ++stats.updated;
        else ++stats.unchanged;
    };
    // Counts a merged row, or turns its refusal into the whole pack's refusal.
    auto tally = [&](Result<store::MergeOutcome> o) -> Status {
        if (!o) {
            Error e = o.takeError();
            e.message = "this review pack cannot be used: " + e.message + "; nothing was imported";
            return e;
        }
        count(*o);
        return {};
    };
    Status st = library.write([&]() -> Status {
        for (const auto& r : pack.reviewers) {
            LL_ASSIGN(auto o, library.reviewers().merge(r));
            (void)o;  // reviewers are context, not counted as notes
            if (r.id == pack.author) stats.author = r.name;
        }
        for (const auto& pc : pack.clips) {
            LL_ASSIGN(auto local, library.clips().findByFingerprint(pc.fingerprint));
            if (!local) {
                LL_TRY(library.clips().ensurePlaceholder(pc.id, pc.fingerprint, pc.title, pc.duration));
                ++stats.placeholders;
            } else if (local->id != pc.id) {
                return Error::invalid("this review pack cannot be used: its clip id does not "
                                      "match the clip here; nothing was imported");
            }
            ++stats.clips;
            for (const auto& c : pc.comments) {
                LL_TRY(tally(library.comments().merge(c)));
                LL_TRY(advance());
            }
            for (const auto& c : pc.corrections) {
                LL_TRY(tally(library.analyses().mergeCorrection(c)));
                LL_TRY(advance());
            }
        }
        // The last chance to change one's mind: after this the transaction commits.
        if (control.cancelled()) return cancelledImport();
        return {};
    });
    if (!st) return st.takeError();
    if (control.progress) control.progress(1.f);
    return stats;
}

Result<ImportStats> importPackFile(store::Library& library, const fs::path& file,
                                   const ImportControl& control) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) return Error::invalid(file.string() + " is a folder, not a review pack");
    auto size = fs::file_size(file, ec);
    if (ec) return Error::make(Error::Code::NotFound, "cannot read " + file.string(), ec.message());
    if (size > exchange::kMaxPackBytes) {
        return Error::invalid(file.string() + " is larger than any review pack (64 MB); nothing "
                                              "was imported");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::make(Error::Code::Io, "cannot read " + file.string());
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto pack = exchange::readPack(bytes, nowUnixMicros());
    if (!pack) {
        Error e = pack.takeError();
        e.message = file.filename().string() + ": " + e.message;
        return e;
    }
    auto imported = importPack(library, *pack, control);
    if (!imported && imported.error().code != Error::Code::Cancelled) {
        Error e = imported.takeError();
        e.message = file.filename().string() + ": " + e.message;
        return e;
    }
    return imported;
}

Result<SyncReport> syncFolder(store::Library& library, const fs::path& folder,
                              const store::Reviewer& reviewer, const ImportControl& control) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        return Error::notFound(folder.string() + " is not a folder; create the shared folder "
                                                 "first (for example on a synced drive)");
    }
    SyncReport report;
    LL_ASSIGN(exchange::Pack own, buildPackForAllClips(library, reviewer));
    report.written = folder / (reviewer.id.toString() + ".llpack");
    // Others write in this folder too: a link planted under our pack's name is replaced, never
    // followed to write over one of this person's files; nor is the library or a recording.
    LL_ASSIGN(OutputRules rules, outputRules(library));
    rules.replaceLinks = true;
    LL_TRY(writeFileAtomically(report.written, exchange::writePack(own), rules));

    std::vector<fs::path> others;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const fs::path& p = entry.path();
        if (p.extension() != ".llpack" || p.filename().string().front() == '.') continue;
        if (p == report.written) continue;
        others.push_back(p);
    }
    if (ec) return Error::make(Error::Code::Io, "cannot list " + folder.string(), ec.message());
    std::sort(others.begin(), others.end());
    // Writing our own pack is the first tenth of the work; each other pack an equal share.
    const float share = others.empty() ? 0.f : 0.9f / static_cast<float>(others.size());
    auto progressTo = [&](float p) {
        if (control.progress) control.progress(p);
    };
    progressTo(0.1f);
    for (size_t i = 0; i < others.size(); ++i) {
        if (control.cancelled()) {
            return Error::make(Error::Code::Cancelled,
                               "sync cancelled after " + std::to_string(i) + " of " +
                                   std::to_string(others.size()) + " packs; your own pack was written");
        }
        const float base = 0.1f + share * static_cast<float>(i);
        ImportControl one{control.cancel, [&](float p) { progressTo(base + share * p); }};
        report.imported.push_back({others[i], importPackFile(library, others[i], one)});
        progressTo(base + share);
    }
    return report;
}

}  // namespace ll::jobs
