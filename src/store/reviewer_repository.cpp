#include "core/text.h"
#include "core/time_text.h"
#include <tuple>

#include "store/repositories.h"
#include "store/unicode.h"

namespace ll::store {
namespace {

// Tableau 10: distinct on screen and in print, and friendly to common colour-vision deficits.
constexpr uint32_t kPalette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
constexpr size_t kMaxNameBytes = 200;

constexpr const char* kSelect =
    "SELECT id, name, color, created_at, updated_at, deleted_at FROM reviewers ";

Reviewer readReviewer(const Statement& st) {
    Reviewer r;
    r.id = st.id(0);
    r.name = st.text(1);
    r.color = static_cast<uint32_t>(st.int64(2));
    r.stamps = {st.int64(3), st.int64(4), st.optInt64(5)};
    return r;
}

Result<std::string> checkName(std::string_view name) {
    std::string trimmed = trim(name);
    if (trimmed.empty()) return Error::invalid("a reviewer needs a name");
    if (!isValidUtf8(trimmed)) return Error::invalid("the reviewer's name is not valid UTF-8 text");
    if (trimmed.size() > kMaxNameBytes) {
        return Error::invalid("the reviewer's name is too long (at most 200 bytes)");
    }
    if (hasControlCharacters(trimmed, /*lineBreaksAllowed=*/false)) {
        return Error::invalid("a reviewer's name is one line of text without control characters");
    }
    return composed(trimmed);
}

}  // namespace

Result<Reviewer> ReviewerRepository::create(std::string name, std::optional<uint32_t> color) {
    LL_ASSIGN(std::string clean, checkName(name));
    if (!color) {
        LL_ASSIGN(int64_t n, m_db.queryInt("SELECT count(*) FROM reviewers"));
        color = kPalette[static_cast<size_t>(n) % std::size(kPalette)];
    }
    Reviewer r;
    r.id = Id::generate();
    r.name = clean;
    r.color = *color & 0xffffff;
    r.stamps.createdAt = r.stamps.updatedAt = nowUnixMicros();
    LL_ASSIGN(Statement st,
              m_db.prepare("INSERT INTO reviewers (id, name, color, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)"));
    st.bind(1, r.id).bind(2, r.name).bind(3, static_cast<int64_t>(r.color));
    st.bind(4, r.stamps.createdAt).bind(5, r.stamps.updatedAt);
    LL_TRY(st.run());
    return r;
}

Result<std::optional<Reviewer>> ReviewerRepository::get(const Id& id) {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) + "WHERE id = ?1"));
    st.bind(1, id);
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<Reviewer>();
    return std::optional<Reviewer>(readReviewer(st));
}

Result<std::optional<Reviewer>> ReviewerRepository::findByName(std::string_view name) {
    LL_ASSIGN(Statement st,
              m_db.prepare(std::string(kSelect) +
                           "WHERE name = ?1 AND deleted_at IS NULL ORDER BY created_at LIMIT 1"));
    st.bind(1, composed(trimView(name)));
    LL_ASSIGN(bool row, st.step());
    if (!row) return std::optional<Reviewer>();
    return std::optional<Reviewer>(readReviewer(st));
}

Result<Reviewer> ReviewerRepository::findOrCreate(std::string_view name) {
    LL_ASSIGN(std::string clean, checkName(name));
    LL_ASSIGN(auto found, findByName(clean));
    if (found) return *found;
    return create(clean);
}

Result<std::vector<Reviewer>> ReviewerRepository::list() {
    LL_ASSIGN(Statement st, m_db.prepare(std::string(kSelect) +
                                         "WHERE deleted_at IS NULL ORDER BY name, created_at"));
    std::vector<Reviewer> out;
    while (true) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.push_back(readReviewer(st));
    }
    return out;
}

Status ReviewerRepository::update(const Reviewer& reviewer) {
    LL_ASSIGN(std::string clean, checkName(reviewer.name));
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE reviewers SET name = ?2, color = ?3, "
                                         "updated_at = ?4 WHERE id = ?1"));
    st.bind(1, reviewer.id).bind(2, clean).bind(3, static_cast<int64_t>(reviewer.color & 0xffffff));
    st.bind(4, nowUnixMicros());
    LL_TRY(st.run());
    if (m_db.changes() == 0) return Error::notFound("there is no reviewer " + reviewer.id.toString());
    return {};
}

Result<MergeOutcome> ReviewerRepository::merge(const Reviewer& in) {
    LL_ASSIGN(std::string clean, checkName(in.name));
    LL_ASSIGN(auto local, get(in.id));
    if (!local) {
        LL_ASSIGN(Statement st,
                  m_db.prepare("INSERT INTO reviewers (id, name, color, created_at, updated_at, "
                               "deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
        st.bind(1, in.id).bind(2, clean).bind(3, static_cast<int64_t>(in.color & 0xffffff));
        st.bind(4, in.stamps.createdAt).bind(5, in.stamps.updatedAt).bind(6, in.stamps.deletedAt);
        LL_TRY(st.run());
        return MergeOutcome::Added;
    }
    auto key = [](const Reviewer& r, const std::string& name) {
        return std::make_tuple(r.stamps.updatedAt, name, r.color & 0xffffff,
                               r.stamps.deletedAt.value_or(0));
    };
    if (key(in, clean) <= key(*local, local->name)) return MergeOutcome::Unchanged;
    LL_ASSIGN(Statement st, m_db.prepare("UPDATE reviewers SET name = ?2, color = ?3, "
                                         "updated_at = ?4, deleted_at = ?5 WHERE id = ?1"));
    st.bind(1, in.id).bind(2, clean).bind(3, static_cast<int64_t>(in.color & 0xffffff));
    st.bind(4, in.stamps.updatedAt).bind(5, in.stamps.deletedAt);
    LL_TRY(st.run());
    return MergeOutcome::Updated;
}

}  // namespace ll::store
