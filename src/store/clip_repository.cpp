#include "core/text.h"
#include "core/time_text.h"
#include "store/repositories.h"

namespace ll::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, fingerprint, path, title, duration_us, created_at, updated_at, deleted_at "
    "FROM clips ";

Clip readClip(const Statement& st) {
    Clip c;
    c.id = st.id(0);
    c.fingerprint = st.text(1);
    c.path = st.text(2);
    c.title = st.text(3);
    c.duration = st.time(4);
    c.stamps = {st.int64(5), st.int64(6), st.optInt64(7)};
    return c;
}

}  // namespace

Result<std::vector<ClipStream>> ClipRepository::streams(const Id& clipId) {
    LL_ASSIGN(Statement st,
              m_db.prepare("SELECT idx, type, codec, width, height, fps, rotation, sample_rate, "
                           "channels, language FROM clip_streams WHERE clip_id = ?1 ORDER BY idx"));
    st.bind(1, clipId);
    std::vector<ClipStream> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        ClipStream s;
        s.index = static_cast<int>(st.int64(0));
        s.type = st.text(1);
        s.codec = st.text(2);
        s.width = static_cast<int>(st.int64(3));
        s.height = static_cast<int>(st.int64(4));
        s.fps = st.real(5);
        s.rotation = static_cast<int>(st.int64(6));
        s.sampleRate = static_cast<int>(st.int64(7));
        s.channels = static_cast<int>(st.int64(8));
        s.language = st.text(9);
        out.push_back(std::move(s));
    }
    return out;
}

Result<Clip> ClipRepository::upsert(const Clip& clip) {
    if (clip.id.isNil()) return Error::invalid("internal: a clip needs an id");
    if (clip.fingerprint.empty()) return Error::invalid("internal: a clip needs a fingerprint");
    if (clip.duration < MediaTime::zero()) return Error::invalid("a clip cannot last less than 0 s");
    if (!isValidUtf8(clip.title)) return Error::invalid("the clip's title is not valid UTF-8 text");
    if (hasControlCharacters(clip.title, /*lineBreaksAllowed=*/false)) {
        return Error::invalid("a clip's title is one line of text without control characters");
    }
    LL_ASSIGN(auto existing, findByFingerprint(clip.fingerprint));
    const int64_t now = nowUnixMicros();
    const Id id = existing ? existing->id : clip.id;
    if (existing) {
        // Known content: remember where this machine has it now; keep the stored title unless
        // a new one is given. A tombstoned clip comes back when it is added again.
        LL_ASSIGN(Statement st,
                  m_db.prepare("UPDATE clips SET path = CASE WHEN ?2 = '' THEN path ELSE ?2 END, "
                               "title = CASE WHEN ?3 = '' THEN title ELSE ?3 END, "
                               "duration_us = CASE WHEN duration_us = 0 THEN ?4 ELSE duration_us END, "
                               "updated_at = ?5, deleted_at = NULL WHERE id = ?1"));
        st.bind(1, id).bind(2, clip.path).bind(3, clip.title).bind(4, clip.duration).bind(5, now);
        LL_TRY(st.run());
    } else {
        LL_ASSIGN(Statement st,
                  m_db.prepare("INSERT INTO clips (id, fingerprint, path, title, duration_us, "
                               "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"));
        st.bind(1, id).bind(2, clip.fingerprint).bind(3, clip.path).bind(4, clip.title);
        st.bind(5, clip.duration).bind(6, now);
        LL_TRY(st.run());
    }
    if (!clip.streams.empty()) {
        LL_ASSIGN(Statement del, m_db.prepare("DELETE FROM clip_streams WHERE clip_id = ?1"));
        del.bind(1, id);
        LL_TRY(del.run());
    }
    for (const ClipStream& s : clip.streams) {
        LL_ASSIGN(Statement st,
                  m_db.prepare("INSERT INTO clip_streams (clip_id, idx, type, codec, width, "
                               "height, fps, rotation, sample_rate, channels, language) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
        st.bind(1, id).bind(2, s.index).bind(3, s.type).bind(4, s.codec).bind(5, s.width);
        st.bind(6, s.height).bind(7, s.fps).bind(8, s.rotation).bind(9, s.sampleRate);
        st.bind(10, s.channels).bind(11, s.language);
        LL_TRY(st.run());
    }
    LL_ASSIGN(auto stored, get(id));
    if (!stored) return Error::make(Error::Code::Database, "the clip was not saved");
    return *stored;
}

Result<Clip> ClipRepository::ensurePlaceholder(const Id& id, const std::string& fingerprint,
                                               const std::string& title, MediaTime duration) {
    LL_ASSIGN(auto existing, findByFingerprint(fingerprint));
    if (existing) {
        if (existing->id != id) {
            return Error::make(Error::Code::Conflict,
                               "the clip's id does not match its fingerprint");
        }
        return *existing;
    }
    Clip c;
    c.id = id;
    c.fingerprint = fingerprint;
    c.title = title.empty() ? "Clip not on this machine" : title;
    c.duration = duration;
    return upsert(c);
}

Result<std::vector<Clip>> ClipRepository::readAll(Statement& st) {
    std::vector<Clip> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readClip(st));
    }
    // Streams after the rows: one statement at a time on the connection.
    for (Clip& c : out) {
        LL_ASSIGN(c.streams, streams(c.id));
    }
    return out;
}

Result<std::optional<Clip>> ClipRepository::get(const Id& id) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) + "WHERE id = ?1"));
    st.bind(1, id);
    LL_ASSIGN(std::vector<Clip> found, readAll(st));
    if (found.empty()) return std::optional<Clip>();
    return std::optional<Clip>(std::move(found.front()));
}

Result<std::optional<Clip>> ClipRepository::findByFingerprint(std::string_view fingerprint) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) + "WHERE fingerprint = ?1"));
    st.bind(1, fingerprint);
    LL_ASSIGN(std::vector<Clip> found, readAll(st));
    if (found.empty()) return std::optional<Clip>();
    return std::optional<Clip>(std::move(found.front()));
}

Result<std::optional<Clip>> ClipRepository::findByPath(std::string_view path) {
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelect) +
                           "WHERE path = ?1 AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1"));
    st.bind(1, path);
    LL_ASSIGN(std::vector<Clip> found, readAll(st));
    if (found.empty()) return std::optional<Clip>();
    return std::optional<Clip>(std::move(found.front()));
}

Result<std::vector<Clip>> ClipRepository::findByIdPrefix(std::string_view prefix) {
    // Ids are stored lower-case; compare the prefix with substr so '_' and '%' mean nothing.
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelect) +
                           "WHERE substr(id, 1, length(?1)) = ?1 AND deleted_at IS NULL "
                           "ORDER BY id LIMIT 20"));
    st.bind(1, toLower(prefix));
    return readAll(st);
}

Result<std::vector<Clip>> ClipRepository::list() {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) +
                                         "WHERE deleted_at IS NULL ORDER BY created_at, id"));
    return readAll(st);
}

Result<std::vector<ClipSummary>> ClipRepository::summaries() {
    LL_ASSIGN(auto clips, list());
    std::vector<ClipSummary> out;
    out.reserve(clips.size());
    for (Clip& c : clips) {
        ClipSummary s;
        LL_ASSIGN(Statement st,
                  m_db.prepare("SELECT r.name, count(*) FROM comments c JOIN reviewers r "
                               "ON r.id = c.author_id WHERE c.clip_id = ?1 AND c.deleted_at IS NULL "
                               "GROUP BY r.id ORDER BY r.name"));
        st.bind(1, c.id);
        while (true) {
            LL_ASSIGN(bool row, st.step());
            if (!row) break;
            s.reviewerNames.push_back(st.text(0));
            s.commentCount += static_cast<int>(st.int64(1));
        }
        s.reviewerCount = static_cast<int>(s.reviewerNames.size());
        s.clip = std::move(c);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ll::store
