#include "core/time_text.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

namespace ll {
namespace {

constexpr int64_t kMaxMicros = std::numeric_limits<int64_t>::max();

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Parses a run of digits into `out`, refusing overflow past `limit`.
bool parseUnsigned(std::string_view digits, int64_t limit, int64_t& out) {
    if (digits.empty()) return false;
    int64_t v = 0;
    for (char c : digits) {
        if (!isDigit(c)) return false;
        int d = c - '0';
        if (v > (limit - d) / 10) return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

Error malformed(std::string_view text) {
    return Error::invalid("\"" + std::string(text) +
                          "\" is not a time; write seconds (83.4), minutes:seconds (1:23.4) or "
                          "hours:minutes:seconds (1:02:03.250)");
}

}  // namespace

MediaTime MediaTime::fromSeconds(double s) {
    return MediaTime(static_cast<int64_t>(std::llround(s * 1e6)));
}

Result<MediaTime> parseTime(std::string_view original) {
    std::string_view text = trim(original);
    if (text.empty()) return Error::invalid("a time is needed, for example 1:23 or 83.4");
    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    // Split off the fraction.
    std::string_view whole = text, frac;
    if (auto dot = text.find('.'); dot != std::string_view::npos) {
        whole = text.substr(0, dot);
        frac = text.substr(dot + 1);
        if (frac.empty() || frac.size() > 6) {
            if (frac.size() > 6) {
                // More than microsecond precision: accept only if the extra digits are digits,
                // and round by truncation (what people type past 6 digits is noise).
                for (char c : frac) if (!isDigit(c)) return malformed(original);
                frac = frac.substr(0, 6);
            } else {
                return malformed(original);
            }
        }
    }
    std::vector<std::string_view> parts;
    size_t pos = 0;
    while (true) {
        size_t colon = whole.find(':', pos);
        parts.push_back(whole.substr(pos, colon == std::string_view::npos ? colon : colon - pos));
        if (colon == std::string_view::npos) break;
        pos = colon + 1;
    }
    if (parts.size() > 3) return malformed(original);

    int64_t fracMicros = 0;
    if (!frac.empty()) {
        int64_t f = 0;
        if (!parseUnsigned(frac, kMaxMicros, f)) return malformed(original);
        for (size_t i = frac.size(); i < 6; ++i) f *= 10;
        fracMicros = f;
    }
    const Error tooLarge = Error::invalid("\"" + std::string(original) + "\" is too large a time");
    int64_t totalSeconds = 0;
    if (parts.size() == 1) {
        if (!parseUnsigned(parts[0], kMaxMicros / 1'000'000 - 1, totalSeconds)) {
            for (char c : parts[0]) if (!isDigit(c)) return malformed(original);
            return parts[0].empty() ? malformed(original) : tooLarge;
        }
    } else {
        // The first field is unbounded (minutes or hours); the others are below 60 and written
        // with one or two digits.
        int64_t fields[3] = {0, 0, 0};
        for (size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].empty()) return malformed(original);
            if (i > 0 && parts[i].size() > 2) return malformed(original);
            if (!parseUnsigned(parts[i], kMaxMicros / 1'000'000, fields[i])) {
                for (char c : parts[i]) if (!isDigit(c)) return malformed(original);
                return tooLarge;
            }
            if (i > 0 && fields[i] >= 60) {
                return Error::invalid("\"" + std::string(original) +
                                      "\": minutes and seconds go up to 59");
            }
        }
        const int64_t limit = kMaxMicros / 1'000'000 - 1;
        if (parts.size() == 2) {
            if (fields[0] > (limit - fields[1]) / 60) return tooLarge;
            totalSeconds = fields[0] * 60 + fields[1];
        } else {
            if (fields[0] > (limit / 3600)) return tooLarge;
            totalSeconds = fields[0] * 3600 + fields[1] * 60 + fields[2];
            if (totalSeconds > limit) return tooLarge;
        }
    }
    int64_t us = totalSeconds * 1'000'000 + fracMicros;
    return MediaTime::fromMicros(negative ? -us : us);
}

std::string formatTime(MediaTime t, int decimals) {
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    int64_t us = t.micros();
    bool negative = us < 0;
    // Magnitude in unsigned arithmetic so INT64_MIN does not overflow.
    uint64_t mag = negative ? uint64_t(0) - static_cast<uint64_t>(us) : static_cast<uint64_t>(us);
    uint64_t scale = 1;
    for (int i = decimals; i < 6; ++i) scale *= 10;
    // Round to the shown precision.
    mag = (mag + scale / 2) / scale;
    uint64_t unitsPerSecond = 1'000'000 / scale;
    uint64_t fracPart = mag % unitsPerSecond;
    uint64_t secs = mag / unitsPerSecond;
    uint64_t h = secs / 3600, m = (secs / 60) % 60, s = secs % 60;
    char buf[64];
    int n;
    if (h > 0) n = std::snprintf(buf, sizeof buf, "%s%llu:%02llu:%02llu", negative ? "-" : "",
                                 (unsigned long long)h, (unsigned long long)m, (unsigned long long)s);
    else n = std::snprintf(buf, sizeof buf, "%s%llu:%02llu", negative ? "-" : "",
                           (unsigned long long)m, (unsigned long long)s);
    std::string out(buf, static_cast<size_t>(n));
    if (decimals > 0) {
        std::snprintf(buf, sizeof buf, ".%0*llu", decimals, (unsigned long long)fracPart);
        out += buf;
    }
    return out;
}

std::string formatSeconds(MediaTime t, int decimals) {
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    char buf[64];
    int64_t us = t.micros();
    bool negative = us < 0;
    uint64_t mag = negative ? uint64_t(0) - static_cast<uint64_t>(us) : static_cast<uint64_t>(us);
    uint64_t scale = 1;
    for (int i = decimals; i < 6; ++i) scale *= 10;
    mag = (mag + scale / 2) / scale;
    uint64_t per = 1'000'000 / scale;
    if (decimals == 0)
        std::snprintf(buf, sizeof buf, "%s%llu", negative ? "-" : "", (unsigned long long)mag);
    else
        std::snprintf(buf, sizeof buf, "%s%llu.%0*llu", negative ? "-" : "",
                      (unsigned long long)(mag / per), decimals, (unsigned long long)(mag % per));
    return buf;
}

int64_t nowUnixMicros() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatLocalDate(int64_t unixMicros) {
    std::time_t secs = static_cast<std::time_t>(unixMicros / 1'000'000);
    if (unixMicros < 0 && unixMicros % 1'000'000 != 0) --secs;
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

std::string formatIsoUtc(int64_t unixMicros) {
    std::time_t secs = static_cast<std::time_t>(unixMicros / 1'000'000);
    int64_t rem = unixMicros % 1'000'000;
    if (rem < 0) {
        rem += 1'000'000;
        --secs;
    }
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(rem / 1000));
    return buf;
}

Result<int64_t> parseIsoUtc(std::string_view text) {
    int y, mo, d, h, mi, s;
    char tail[16] = {0};
    std::string str(text);
    int n = std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &y, &mo, &d, &h, &mi, &s, tail);
    if (n < 6 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return Error::invalid("\"" + str + "\" is not an ISO 8601 UTC time");
    int64_t micros = 0;
    std::string_view rest(tail);
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        int digits = 0;
        while (!rest.empty() && isDigit(rest.front())) {
            if (digits < 6) micros = micros * 10 + (rest.front() - '0'), ++digits;
            rest.remove_prefix(1);
        }
        for (; digits < 6; ++digits) micros *= 10;
    }
    if (rest != "Z" && !rest.empty()) return Error::invalid("\"" + str + "\" is not in UTC (Z)");
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    std::time_t secs = timegm(&tm);
    return static_cast<int64_t>(secs) * 1'000'000 + micros;
}

}  // namespace ll
