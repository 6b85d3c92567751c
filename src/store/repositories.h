#pragma once
// Repositories: the only code that knows the library's SQL. Each takes the Database it works on
// and is used from the thread that owns that Database. Writes that touch several rows expect
// the caller to hold a Transaction (Library::write does that); single-row writes are atomic.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/model.h"

namespace ll::store {

// What merging one incoming row did. Merges are idempotent and order-independent: a row is
// replaced only by a copy that was updated later (ties broken by comparing the content).
enum class MergeOutcome { Added, Updated, Unchanged };

class ReviewerRepository {
public:
    explicit ReviewerRepository(Database& db) : m_db(db) {}
    Result<Reviewer> create(std::string name, std::optional<uint32_t> color = std::nullopt);
    Result<std::optional<Reviewer>> get(const Id& id);
    // The oldest live reviewer with exactly this name.
    Result<std::optional<Reviewer>> findByName(std::string_view name);
    // Finds by name, creating the reviewer (with the next palette colour) when new.
    Result<Reviewer> findOrCreate(std::string_view name);
    Result<std::vector<Reviewer>> list();
    Status update(const Reviewer& reviewer);  // name and colour; bumps updated_at
    Result<MergeOutcome> merge(const Reviewer& incoming);

private:
    Database& m_db;
};

// What the library view shows of a clip.
struct ClipSummary {
    Clip clip;
    int commentCount = 0;
    int reviewerCount = 0;
    std::vector<std::string> reviewerNames;
};

class ClipRepository {
public:
    explicit ClipRepository(Database& db) : m_db(db) {}
    // Inserts a clip, or, when its fingerprint is known, refreshes path (and title when given)
    // and returns the stored row. The id comes from the caller (derived from the fingerprint).
    Result<Clip> upsert(const Clip& clip);
    Result<std::optional<Clip>> get(const Id& id);
    Result<std::optional<Clip>> findByFingerprint(std::string_view fingerprint);
    Result<std::optional<Clip>> findByPath(std::string_view path);
    // Live clips whose id starts with `prefix` (case-insensitive).
    Result<std::vector<Clip>> findByIdPrefix(std::string_view prefix);
    Result<std::vector<Clip>> list();
    Result<std::vector<ClipSummary>> summaries();
    // A clip known only from a review pack: no file on this machine yet. It links up when the
    // recording is added (same fingerprint, same id).
    Result<Clip> ensurePlaceholder(const Id& id, const std::string& fingerprint,
                                   const std::string& title, MediaTime duration);

private:
    Result<std::vector<ClipStream>> streams(const Id& clipId);
    // Every row `st` (a kSelect query) yields, each with its streams.
    Result<std::vector<Clip>> readAll(Statement& st);
    Database& m_db;
};

class CommentRepository {
public:
    explicit CommentRepository(Database& db) : m_db(db) {}
    // Validates against the clip (times inside it, parent on the same clip) and the text rules,
    // then inserts with its tags. Fills id and stamps when they are unset.
    Result<Comment> add(Comment comment);
    Result<std::optional<Comment>> get(const Id& id);
    // Live comments whose id starts with `prefix` (case-insensitive).
    Result<std::vector<Comment>> findByIdPrefix(std::string_view prefix);
    // Ordered by start time, then creation.
    Result<std::vector<Comment>> list(const Id& clipId, const CommentFilter& filter = {});
    Status setText(const Id& id, std::string_view text);
    Status setResolved(const Id& id, bool resolved);
    // Rewrites the editable fields (range, kind, text, tags, privacy, resolved, pin).
    Status update(const Comment& comment);
    Status markDeleted(const Id& id);
    Status restore(const Id& id);  // undo of a delete
    // Every tag used on live comments, most used first: for completion.
    Result<std::vector<std::string>> allTags();
    Result<int64_t> count(const Id& clipId);
    // Merges a comment from another library, stamps and tombstone included. The clip and the
    // author must exist; an id that belongs to another clip or author is refused. A comment
    // that is private here is left as it is (Unchanged): no pack can hold a copy of it.
    Result<MergeOutcome> merge(const Comment& incoming);

private:
    Result<Comment> validate(Comment comment);
    Status writeTags(const Id& id, const std::vector<std::string>& tags);
    Database& m_db;
};

class AnalysisRepository {
public:
    explicit AnalysisRepository(Database& db) : m_db(db) {}
    Result<AnalysisRun> startRun(const Id& clipId, std::string algorithm, std::string version,
                                 std::string parametersJson);
    Status finishRun(const Id& runId, AnalysisRun::Status status, std::string_view message = {});
    // Replaces the run's segments; they must tile the run's span without gaps or overlaps.
    Status saveSegments(const Id& runId, const std::vector<TalkSegmentRow>& segments);
    Result<std::optional<AnalysisRun>> latestCompleteRun(const Id& clipId);
    Result<std::vector<AnalysisRun>> runs(const Id& clipId);
    Result<std::vector<TalkSegmentRow>> segments(const Id& runId);

    Result<SegmentCorrection> addCorrection(SegmentCorrection correction);
    // Live corrections of a clip, oldest first (later ones win when applied); with
    // `includeDeleted`, tombstones too (for review packs).
    Result<std::vector<SegmentCorrection>> corrections(const Id& clipId, bool includeDeleted = false);
    Result<MergeOutcome> mergeCorrection(const SegmentCorrection& incoming);
    Status markCorrectionDeleted(const Id& id);

    // The clip's waveform peaks as an opaque blob (media::PeakPyramid::serialize), replaced
    // whenever the audio is extracted again.
    Status savePeaks(const Id& clipId, std::span<const uint8_t> blob);
    Result<std::optional<std::vector<uint8_t>>> peaks(const Id& clipId);

private:
    Database& m_db;
};

struct Round {
    Id id;
    std::string title;
    std::string focus;   // the team's focus question (problem of practice)
    std::string focusTag;  // comments with this tag are gathered under the focus
    std::string heldOn;  // the date of the visits, as written ("2026-11-23")
    std::vector<Id> clipIds;  // in the order they were added
    Stamps stamps;
};

class RoundRepository {
public:
    explicit RoundRepository(Database& db) : m_db(db) {}
    Result<Round> create(std::string title, std::string focus, std::string focusTag,
                         std::string heldOn);
    Result<std::optional<Round>> get(const Id& id);
    Result<std::vector<Round>> findByIdPrefix(std::string_view prefix);
    Result<std::vector<Round>> list();
    // Adding a clip twice is harmless.
    Status addClip(const Id& roundId, const Id& clipId);
    Status removeClip(const Id& roundId, const Id& clipId);

private:
    Result<std::vector<Id>> clipsOf(const Id& roundId);
    Database& m_db;
};

}  // namespace ll::store
