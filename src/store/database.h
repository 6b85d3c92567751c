#pragma once
// RAII over SQLite: a connection with a cache of prepared statements, a statement scope that
// resets itself, and IMMEDIATE transactions that roll back unless committed.
// A Database belongs to one thread at a time; SQLite's own locking handles other processes.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/id.h"
#include "core/media_time.h"
#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ll::store {

class Database;

// A prepared statement in use. Reset and unbound when it goes out of scope, so the cached
// statement is ready for the next caller. Columns and parameters are 0-based / 1-based as in SQLite.
class Statement {
public:
    Statement(Database& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
    Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<int64_t>(v)); }
    Statement& bind(int index, bool v) { return bind(index, static_cast<int64_t>(v ? 1 : 0)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);  // copied by SQLite (SQLITE_TRANSIENT)
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const Id& v) { return bind(index, v.toString()); }
    Statement& bind(int index, MediaTime v) { return bind(index, v.micros()); }
    Statement& bindBlob(int index, const void* data, size_t size);
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bindNull(index);
    }

    // Advances: true when a row is ready, false when done.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();

    bool isNull(int col) const;
    int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::string blob(int col) const;
    Id id(int col) const;  // nil when NULL or malformed
    MediaTime time(int col) const { return MediaTime::fromMicros(int64(col)); }
    std::optional<int64_t> optInt64(int col) const;
    std::optional<std::string> optText(int col) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt;
};

struct OpenOptions {
    bool create = true;           // create the file (and its folder) when missing
    int busyTimeoutMs = 5000;     // how long to wait for another writer
};

class Database {
public:
    // Opens a file; refuses files that are not SQLite databases. Says nothing yet about
    // whose database it is: Library checks application_id before anything is written.
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                  const OpenOptions& options);
    static Result<std::unique_ptr<Database>> openInMemory();
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // A prepared statement for `sql`, compiled once per connection and reused.
    Result<Statement> prepare(std::string_view sql);
    // Runs one or more statements with no parameters and no rows (migrations, pragmas).
    Status exec(std::string_view sql);
    // Runs a query expected to return one integer (pragmas, counts).
    Result<int64_t> queryInt(std::string_view sql);

    const std::filesystem::path& path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    bool inTransaction() const;
    int64_t changes() const;
    // Differs from its last value once this connection or any other (a worker's, another
    // process's) has committed a change since: for whoever must know when to look again.
    struct ChangeMark {
        int64_t others = -1, own = -1;
        bool operator==(const ChangeMark&) const = default;
    };
    Result<ChangeMark> changeMark();

    // Builds an Error for the last failure with a teacher-readable message for `what`
    // ("adding the comment"), keeping SQLite's text as the detail.
    Error lastError(std::string_view what) const;
    Error errorFor(int code, std::string_view what) const;

    sqlite3* handle() { return m_db; }

private:
    Database(sqlite3* db, std::filesystem::path path, bool readOnly);
    sqlite3* m_db;
    std::filesystem::path m_path;
    bool m_readOnly;
    std::unordered_map<std::string, sqlite3_stmt*> m_cache;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless commit() succeeded.
// IMMEDIATE takes the write lock up front so two processes never deadlock upgrading a read lock;
// the busy timeout makes the second writer wait instead of failing.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;
};

}  // namespace ll::store
