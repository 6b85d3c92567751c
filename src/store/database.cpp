#include "store/database.h"

#include <sqlite3.h>

#include <cerrno>
#include <system_error>
#include <sys/stat.h>
#include <unistd.h>

namespace ll::store {

// ---- Statement ---------------------------------------------------------------------------

Statement::~Statement() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

Statement& Statement::bind(int index, int64_t v) {
    sqlite3_bind_int64(m_stmt, index, v);
    return *this;
}
Statement& Statement::bind(int index, double v) {
    sqlite3_bind_double(m_stmt, index, v);
    return *this;
}
Statement& Statement::bind(int index, std::string_view v) {
    // An empty string_view may carry a null pointer, which SQLite would store as NULL.
    const char* data = v.data() ? v.data() : "";
    sqlite3_bind_text64(m_stmt, index, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Statement& Statement::bindBlob(int index, const void* data, size_t size) {
    sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return m_db->errorFor(rc, "reading or writing the library");
}

Status Statement::run() {
    while (true) {
        LL_ASSIGN(bool row, step());
        if (!row) return {};
    }
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
int64_t Statement::int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::real(int col) const { return sqlite3_column_double(m_stmt, col); }
std::string Statement::text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}
std::string Statement::blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}
Id Statement::id(int col) const {
    if (isNull(col)) return Id();
    auto parsed = Id::parse(text(col));
    return parsed ? *parsed : Id();
}
std::optional<int64_t> Statement::optInt64(int col) const {
    if (isNull(col)) return std::nullopt;
    return int64(col);
}
std::optional<std::string> Statement::optText(int col) const {
    if (isNull(col)) return std::nullopt;
    return text(col);
}

// ---- Database ----------------------------------------------------------------------------

namespace {

// A library is read-only when its file is marked so (no write bit: we honour that even for
// root, who could write anyway) or when the file or its folder refuses writes. The folder
// matters because SQLite keeps its -wal and -shm files beside the library.
bool markedReadOnly(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return true;
    if (::access(path.c_str(), W_OK) != 0) return true;
    auto dir = path.parent_path();
    if (dir.empty()) dir = ".";
    return ::access(dir.c_str(), W_OK) != 0;
}

}  // namespace

Database::Database(sqlite3* db, std::filesystem::path path, bool readOnly)
    : m_db(db), m_path(std::move(path)), m_readOnly(readOnly) {}

Database::~Database() {
    for (auto& [sql, stmt] : m_cache) sqlite3_finalize(stmt);
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path,
                                                 const OpenOptions& options) {
    std::error_code ec;
    const std::string shown = path.string();
    auto status = std::filesystem::status(path, ec);
    bool exists = !ec && std::filesystem::exists(status);
    if (exists && std::filesystem::is_directory(status)) {
        return Error::make(Error::Code::Io, shown + " is a folder; give the path of a library file");
    }
    if (!exists) {
        if (!options.create) {
            return Error::make(Error::Code::NotFound, "there is no library at " + shown);
        }
        auto dir = path.parent_path();
        if (!dir.empty()) {
            std::filesystem::create_directories(dir, ec);
            if (ec) {
                return Error::make(Error::Code::Io,
                                   "cannot create the folder " + dir.string() + " for the library",
                                   ec.message());
            }
        }
    }
    bool readOnly = exists && markedReadOnly(path);
    int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path, readOnly));
    if (rc != SQLITE_OK) return db->errorFor(rc, "opening the library");
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    return db;
}

Result<std::unique_ptr<Database>> Database::openInMemory() {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<Database> db(new Database(raw, ":memory:", false));
    if (rc != SQLITE_OK) return db->errorFor(rc, "opening an in-memory library");
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Result<Statement> Database::prepare(std::string_view sql) {
    std::string key(sql);
    auto it = m_cache.find(key);
    if (it != m_cache.end()) return Statement(*this, it->second);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(m_db, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return errorFor(rc, "preparing a library query");
    m_cache.emplace(std::move(key), stmt);
    return Statement(*this, stmt);
}

Status Database::exec(std::string_view sql) {
    std::string s(sql);
    char* msg = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg);
    if (msg) sqlite3_free(msg);
    if (rc != SQLITE_OK) return errorFor(rc, "updating the library");
    return {};
}

Result<int64_t> Database::queryInt(std::string_view sql) {
    LL_ASSIGN(Statement st, prepare(sql));
    LL_ASSIGN(bool row, st.step());
    if (!row) return Error::make(Error::Code::Database, "the library gave no answer", std::string(sql));
    return st.int64(0);
}

bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }
int64_t Database::changes() const { return sqlite3_changes64(m_db); }

Result<Database::ChangeMark> Database::changeMark() {
    // data_version moves only for other connections' commits; total_changes counts our own.
    LL_ASSIGN(int64_t others, queryInt("PRAGMA data_version"));
    return ChangeMark{others, sqlite3_total_changes64(m_db)};
}

Error Database::lastError(std::string_view what) const {
    return errorFor(sqlite3_extended_errcode(m_db), what);
}

Error Database::errorFor(int code, std::string_view what) const {
    const std::string lib = m_path.string();
    std::string detail = std::string(sqlite3_errstr(code));
    if (m_db && sqlite3_errcode(m_db) == (code & 0xff)) detail = sqlite3_errmsg(m_db);
    detail += " [sqlite " + std::to_string(code) + "]";
    // A full disk does not always say SQLITE_FULL: growing the shared-memory file of a library
    // in WAL mode fails as an I/O error (SQLITE_IOERR_SHMSIZE) even for a read.
    const int osError = m_db ? sqlite3_system_errno(m_db) : 0;
    if ((code & 0xff) == SQLITE_IOERR && (osError == ENOSPC || osError == EDQUOT))
        code = SQLITE_FULL;
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error::make(Error::Code::Busy,
                               "the library " + lib +
                                   " is busy: another LessonLens window or command is writing to "
                                   "it; nothing was changed, try again in a moment",
                               detail);
        case SQLITE_READONLY:
            return Error::make(Error::Code::ReadOnly,
                               "the library " + lib +
                                   " is read-only; nothing was changed (check the file's "
                                   "permissions, or work on a copy)",
                               detail);
        case SQLITE_NOTADB:
            return Error::make(Error::Code::Foreign,
                               lib + " is not a LessonLens library (it is not a database); it was "
                                     "left untouched",
                               detail);
        case SQLITE_CORRUPT:
            return Error::make(Error::Code::Database,
                               "the library " + lib + " is damaged; restore it from a backup",
                               detail);
        case SQLITE_FULL:
            return Error::make(Error::Code::Io,
                               "the disk holding " + lib +
                                   " is full; nothing was changed (free some space and try again)",
                               detail);
        case SQLITE_CANTOPEN:
            return Error::make(Error::Code::Io, "cannot open the library " + lib, detail);
        case SQLITE_IOERR:
            return Error::make(Error::Code::Io,
                               "the library " + lib + " could not be read or written", detail);
        case SQLITE_CONSTRAINT:
            return Error::make(Error::Code::Conflict,
                               "that change does not fit the library's rules (" + std::string(what) +
                                   "); nothing was changed",
                               detail);
        default:
            return Error::make(Error::Code::Database,
                               "the library " + lib + " failed while " + std::string(what), detail);
    }
}

// ---- Transaction -------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& db) {
    if (db.isReadOnly()) return db.errorFor(SQLITE_READONLY, "starting a change");
    LL_TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(db);
}

Transaction::~Transaction() {
    if (m_db && m_db->inTransaction()) (void)m_db->exec("ROLLBACK");
}

Status Transaction::commit() {
    if (!m_db) return Error::make(Error::Code::Database, "internal: commit twice");
    auto st = m_db->exec("COMMIT");
    if (!st) return st;
    m_db = nullptr;
    return {};
}

}  // namespace ll::store
