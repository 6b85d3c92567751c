#pragma once
// Rows of the library as plain values. Repositories read and write them; nothing here touches
// SQLite. Times on the media timeline are MediaTime; wall-clock stamps are Unix microseconds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"
#include "core/media_time.h"
#include "core/result.h"

namespace ll::store {

// Every row that travels between machines carries these (ARCHITECTURE.md, "Time and identity").
struct Stamps {
    int64_t createdAt = 0;
    int64_t updatedAt = 0;
    std::optional<int64_t> deletedAt;  // a tombstone: the row stays so merges see the deletion
    bool isDeleted() const { return deletedAt.has_value(); }
};

struct Reviewer {
    Id id;
    std::string name;
    uint32_t color = 0x4e79a7;  // 0xRRGGBB, the colour of this reviewer's markers
    Stamps stamps;
};

struct ClipStream {
    int index = 0;
    std::string type;  // "video", "audio", "subtitle", "other"
    std::string codec;
    int width = 0, height = 0;
    double fps = 0;
    int rotation = 0;
    int sampleRate = 0, channels = 0;
    std::string language;
};

struct Clip {
    Id id;                    // derived from the fingerprint: equal on every machine
    std::string fingerprint;  // "v1:<size>:<sha256>"
    std::string path;         // where this machine last saw the file (may be empty)
    std::string title;
    MediaTime duration;
    std::vector<ClipStream> streams;
    Stamps stamps;
};

enum class CommentKind { Strength, Question, Suggestion, Note };
std::string_view toString(CommentKind kind);
Result<CommentKind> parseCommentKind(std::string_view text);

struct Comment {
    Id id;
    Id clipId;
    Id authorId;
    std::optional<Id> parentId;          // set on replies
    MediaTime start;
    std::optional<MediaTime> end;        // set on range comments; [start, end)
    CommentKind kind = CommentKind::Note;
    std::string text;                    // stored byte-exact
    std::vector<std::string> tags;       // sorted, unique
    bool isPrivate = false;              // private comments never leave this machine
    bool resolved = false;
    std::optional<float> pinX, pinY;     // normalized [0,1] position on the frame
    Stamps stamps;

    // Filled on read for display; not stored in the comments table.
    std::string authorName;
    uint32_t authorColor = 0;
};

struct CommentFilter {
    std::optional<Id> authorId{};
    std::optional<std::string> tag{};
    std::optional<CommentKind> kind{};
    std::optional<bool> resolved{};
    bool includePrivate = true;
    bool includeDeleted = false;
};

// One analysis of a clip's talk time: the algorithm, its version and parameters are kept so
// that results stay explainable after the algorithm improves.
struct AnalysisRun {
    enum class Status { Running, Complete, Cancelled, Failed };
    Id id;
    Id clipId;
    std::string algorithm;        // e.g. "talk"
    std::string version;          // e.g. "talk-v1"
    std::string parametersJson;   // the parameters, as a JSON object text
    Status status = Status::Running;
    std::string message;          // why it failed, when it did
    int64_t startedAt = 0;
    std::optional<int64_t> finishedAt;
};
std::string_view toString(AnalysisRun::Status status);

// Talk labels as stored: "teacher", "student", "multiple", "silence".
bool isTalkLabel(std::string_view label);

struct TalkSegmentRow {
    TimeRange range;
    std::string label;
    float confidence = 0;
    int speaker = -1;  // the run's speaker cluster, -1 when none (silence, multiple)
};

// A reviewer's correction of the automatic segments, kept apart from them.
struct SegmentCorrection {
    enum class Kind {
        Relabel,    // [start, end) is `label` (also how a boundary is moved)
        TeacherAt,  // the voice speaking at `range.start` is the teacher
    };
    Id id;
    Id clipId;
    Id reviewerId;
    std::optional<Id> runId;  // the run the reviewer was looking at
    Kind kind = Kind::Relabel;
    TimeRange range;          // for TeacherAt, start == end
    std::string label;        // for Relabel
    Stamps stamps;
};
std::string_view toString(SegmentCorrection::Kind kind);

}  // namespace ll::store
