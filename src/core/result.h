#pragma once
// Errors as values: a message a teacher can act on, plus the library's detail for the log.

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace ll {

// What went wrong, in two voices: `message` is for the person using the program ("the file ends
// early at 12:03"); `detail` is for the log and bug reports (an FFmpeg or SQLite error string).
struct Error {
    enum class Code {
        Invalid,      // the input is malformed or out of range
        NotFound,     // an id, file or row that does not exist
        Conflict,     // ambiguous or clashing with stored data
        Io,           // the file system refused
        Media,        // the media cannot be read or decoded
        Damaged,      // the media is damaged past reading (a recording never finished)
        Database,     // SQLite failed
        Busy,         // another program holds the library
        ReadOnly,     // the library cannot be written
        Foreign,      // a file that belongs to another program
        Cancelled,    // the user stopped the work
    };
    Code code = Code::Invalid;
    std::string message;
    std::string detail;

    static Error invalid(std::string msg) { return {Code::Invalid, std::move(msg), {}}; }
    static Error notFound(std::string msg) { return {Code::NotFound, std::move(msg), {}}; }
    static Error make(Code c, std::string msg, std::string det = {}) {
        return {c, std::move(msg), std::move(det)};
    }
    // "message (detail)" for logs and stderr in verbose mode.
    std::string describe() const {
        return detail.empty() ? message : message + " (" + detail + ")";
    }
};

// Either a value or an Error. Small on purpose: std::expected is C++23.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    // By value on temporaries, so `for (auto& x : *repo.list())` cannot dangle.
    T value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }
    Error&& takeError() { assert(!ok()); return std::get<1>(std::move(m_v)); }

    T valueOr(T fallback) const { return ok() ? std::get<0>(m_v) : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { assert(m_failed); return m_error; }
    Error&& takeError() { assert(m_failed); return std::move(m_error); }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

}  // namespace ll

// Propagates an error from an expression returning Result<...>: `LL_TRY(db.exec(sql));`
#define LL_TRY(expr)                                      \
    do {                                                  \
        auto&& ll_try_result_ = (expr);                   \
        if (!ll_try_result_) return ll_try_result_.takeError(); \
    } while (0)

#define LL_CONCAT_INNER(a, b) a##b
#define LL_CONCAT(a, b) LL_CONCAT_INNER(a, b)
// `LL_ASSIGN(auto clip, repo.find(id));` declares `clip` from the value or returns the error.
#define LL_ASSIGN(decl, expr) LL_ASSIGN_IMPL(LL_CONCAT(ll_assign_, __LINE__), decl, expr)
#define LL_ASSIGN_IMPL(tmp, decl, expr)                   \
    auto tmp = (expr);                                    \
    if (!tmp) return tmp.takeError();                     \
    decl = std::move(tmp).value()
