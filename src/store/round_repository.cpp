#include "core/text.h"
#include "core/time_text.h"
#include "store/repositories.h"
#include "store/unicode.h"

namespace ll::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, title, focus, held_on, created_at, updated_at, deleted_at, focus_tag FROM rounds ";

Round readRound(const Statement& st) {
    Round r;
    r.id = st.id(0);
    r.title = st.text(1);
    r.focus = st.text(2);
    r.heldOn = st.text(3);
    r.stamps = {st.int64(4), st.int64(5), st.optInt64(6)};
    r.focusTag = st.text(7);
    return r;
}

Result<std::vector<Round>> readRounds(Statement& st) {
    std::vector<Round> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readRound(st));
    }
    return out;
}

}  // namespace

Result<std::vector<Id>> RoundRepository::clipsOf(const Id& roundId) {
    LL_ASSIGN(Statement st, m_db.prepare("SELECT rc.clip_id FROM round_clips rc JOIN clips c ON "
                                         "c.id = rc.clip_id WHERE rc.round_id = ?1 AND "
                                         "c.deleted_at IS NULL ORDER BY rc.position"));
    st.bind(1, roundId);
    std::vector<Id> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(st.id(0));
    }
    return out;
}

Result<Round> RoundRepository::create(std::string title, std::string focus, std::string focusTag,
                                      std::string heldOn) {
    title = trim(title);
    if (title.empty()) return Error::invalid("a round needs a title");
    focusTag = trim(focusTag);
    if (!focusTag.empty() && focusTag.front() == '#') focusTag.erase(0, 1);
    for (const std::string* s : {&title, &focus, &focusTag, &heldOn}) {
        if (!isValidUtf8(*s)) return Error::invalid("the round's text is not valid UTF-8");
        if (s->size() > 10'000) return Error::invalid("the round's text is too long");
        if (hasControlCharacters(*s, /*lineBreaksAllowed=*/s == &focus)) {
            return Error::invalid("the round's text holds control characters; remove them");
        }
    }
    Round r;
    r.id = Id::generate();
    r.title = std::move(title);
    r.focus = std::move(focus);
    r.heldOn = std::move(heldOn);
    r.focusTag = composed(focusTag);  // matched against comments' tags
    r.stamps.createdAt = r.stamps.updatedAt = nowUnixMicros();
    LL_ASSIGN(Statement st, m_db.prepare("INSERT INTO rounds (id, title, focus, held_on, "
                                         "created_at, updated_at, focus_tag) VALUES (?1, ?2, ?3, "
                                         "?4, ?5, ?5, ?6)"));
    st.bind(1, r.id).bind(2, r.title).bind(3, r.focus).bind(4, r.heldOn).bind(5, r.stamps.createdAt);
    st.bind(6, r.focusTag);
    LL_TRY(st.run());
    return r;
}

Result<std::optional<Round>> RoundRepository::get(const Id& id) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) + "WHERE id = ?1"));
    st.bind(1, id);
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<Round>();
    Round r = readRound(st);
    LL_ASSIGN(r.clipIds, clipsOf(r.id));
    return std::optional<Round>(std::move(r));
}

Result<std::vector<Round>> RoundRepository::findByIdPrefix(std::string_view prefix) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) +
                                         "WHERE substr(id, 1, length(?1)) = ?1 AND deleted_at IS "
                                         "NULL ORDER BY id LIMIT 20"));
    st.bind(1, toLower(prefix));
    LL_ASSIGN(auto out, readRounds(st));
    for (Round& r : out) {
        LL_ASSIGN(r.clipIds, clipsOf(r.id));
    }
    return out;
}

Result<std::vector<Round>> RoundRepository::list() {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) +
                                         "WHERE deleted_at IS NULL ORDER BY created_at, id"));
    LL_ASSIGN(auto out, readRounds(st));
    for (Round& r : out) {
        LL_ASSIGN(r.clipIds, clipsOf(r.id));
    }
    return out;
}

Status RoundRepository::addClip(const Id& roundId, const Id& clipId) {
    LL_ASSIGN(auto round, get(roundId));
    if (!round || round->stamps.isDeleted()) return Error::notFound("there is no round " + roundId.toString());
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT OR IGNORE INTO round_clips (round_id, clip_id, position, "
                           "created_at) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 "
                           "FROM round_clips WHERE round_id = ?1), ?3)"));
    st.bind(1, roundId).bind(2, clipId).bind(3, nowUnixMicros());
    auto ran = st.run();
    if (!ran && ran.error().code == Error::Code::Conflict) {
        return Error::notFound("there is no clip " + clipId.toString() + " in this library");
    }
    return ran;
}

Status RoundRepository::removeClip(const Id& roundId, const Id& clipId) {
    LL_ASSIGN(Statement st,
              m_db.prepare("DELETE FROM round_clips WHERE round_id = ?1 AND clip_id = ?2"));
    st.bind(1, roundId).bind(2, clipId);
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("that clip is not in the round");
    return {};
}

}  // namespace ll::store
