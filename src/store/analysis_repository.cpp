#include "core/text.h"
#include "core/time_text.h"
#include <tuple>

#include "store/repositories.h"

namespace ll::store {
namespace {

constexpr const char* kSelectRun =
    "SELECT id, clip_id, algorithm, version, parameters, status, message, started_at, "
    "finished_at FROM analysis_runs ";

AnalysisRun::Status parseStatus(std::string_view s) {
    if (s == "complete") return AnalysisRun::Status::Complete;
    if (s == "cancelled") return AnalysisRun::Status::Cancelled;
    if (s == "failed") return AnalysisRun::Status::Failed;
    return AnalysisRun::Status::Running;
}

AnalysisRun readRun(const Statement& st) {
    AnalysisRun r;
    r.id = st.id(0);
    r.clipId = st.id(1);
    r.algorithm = st.text(2);
    r.version = st.text(3);
    r.parametersJson = st.text(4);
    r.status = parseStatus(st.text(5));
    r.message = st.text(6);
    r.startedAt = st.int64(7);
    r.finishedAt = st.optInt64(8);
    return r;
}

constexpr const char* kSelectCorrection =
    "SELECT id, clip_id, reviewer_id, run_id, kind, start_us, end_us, label, created_at, "
    "updated_at, deleted_at FROM segment_corrections ";

SegmentCorrection readCorrection(const Statement& st) {
    SegmentCorrection c;
    c.id = st.id(0);
    c.clipId = st.id(1);
    c.reviewerId = st.id(2);
    if (!st.isNull(3)) c.runId = st.id(3);
    c.kind = st.text(4) == "teacher_at" ? SegmentCorrection::Kind::TeacherAt
                                        : SegmentCorrection::Kind::Relabel;
    c.range = {st.time(5), st.time(6)};
    c.label = st.text(7);
    c.stamps = {st.int64(8), st.int64(9), st.optInt64(10)};
    return c;
}

}  // namespace

Result<AnalysisRun> AnalysisRepository::startRun(const Id& clipId, std::string algorithm,
                                                 std::string version, std::string parametersJson) {
    AnalysisRun r;
    r.id = Id::generate();
    r.clipId = clipId;
    r.algorithm = std::move(algorithm);
    r.version = std::move(version);
    r.parametersJson = parametersJson.empty() ? "{}" : std::move(parametersJson);
    r.startedAt = nowUnixMicros();
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT INTO analysis_runs (id, clip_id, algorithm, version, "
                           "parameters, status, started_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                           "'running', ?6)"));
    st.bind(1, r.id).bind(2, r.clipId).bind(3, r.algorithm).bind(4, r.version);
    st.bind(5, r.parametersJson).bind(6, r.startedAt);
    auto ran = st.run();
    if (!ran) {
        if (ran.error().code == Error::Code::Conflict) {
            return Error::notFound("there is no clip " + clipId.toString() + " in this library");
        }
        return ran.takeError();
    }
    return r;
}

Status AnalysisRepository::finishRun(const Id& runId, AnalysisRun::Status status,
                                     std::string_view message) {
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE analysis_runs SET status = ?2, message = ?3, "
                                         "finished_at = ?4 WHERE id = ?1"));
    st.bind(1, runId).bind(2, toString(status)).bind(3, message).bind(4, nowUnixMicros());
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no analysis run " + runId.toString());
    return {};
}

Status AnalysisRepository::saveSegments(const Id& runId,
                                        const std::vector<TalkSegmentRow>& segments) {
    for (size_t i = 0; i < segments.size(); ++i) {
        const TalkSegmentRow& s = segments[i];
        if (s.range.empty() || s.range.start < MediaTime::zero()) {
            return Error::invalid("internal: an empty talk segment at " + formatTime(s.range.start));
        }
        if (i > 0 && segments[i - 1].range.end != s.range.start) {
            return Error::invalid("internal: talk segments must follow each other without gaps");
        }
        if (!isTalkLabel(s.label)) return Error::invalid("internal: unknown talk label " + s.label);
    }
    std::optional<Transaction> tx;
    if (!m_db.inTransaction()) {
        LL_ASSIGN(Transaction t, Transaction::begin(m_db));
        tx.emplace(std::move(t));
    }
    LL_ASSIGN(Statement del, m_db.prepare("DELETE FROM talk_segments WHERE run_id = ?1"));
    del.bind(1, runId);
    LL_TRY(del.run());
    for (const TalkSegmentRow& s : segments) {
        LL_ASSIGN(Statement st,
                  m_db.prepare("INSERT INTO talk_segments (run_id, start_us, end_us, label, "
                               "confidence, speaker) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        st.bind(1, runId).bind(2, s.range.start).bind(3, s.range.end).bind(4, s.label);
        st.bind(5, static_cast<double>(s.confidence)).bind(6, s.speaker);
        LL_TRY(st.run());
    }
    if (tx) LL_TRY(tx->commit());
    return {};
}

Result<std::optional<AnalysisRun>> AnalysisRepository::latestCompleteRun(const Id& clipId) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelectRun) +
                                         "WHERE clip_id = ?1 AND status = 'complete' "
                                         "ORDER BY started_at DESC, id LIMIT 1"));
    st.bind(1, clipId);
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<AnalysisRun>();
    return std::optional<AnalysisRun>(readRun(st));
}

Result<std::vector<AnalysisRun>> AnalysisRepository::runs(const Id& clipId) {
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelectRun) + "WHERE clip_id = ?1 ORDER BY started_at, id"));
    st.bind(1, clipId);
    std::vector<AnalysisRun> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readRun(st));
    }
    return out;
}

Result<std::vector<TalkSegmentRow>> AnalysisRepository::segments(const Id& runId) {
    LL_ASSIGN(Statement st,
              m_db.prepare("SELECT start_us, end_us, label, confidence, speaker FROM talk_segments "
                           "WHERE run_id = ?1 ORDER BY start_us"));
    st.bind(1, runId);
    std::vector<TalkSegmentRow> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back({{st.time(0), st.time(1)}, st.text(2), static_cast<float>(st.real(3)),
                       static_cast<int>(st.int64(4))});
    }
    return out;
}

Result<SegmentCorrection> AnalysisRepository::addCorrection(SegmentCorrection c) {
    if (c.range.start < MediaTime::zero() || c.range.end < c.range.start) {
        return Error::invalid("a correction needs a time range inside the clip");
    }
    if (c.kind == SegmentCorrection::Kind::Relabel) {
        if (c.range.empty()) return Error::invalid("a relabelled stretch must end after it starts");
        if (!isTalkLabel(c.label)) {
            return Error::invalid("\"" + c.label +
                                  "\" is not a talk label; use teacher, student, multiple or silence");
        }
    } else {
        c.range.end = c.range.start;
        c.label.clear();
    }
    LL_ASSIGN(Statement clipQ, m_db.prepare("SELECT duration_us FROM clips WHERE id = ?1 AND "
                                            "deleted_at IS NULL"));
    clipQ.bind(1, c.clipId);
    LL_ASSIGN(bool found, clipQ.step());
    if (!found) return Error::notFound("there is no clip " + c.clipId.toString() + " in this library");
    MediaTime duration = clipQ.time(0);
    if (duration > MediaTime::zero() && c.range.end > duration) {
        return Error::invalid("the correction ends at " + formatTime(c.range.end) +
                              ", after the end of the clip (" + formatTime(duration) + ")");
    }
    if (c.id.isNil()) c.id = Id::generate();
    if (c.stamps.createdAt == 0) c.stamps.createdAt = nowUnixMicros();
    if (c.stamps.updatedAt == 0) c.stamps.updatedAt = c.stamps.createdAt;
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT INTO segment_corrections (id, clip_id, reviewer_id, run_id, "
                           "kind, start_us, end_us, label, created_at, updated_at, deleted_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    st.bind(1, c.id).bind(2, c.clipId).bind(3, c.reviewerId).bind(4, c.runId);
    st.bind(5, toString(c.kind)).bind(6, c.range.start).bind(7, c.range.end).bind(8, c.label);
    st.bind(9, c.stamps.createdAt).bind(10, c.stamps.updatedAt).bind(11, c.stamps.deletedAt);
    auto ran = st.run();
    if (!ran) {
        if (ran.error().code == Error::Code::Conflict) {
            return Error::notFound("the reviewer or analysis run of this correction is unknown");
        }
        return ran.takeError();
    }
    return c;
}

Result<std::vector<SegmentCorrection>> AnalysisRepository::corrections(const Id& clipId,
                                                                    bool includeDeleted) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelectCorrection) +
                                         "WHERE clip_id = ?1 AND (?2 OR deleted_at IS NULL) "
                                         "ORDER BY created_at, id"));
    st.bind(1, clipId).bind(2, includeDeleted);
    std::vector<SegmentCorrection> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readCorrection(st));
    }
    return out;
}

Result<MergeOutcome> AnalysisRepository::mergeCorrection(const SegmentCorrection& incoming) {
    SegmentCorrection in = incoming;
    in.runId.reset();  // runs are local to the library that computed them
    LL_ASSIGN(Statement q, m_db.prepare(std::string(kSelectCorrection) + "WHERE id = ?1"));
    q.bind(1, in.id);
    LL_ASSIGN(bool found, q.step());
    std::optional<SegmentCorrection> local;
    if (found) local = readCorrection(q);
    if (local) {
        if (local->clipId != in.clipId || local->reviewerId != in.reviewerId) {
            return Error::make(Error::Code::Conflict, "correction " + in.id.toString() +
                                                          " already exists here for another clip");
        }
        auto key = [](const SegmentCorrection& c) {
            return std::make_tuple(c.stamps.updatedAt, c.stamps.deletedAt.value_or(0),
                                   c.range.start.micros(), c.range.end.micros(), c.label,
                                   std::string(toString(c.kind)));
        };
        if (key(in) <= key(*local)) return MergeOutcome::Unchanged;
        LL_ASSIGN(Statement up,
                  m_db.prepare("UPDATE segment_corrections SET kind = ?2, start_us = ?3, "
                               "end_us = ?4, label = ?5, updated_at = ?6, deleted_at = ?7 "
                               "WHERE id = ?1"));
        up.bind(1, in.id).bind(2, toString(in.kind)).bind(3, in.range.start).bind(4, in.range.end);
        up.bind(5, in.label).bind(6, in.stamps.updatedAt).bind(7, in.stamps.deletedAt);
        LL_TRY(up.run());
        return MergeOutcome::Updated;
    }
    LL_TRY(addCorrection(in));
    return MergeOutcome::Added;
}

Status AnalysisRepository::markCorrectionDeleted(const Id& id) {
    const int64_t now = nowUnixMicros();
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE segment_corrections SET deleted_at = ?2, "
                                         "updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"));
    st.bind(1, id).bind(2, now);
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no correction " + id.toString());
    return {};
}

Status AnalysisRepository::savePeaks(const Id& clipId, std::span<const uint8_t> blob) {
    LL_ASSIGN(Statement st, m_db.prepare("INSERT OR REPLACE INTO waveform_peaks (clip_id, data, "
                                         "created_at) VALUES (?1, ?2, ?3)"));
    st.bind(1, clipId).bindBlob(2, blob.data(), blob.size()).bind(3, nowUnixMicros());
    auto ran = st.run();
    if (!ran && ran.error().code == Error::Code::Conflict) {
        return Error::notFound("there is no clip " + clipId.toString() + " in this library");
    }
    return ran;
}

Result<std::optional<std::vector<uint8_t>>> AnalysisRepository::peaks(const Id& clipId) {
    LL_ASSIGN(Statement st, m_db.prepare("SELECT data FROM waveform_peaks WHERE clip_id = ?1"));
    st.bind(1, clipId);
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<std::vector<uint8_t>>();
    std::string bytes = st.blob(0);
    return std::optional<std::vector<uint8_t>>(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

}  // namespace ll::store
