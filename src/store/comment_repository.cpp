#include <algorithm>

#include "core/text.h"
#include "core/time_text.h"
#include "store/repositories.h"
#include "store/unicode.h"

namespace ll::store {
namespace {

constexpr size_t kMaxTextBytes = 100'000;
constexpr size_t kMaxTagBytes = 64;
constexpr size_t kMaxTags = 32;
constexpr char kTagSeparator = '\x1f';  // ASCII unit separator; tags never contain controls

// Columns shared by every comment query; tags come folded into one column.
constexpr const char* kSelect =
    "SELECT c.id, c.clip_id, c.author_id, c.parent_id, c.start_us, c.end_us, c.kind, c.body, "
    "c.private, c.resolved, c.pin_x, c.pin_y, c.created_at, c.updated_at, c.deleted_at, "
    "r.name, r.color, "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM comment_tags t "
    " WHERE t.comment_id = c.id ORDER BY tag)) "
    "FROM comments c JOIN reviewers r ON r.id = c.author_id ";

Comment readComment(const Statement& st) {
    Comment c;
    c.id = st.id(0);
    c.clipId = st.id(1);
    c.authorId = st.id(2);
    if (!st.isNull(3)) c.parentId = st.id(3);
    c.start = st.time(4);
    if (!st.isNull(5)) c.end = st.time(5);
    c.kind = parseCommentKind(st.text(6)).valueOr(CommentKind::Note);
    c.text = st.text(7);
    c.isPrivate = st.int64(8) != 0;
    c.resolved = st.int64(9) != 0;
    if (!st.isNull(10)) c.pinX = static_cast<float>(st.real(10));
    if (!st.isNull(11)) c.pinY = static_cast<float>(st.real(11));
    c.stamps = {st.int64(12), st.int64(13), st.optInt64(14)};
    c.authorName = st.text(15);
    c.authorColor = static_cast<uint32_t>(st.int64(16));
    if (!st.isNull(17)) c.tags = split(st.text(17), kTagSeparator);
    return c;
}

Status checkText(std::string_view text) {
    if (!hasVisibleText(text)) return Error::invalid("a comment needs some text");
    if (text.size() > kMaxTextBytes) {
        return Error::invalid("the comment is too long (" + std::to_string(text.size()) +
                              " bytes; at most 100,000)");
    }
    if (!isValidUtf8(text)) return Error::invalid("the comment is not valid UTF-8 text");
    if (hasControlCharacters(text, /*lineBreaksAllowed=*/true)) {
        return Error::invalid("the comment holds control characters (invisible codes such as "
                              "ESC or NUL); remove them");
    }
    return {};
}

Result<std::vector<std::string>> cleanTags(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const std::string& raw : tags) {
        std::string tag = trim(raw);
        if (tag.empty()) return Error::invalid("a tag cannot be empty");
        if (tag.size() > kMaxTagBytes) {
            return Error::invalid("the tag \"" + ellipsize(tag, 20) + "\" is too long (at most 64 bytes)");
        }
        if (!isValidUtf8(tag)) return Error::invalid("a tag is not valid UTF-8 text");
        if (hasControlCharacters(tag, /*lineBreaksAllowed=*/false)) {
            return Error::invalid("a tag is one line of text without control characters");
        }
        out.push_back(composed(tag));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > kMaxTags) return Error::invalid("a comment can have at most 32 tags");
    return out;
}

Result<std::vector<Comment>> readAll(Statement& st) {
    std::vector<Comment> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readComment(st));
    }
    return out;
}

// Parameters ?1..?15 of an INSERT INTO comments in column order (add and merge share them).
void bindRow(Statement& st, const Comment& c) {
    st.bind(1, c.id).bind(2, c.clipId).bind(3, c.authorId).bind(4, c.parentId);
    st.bind(5, c.start).bind(6, c.end).bind(7, toString(c.kind)).bind(8, c.text);
    st.bind(9, c.isPrivate).bind(10, c.resolved);
    if (c.pinX && c.pinY) st.bind(11, static_cast<double>(*c.pinX)).bind(12, static_cast<double>(*c.pinY));
    else st.bindNull(11).bindNull(12);
    st.bind(13, c.stamps.createdAt).bind(14, c.stamps.updatedAt).bind(15, c.stamps.deletedAt);
}

}  // namespace

Result<Comment> CommentRepository::validate(Comment c) {
    LL_ASSIGN(Statement clipQ, m_db.prepare("SELECT duration_us, deleted_at IS NOT NULL FROM "
                                            "clips WHERE id = ?1"));
    clipQ.bind(1, c.clipId);
    LL_ASSIGN(bool clipFound, clipQ.step());
    if (!clipFound || clipQ.int64(1) != 0) {
        return Error::notFound("there is no clip " + c.clipId.toString() + " in this library");
    }
    const MediaTime duration = clipQ.time(0);
    if (c.start < MediaTime::zero()) return Error::invalid("a comment's time cannot be negative");
    // A clip whose duration is unknown (0) accepts any time.
    if (duration > MediaTime::zero() && c.start > duration) {
        return Error::invalid("the time " + formatTime(c.start) + " is after the end of the clip (" +
                              formatTime(duration) + ")");
    }
    if (c.end) {
        if (*c.end <= c.start) {
            return Error::invalid("a range must end after it starts (" + formatTime(c.start) +
                                  " to " + formatTime(*c.end) + ")");
        }
        if (duration > MediaTime::zero() && *c.end > duration) {
            return Error::invalid("the range ends at " + formatTime(*c.end) +
                                  ", after the end of the clip (" + formatTime(duration) + ")");
        }
    }
    LL_TRY(checkText(c.text));
    LL_ASSIGN(c.tags, cleanTags(c.tags));
    auto inUnit = [](const std::optional<float>& v) { return !v || (*v >= 0.f && *v <= 1.f); };
    if (!inUnit(c.pinX) || !inUnit(c.pinY) || c.pinX.has_value() != c.pinY.has_value()) {
        return Error::invalid("a pin on the frame needs x and y between 0 and 1");
    }
    LL_ASSIGN(Statement authorQ, m_db.prepare("SELECT 1 FROM reviewers WHERE id = ?1"));
    authorQ.bind(1, c.authorId);
    LL_ASSIGN(bool authorFound, authorQ.step());
    if (!authorFound) return Error::notFound("there is no reviewer " + c.authorId.toString());
    if (c.parentId) {
        LL_ASSIGN(Statement parentQ, m_db.prepare("SELECT clip_id, deleted_at IS NOT NULL FROM "
                                                  "comments WHERE id = ?1"));
        parentQ.bind(1, *c.parentId);
        LL_ASSIGN(bool parentFound, parentQ.step());
        if (!parentFound || parentQ.int64(1) != 0) {
            return Error::notFound("there is no comment " + c.parentId->toString() +
                                   " to reply to");
        }
        if (parentQ.id(0) != c.clipId) {
            return Error::invalid("a reply must be on the same clip as the comment it answers");
        }
        // A reply to a private note stays on this machine with it.
        LL_ASSIGN(Statement privateQ, m_db.prepare("SELECT private FROM comments WHERE id = ?1"));
        privateQ.bind(1, *c.parentId);
        LL_ASSIGN(bool row, privateQ.step());
        if (row && privateQ.int64(0) != 0) c.isPrivate = true;
    }
    return c;
}

Status CommentRepository::writeTags(const Id& id, const std::vector<std::string>& tags) {
    LL_ASSIGN(Statement del, m_db.prepare("DELETE FROM comment_tags WHERE comment_id = ?1"));
    del.bind(1, id);
    LL_TRY(del.run());
    for (const std::string& tag : tags) {
        LL_ASSIGN(Statement ins,
                  m_db.prepare("INSERT INTO comment_tags (comment_id, tag) VALUES (?1, ?2)"));
        ins.bind(1, id).bind(2, tag);
        LL_TRY(ins.run());
    }
    return {};
}

Result<Comment> CommentRepository::add(Comment comment) {
    LL_ASSIGN(Comment c, validate(std::move(comment)));
    if (c.id.isNil()) c.id = Id::generate();
    if (c.stamps.createdAt == 0) c.stamps.createdAt = nowUnixMicros();
    if (c.stamps.updatedAt == 0) c.stamps.updatedAt = c.stamps.createdAt;
    // Tags live in their own table, so the comment and its tags go in one transaction.
    std::optional<Transaction> tx;
    if (!m_db.inTransaction()) {
        LL_ASSIGN(Transaction t, Transaction::begin(m_db));
        tx.emplace(std::move(t));
    }
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT INTO comments (id, clip_id, author_id, parent_id, start_us, "
                           "end_us, kind, body, private, resolved, pin_x, pin_y, created_at, "
                           "updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15)"));
    bindRow(st, c);
    LL_TRY(st.run());
    LL_TRY(writeTags(c.id, c.tags));
    if (tx) LL_TRY(tx->commit());
    LL_ASSIGN(auto stored, get(c.id));
    if (!stored) return Error::make(Error::Code::Database, "the comment was not saved");
    return *stored;
}

Result<std::optional<Comment>> CommentRepository::get(const Id& id) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) + "WHERE c.id = ?1"));
    st.bind(1, id);
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<Comment>();
    return std::optional<Comment>(readComment(st));
}

Result<std::vector<Comment>> CommentRepository::findByIdPrefix(std::string_view prefix) {
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelect) +
                           "WHERE substr(c.id, 1, length(?1)) = ?1 AND c.deleted_at IS NULL "
                           "ORDER BY c.id LIMIT 20"));
    st.bind(1, toLower(prefix));
    return readAll(st);
}

Result<std::vector<Comment>> CommentRepository::list(const Id& clipId, const CommentFilter& f) {
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelect) +
                           "WHERE c.clip_id = ?1 "
                           "AND (?2 IS NULL OR c.author_id = ?2) "
                           "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM comment_tags t "
                           "     WHERE t.comment_id = c.id AND t.tag = ?3)) "
                           "AND (?4 IS NULL OR c.kind = ?4) "
                           "AND (?5 IS NULL OR c.resolved = ?5) "
                           // A reply to a private note is as private as the note: it quotes
                           // and answers it (one stored before replies inherited privacy).
                           "AND (?6 OR (c.private = 0 AND NOT EXISTS (SELECT 1 FROM comments p "
                           "     WHERE p.id = c.parent_id AND p.private = 1))) "
                           "AND (?7 OR c.deleted_at IS NULL) "
                           "ORDER BY c.start_us, c.created_at, c.id"));
    st.bind(1, clipId);
    if (f.authorId) st.bind(2, *f.authorId);
    if (f.tag) st.bind(3, composed(trim(*f.tag)));
    if (f.kind) st.bind(4, toString(*f.kind));
    if (f.resolved) st.bind(5, *f.resolved);
    st.bind(6, f.includePrivate).bind(7, f.includeDeleted);
    return readAll(st);
}

Status CommentRepository::setText(const Id& id, std::string_view text) {
    LL_TRY(checkText(text));
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE comments SET body = ?2, updated_at = ?3 "
                                         "WHERE id = ?1 AND deleted_at IS NULL"));
    st.bind(1, id).bind(2, text).bind(3, nowUnixMicros());
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no comment " + id.toString());
    return {};
}

Status CommentRepository::setResolved(const Id& id, bool resolved) {
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE comments SET resolved = ?2, updated_at = ?3 "
                                         "WHERE id = ?1 AND deleted_at IS NULL"));
    st.bind(1, id).bind(2, resolved).bind(3, nowUnixMicros());
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no comment " + id.toString());
    return {};
}

Status CommentRepository::update(const Comment& comment) {
    LL_ASSIGN(auto current, get(comment.id));
    if (!current || current->stamps.isDeleted()) {
        return Error::notFound("there is no comment " + comment.id.toString());
    }
    Comment merged = comment;
    merged.clipId = current->clipId;  // a comment never moves to another clip
    merged.authorId = current->authorId;
    merged.parentId = current->parentId;
    LL_ASSIGN(Comment c, validate(std::move(merged)));
    std::optional<Transaction> tx;
    if (!m_db.inTransaction()) {
        LL_ASSIGN(Transaction t, Transaction::begin(m_db));
        tx.emplace(std::move(t));
    }
    LL_ASSIGN(Statement st,
              m_db.prepare("UPDATE comments SET start_us = ?2, end_us = ?3, kind = ?4, body = ?5, "
                           "private = ?6, resolved = ?7, pin_x = ?8, pin_y = ?9, updated_at = ?10 "
                           "WHERE id = ?1"));
    st.bind(1, c.id).bind(2, c.start).bind(3, c.end).bind(4, toString(c.kind)).bind(5, c.text);
    st.bind(6, c.isPrivate).bind(7, c.resolved);
    if (c.pinX) st.bind(8, static_cast<double>(*c.pinX)).bind(9, static_cast<double>(*c.pinY));
    else st.bindNull(8).bindNull(9);
    st.bind(10, nowUnixMicros());
    LL_TRY(st.run());
    LL_TRY(writeTags(c.id, c.tags));
    if (tx) LL_TRY(tx->commit());
    return {};
}

Status CommentRepository::markDeleted(const Id& id) {
    const int64_t now = nowUnixMicros();
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE comments SET deleted_at = ?2, updated_at = ?2 "
                                         "WHERE id = ?1 AND deleted_at IS NULL"));
    st.bind(1, id).bind(2, now);
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no comment " + id.toString());
    return {};
}

Status CommentRepository::restore(const Id& id) {
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE comments SET deleted_at = NULL, updated_at = ?2 "
                                         "WHERE id = ?1 AND deleted_at IS NOT NULL"));
    st.bind(1, id).bind(2, nowUnixMicros());
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no deleted comment " + id.toString());
    return {};
}

Result<std::vector<std::string>> CommentRepository::allTags() {
    LL_ASSIGN(Statement st,
              m_db.prepare("SELECT t.tag FROM comment_tags t JOIN comments c ON c.id = t.comment_id "
                           "WHERE c.deleted_at IS NULL GROUP BY t.tag ORDER BY count(*) DESC, t.tag"));
    std::vector<std::string> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(st.text(0));
    }
    return out;
}

namespace {
// Everything that can differ between two copies of a comment, for a deterministic tie-break
// between copies updated in the same microsecond.
std::string contentKey(const Comment& c) {
    std::string key = c.stamps.isDeleted() ? "1" : "0";
    key += '|' + std::to_string(c.start.micros()) + '|' +
           std::to_string(c.end ? c.end->micros() : -1) + '|' + std::string(toString(c.kind)) +
           '|' + (c.resolved ? "1" : "0") + (c.isPrivate ? "1" : "0") + '|' +
           std::to_string(c.pinX.value_or(-1)) + ',' + std::to_string(c.pinY.value_or(-1)) + '|';
    for (const auto& t : c.tags) key += t + kTagSeparator;
    return key + '|' + c.text;
}
}  // namespace

Result<MergeOutcome> CommentRepository::merge(const Comment& incoming) {
    Comment in = incoming;
    LL_ASSIGN(in.tags, cleanTags(in.tags));
    LL_ASSIGN(auto local, get(in.id));
    if (local) {
        if (local->clipId != in.clipId || local->authorId != in.authorId) {
            return Error::make(Error::Code::Conflict,
                               "comment " + in.id.toString() +
                                   " already exists here on another clip or by another reviewer");
        }
        // A private comment never left this machine, so no pack can hold a newer copy of it:
        // one that claims to (a forged pack in the shared folder) must not make it public,
        // change it or delete it.
        if (local->isPrivate) return MergeOutcome::Unchanged;
        if (std::make_pair(in.stamps.updatedAt, contentKey(in)) <=
            std::make_pair(local->stamps.updatedAt, contentKey(*local))) {
            return MergeOutcome::Unchanged;
        }
    }
    if (!in.stamps.isDeleted() || !local) {
        // Tombstones skip the content checks (a deleted reply's parent may be gone) but new
        // rows and live copies must be valid comments of this library's clip.
        Comment checked = in;
        checked.parentId.reset();  // a reply may arrive before the comment it answers
        if (in.stamps.isDeleted()) {
            if (!hasVisibleText(checked.text)) checked.text = "(deleted)";
        }
        LL_ASSIGN(Comment valid, validate(std::move(checked)));
        in.tags = valid.tags;
    }
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT INTO comments (id, clip_id, author_id, parent_id, start_us, "
                           "end_us, kind, body, private, resolved, pin_x, pin_y, created_at, "
                           "updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15) ON CONFLICT (id) DO UPDATE SET "
                           "parent_id = excluded.parent_id, start_us = excluded.start_us, "
                           "end_us = excluded.end_us, kind = excluded.kind, body = excluded.body, "
                           "private = excluded.private, resolved = excluded.resolved, "
                           "pin_x = excluded.pin_x, pin_y = excluded.pin_y, "
                           "updated_at = excluded.updated_at, deleted_at = excluded.deleted_at"));
    bindRow(st, in);
    LL_TRY(st.run());
    LL_TRY(writeTags(in.id, in.tags));
    return local ? MergeOutcome::Updated : MergeOutcome::Added;
}

Result<int64_t> CommentRepository::count(const Id& clipId) {
    LL_ASSIGN(Statement st, m_db.prepare("SELECT count(*) FROM comments WHERE clip_id = ?1 AND "
                                         "deleted_at IS NULL"));
    st.bind(1, clipId);
    LL_ASSIGN(bool row, st.step());
    return row ? st.int64(0) : 0;
}

}  // namespace ll::store
