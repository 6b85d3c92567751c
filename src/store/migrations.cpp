#include "store/migrations.h"

namespace ll::store {
namespace {

// Conventions: ids are canonical UUID text; *_us columns are MediaTime microseconds;
// *_at columns are Unix microseconds (UTC). Rows that travel carry created/updated/deleted.
constexpr std::string_view kSchemaV1 = R"SQL(
CREATE TABLE reviewers (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    color       INTEGER NOT NULL DEFAULT 5142951,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX reviewers_by_name ON reviewers (name);

CREATE TABLE clips (
    id          TEXT PRIMARY KEY NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    duration_us INTEGER NOT NULL CHECK (duration_us >= 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX clips_by_path ON clips (path);

CREATE TABLE clip_streams (
    clip_id     TEXT NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    codec       TEXT NOT NULL,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    fps         REAL NOT NULL DEFAULT 0,
    rotation    INTEGER NOT NULL DEFAULT 0,
    sample_rate INTEGER NOT NULL DEFAULT 0,
    channels    INTEGER NOT NULL DEFAULT 0,
    language    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (clip_id, idx)
) WITHOUT ROWID;

CREATE TABLE comments (
    id          TEXT PRIMARY KEY NOT NULL,
    clip_id     TEXT NOT NULL REFERENCES clips (id),
    author_id   TEXT NOT NULL REFERENCES reviewers (id),
    -- No foreign key: review packs merge in any order, so a reply may arrive before the
    -- comment it answers (which then shows up when that reviewer's pack is imported).
    parent_id   TEXT,
    start_us    INTEGER NOT NULL CHECK (start_us >= 0),
    end_us      INTEGER CHECK (end_us IS NULL OR end_us > start_us),
    kind        TEXT NOT NULL CHECK (kind IN ('strength', 'question', 'suggestion', 'note')),
    body        TEXT NOT NULL,
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    pin_x       REAL CHECK (pin_x IS NULL OR (pin_x >= 0 AND pin_x <= 1)),
    pin_y       REAL CHECK (pin_y IS NULL OR (pin_y >= 0 AND pin_y <= 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX comments_by_clip_time ON comments (clip_id, start_us);
CREATE INDEX comments_by_parent ON comments (parent_id);

CREATE TABLE comment_tags (
    comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL CHECK (length(tag) > 0),
    PRIMARY KEY (comment_id, tag)
) WITHOUT ROWID;
CREATE INDEX comment_tags_by_tag ON comment_tags (tag);

CREATE TABLE analysis_runs (
    id          TEXT PRIMARY KEY NOT NULL,
    clip_id     TEXT NOT NULL REFERENCES clips (id),
    algorithm   TEXT NOT NULL,
    version     TEXT NOT NULL,
    parameters  TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'failed')),
    message     TEXT NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX analysis_runs_by_clip ON analysis_runs (clip_id, started_at);

CREATE TABLE talk_segments (
    run_id      TEXT NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
    start_us    INTEGER NOT NULL CHECK (start_us >= 0),
    end_us      INTEGER NOT NULL CHECK (end_us > start_us),
    label       TEXT NOT NULL CHECK (label IN ('teacher', 'student', 'multiple', 'silence')),
    confidence  REAL NOT NULL DEFAULT 0,
    speaker     INTEGER NOT NULL DEFAULT -1,
    PRIMARY KEY (run_id, start_us)
) WITHOUT ROWID;

CREATE TABLE segment_corrections (
    id          TEXT PRIMARY KEY NOT NULL,
    clip_id     TEXT NOT NULL REFERENCES clips (id),
    reviewer_id TEXT NOT NULL REFERENCES reviewers (id),
    run_id      TEXT REFERENCES analysis_runs (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('relabel', 'teacher_at')),
    start_us    INTEGER NOT NULL CHECK (start_us >= 0),
    end_us      INTEGER NOT NULL CHECK (end_us >= start_us),
    label       TEXT NOT NULL DEFAULT ''
                CHECK (label IN ('', 'teacher', 'student', 'multiple', 'silence')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX segment_corrections_by_clip ON segment_corrections (clip_id, created_at);
)SQL";

// Version 2: waveform peaks and teacher rounds.
// Waveform peaks computed while audio is extracted for analysis, so the timeline draws any
// zoom level without reading the media again (media::PeakPyramid's blob).
constexpr std::string_view kSchemaV2 = R"SQL(
CREATE TABLE waveform_peaks (
    clip_id     TEXT PRIMARY KEY NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    data        BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Teacher rounds: a team visits several classrooms around one focus question.
CREATE TABLE rounds (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    focus       TEXT NOT NULL DEFAULT '',
    focus_tag   TEXT NOT NULL DEFAULT '',
    held_on     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE TABLE round_clips (
    round_id    TEXT NOT NULL REFERENCES rounds (id),
    clip_id     TEXT NOT NULL REFERENCES clips (id),
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (round_id, clip_id)
) WITHOUT ROWID;
)SQL";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

}  // namespace ll::store
