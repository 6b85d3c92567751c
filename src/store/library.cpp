#include "store/library.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "store/migrations.h"
#include "store/unicode.h"

namespace ll::store {

Library::Library(std::unique_ptr<Database> db)
    : m_db(std::move(db)), m_reviewers(*m_db), m_clips(*m_db), m_comments(*m_db), m_analyses(*m_db),
      m_rounds(*m_db) {}

std::filesystem::path Library::defaultPath() {
    if (const char* env = std::getenv("LESSONLENS_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "lessonlens" / "library.sqlite";
    }
    const char* home = std::getenv("HOME");
    std::filesystem::path base = home && *home ? home : ".";
    return base / ".local" / "share" / "lessonlens" / "library.sqlite";
}

Result<std::unique_ptr<Library>> Library::open(const std::filesystem::path& path,
                                               const OpenOptions& options) {
    std::error_code ec;
    bool isNewFile = !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
    LL_ASSIGN(auto db, Database::open(path, options));
    std::unique_ptr<Library> lib(new Library(std::move(db)));
    LL_TRY(lib->prepare(isNewFile));
    return lib;
}

Result<std::unique_ptr<Library>> Library::openInMemory() {
    LL_ASSIGN(auto db, Database::openInMemory());
    std::unique_ptr<Library> lib(new Library(std::move(db)));
    LL_TRY(lib->prepare(true));
    return lib;
}

namespace {

// The tables and columns a library holds, as "table.column".
using Schema = std::set<std::string>;

Result<Schema> readSchema(Database& db) {
    Schema out;
    LL_ASSIGN(Statement st, db.prepare("SELECT m.name, c.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c "
                                       "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
    for (;;) {
        LL_ASSIGN(bool row, st.step());
        if (!row) break;
        out.insert(st.text(0) + "." + st.text(1));
    }
    return out;
}

// What a library at `version` holds: the migrations up to it, run once per process in memory.
Result<Schema> expectedSchema(int64_t version) {
    static std::mutex mutex;
    static std::map<int64_t, Schema> known;
    std::lock_guard lock(mutex);
    if (auto it = known.find(version); it != known.end()) return it->second;
    LL_ASSIGN(auto db, Database::openInMemory());
    for (const Migration& m : migrations())
        if (m.version <= version) LL_TRY(db->exec(m.sql));
    LL_ASSIGN(Schema schema, readSchema(*db));
    return known[version] = std::move(schema);
}

// A library someone edited by hand (a table dropped in a database browser) otherwise fails at
// its first query with "failed while preparing a library query". Names what is missing instead.
Status checkSchema(Database& db, int64_t version, const std::string& shown) {
    LL_ASSIGN(const Schema want, expectedSchema(version));
    LL_ASSIGN(const Schema have, readSchema(db));
    std::set<std::string> haveTables, missingTables;
    for (const auto& tc : have) haveTables.insert(tc.substr(0, tc.find('.')));
    std::vector<std::string> parts;
    for (const auto& tc : want) {
        if (have.count(tc)) continue;
        const std::string table = tc.substr(0, tc.find('.'));
        if (!haveTables.count(table)) {
            if (missingTables.insert(table).second) parts.push_back("the " + table + " table");
        } else {
            parts.push_back("the " + tc.substr(table.size() + 1) + " column of " + table);
        }
    }
    if (parts.empty()) return {};
    std::string missing;
    for (size_t i = 0; i < parts.size(); ++i)
        missing += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return Error::make(Error::Code::Database,
                       "the library " + shown + " is damaged: " + missing + (parts.size() == 1 ? " is" : " are") +
                           " missing (was it edited in another program?). It was left untouched; restore it "
                           "from a backup, or choose another file with --db");
}

// Names and tags stored before they were kept composed (NFC), e.g. from a pack written on a
// Mac, are composed once so they meet what is typed now: "José" finds José, #écoute counts as
// one tag. Only spellings change; their stamps stay, so no pack carries the change as an edit.
Status composeStoredText(Database& db) {
    // Where names and tags are kept, by the key of their row.
    struct Column {
        const char *table, *key, *column;
    };
    constexpr Column kColumns[] = {{"reviewers", "id", "name"}, {"rounds", "id", "focus_tag"},
                                   {"comment_tags", "comment_id", "tag"}};
    struct Change {
        const Column* where;
        std::string key, from, to;
    };
    std::vector<Change> changes;
    for (const Column& c : kColumns) {
        LL_ASSIGN(Statement st, db.prepare(std::string("SELECT ") + c.key + ", " + c.column + " FROM " + c.table +
                                           " WHERE " + c.column + " GLOB '*[^ -~]*'"));  // beyond ASCII
        for (;;) {
            LL_ASSIGN(bool row, st.step());
            if (!row) break;
            std::string from = st.text(1), to = composed(from);
            if (to != from) changes.push_back({&c, st.text(0), std::move(from), std::move(to)});
        }
    }
    if (changes.empty()) return {};
    LL_ASSIGN(Transaction tx, Transaction::begin(db));
    for (const Change& change : changes) {
        // Where the row already holds the composed spelling too (a comment tagged both ways), the
        // update is ignored and the decomposed row goes: they become one tag.
        const Column& c = *change.where;
        const std::string match = std::string(" WHERE ") + c.key + " = ?1 AND " + c.column + " = ?2";
        LL_ASSIGN(Statement update,
                  db.prepare(std::string("UPDATE OR IGNORE ") + c.table + " SET " + c.column + " = ?3" + match));
        update.bind(1, change.key).bind(2, change.from).bind(3, change.to);
        LL_TRY(update.run());
        LL_ASSIGN(Statement drop, db.prepare(std::string("DELETE FROM ") + c.table + match));
        drop.bind(1, change.key).bind(2, change.from);
        LL_TRY(drop.run());
    }
    return tx.commit();
}

}  // namespace

Status Library::prepare(bool isNewFile) {
    Database& db = *m_db;
    const std::string shown = db.path().string();
    // Read the header first: nothing is written to a file until we know it is ours.
    LL_ASSIGN(int64_t appId, db.queryInt("PRAGMA application_id"));
    LL_ASSIGN(int64_t version, db.queryInt("PRAGMA user_version"));
    LL_ASSIGN(int64_t objects, db.queryInt("SELECT count(*) FROM sqlite_schema"));
    const bool blank = appId == 0 && version == 0 && objects == 0;
    if (!blank && appId != kApplicationId) {
        return Error::make(Error::Code::Foreign,
                           shown + " is not a LessonLens library (it belongs to another program); "
                                   "it was left untouched. Choose another file with --db",
                           "application_id " + std::to_string(appId));
    }
    const int latest = latestSchemaVersion();
    if (!blank && version <= latest) LL_TRY(checkSchema(db, version, shown));
    if (version > latest) {
        return Error::make(Error::Code::Foreign,
                           shown + " was made by a newer LessonLens (library version " +
                               std::to_string(version) + "; this one reads up to " +
                               std::to_string(latest) + "). Update LessonLens; the file was left "
                                                        "untouched");
    }
    if (db.isReadOnly()) {
        if (version < latest) {
            return Error::make(Error::Code::ReadOnly,
                               "the library " + shown +
                                   " is read-only and needs an upgrade before it can be opened; "
                                   "make it writable once, or work on a copy");
        }
    } else {
        // WAL lets the app read while a command writes. Setting it rewrites the header, so
        // only a new file or one already known to be ours gets here.
        if (db.path() != ":memory:" && isNewFile) LL_TRY(db.exec("PRAGMA journal_mode=WAL"));
        if (version < latest) {
            LL_ASSIGN(Transaction tx, Transaction::begin(db));
            // Another process may have migrated while we waited for the write lock.
            LL_ASSIGN(int64_t now, db.queryInt("PRAGMA user_version"));
            for (const Migration& m : migrations()) {
                if (m.version <= now) continue;
                LL_TRY(db.exec(m.sql));
            }
            LL_TRY(db.exec("PRAGMA application_id=" + std::to_string(kApplicationId)));
            LL_TRY(db.exec("PRAGMA user_version=" + std::to_string(latest)));
            LL_TRY(tx.commit());
        }
        // FULL: a saved comment survives a power cut, not only a crash of the program.
        LL_TRY(db.exec("PRAGMA synchronous=FULL"));
        if (!blank) LL_TRY(composeStoredText(db));
    }
    LL_TRY(db.exec("PRAGMA foreign_keys=ON"));
    return {};
}

namespace {
std::string quotedName(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}
}  // namespace

Status Library::forEachTextBeyondAscii(const std::function<void(std::string_view)>& visit) {
    std::vector<std::pair<std::string, std::vector<std::string>>> tables;  // and their TEXT columns
    {
        LL_ASSIGN(Statement st, m_db->prepare("SELECT m.name, c.name FROM sqlite_schema AS m, "
                                              "pragma_table_info(m.name) AS c WHERE m.type = 'table' "
                                              "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                              "AND upper(c.type) LIKE '%TEXT%' AND c.name <> 'id' "
                                              "AND c.name NOT LIKE '%\\_id' ESCAPE '\\' ORDER BY m.name, c.cid"));
        for (;;) {
            LL_ASSIGN(bool row, st.step());
            if (!row) break;
            std::string table = st.text(0);
            if (tables.empty() || tables.back().first != table) tables.push_back({std::move(table), {}});
            tables.back().second.push_back(quotedName(st.text(1)));
        }
    }
    for (const auto& [table, columns] : tables) {
        // One pass over each table. A text's length counts characters and its blob's bytes:
        // they differ beyond ASCII.
        std::string select, where;
        for (const auto& col : columns) {
            select += (select.empty() ? "" : ", ") + col;
            where += (where.empty() ? "" : " OR ") + ("length(" + col + ") <> length(CAST(" + col + " AS BLOB))");
        }
        LL_ASSIGN(Statement st, m_db->prepare("SELECT " + select + " FROM " + quotedName(table) + " WHERE " + where));
        for (;;) {
            LL_ASSIGN(bool row, st.step());
            if (!row) break;
            for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
                if (st.isNull(i)) continue;
                const std::string text = st.text(i);
                if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
                    visit(text);
            }
        }
    }
    return {};
}

Status Library::write(const std::function<Status()>& work) {
    if (m_db->inTransaction()) {
        LL_TRY(m_db->exec("SAVEPOINT nested_write"));
        Status st = work();
        if (!st) {
            (void)m_db->exec("ROLLBACK TO nested_write");
            (void)m_db->exec("RELEASE nested_write");
            return st;
        }
        return m_db->exec("RELEASE nested_write");
    }
    LL_ASSIGN(Transaction tx, Transaction::begin(*m_db));
    LL_TRY(work());
    return tx.commit();
}

}  // namespace ll::store
