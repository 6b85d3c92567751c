#include "core/text.h"

#include <cstdint>
#include <cstdio>

namespace ll {

std::string_view trimView(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::string trim(std::string_view s) { return std::string(trimView(s)); }

std::string toLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool isValidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len;
        uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        else if ((c >> 5) == 0x6) { len = 2; cp = c & 0x1f; }
        else if ((c >> 4) == 0xe) { len = 3; cp = c & 0x0f; }
        else if ((c >> 3) == 0x1e) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > s.size()) return false;
        for (size_t k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
            return false;
        i += len;
    }
    return true;
}

bool hasVisibleText(std::string_view s) { return !trimView(s).empty(); }

namespace {

bool isControl(unsigned char lead, unsigned char next, bool lineBreaksAllowed) {
    if (lead < 0x20) return !(lineBreaksAllowed && (lead == '\t' || lead == '\n' || lead == '\r'));
    if (lead == 0x7f) return true;
    return lead == 0xc2 && next >= 0x80 && next <= 0x9f;  // U+0080-U+009F
}

}  // namespace

bool hasControlCharacters(std::string_view s, bool lineBreaksAllowed) {
    for (size_t i = 0; i < s.size(); ++i) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (isControl(lead, next, lineBreaksAllowed)) return true;
    }
    return false;
}

std::string toDisplayText(std::string_view bytes, bool lineBreaksAllowed) {
    std::string out;
    size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const size_t n = utf8SequenceLength(lead);
        const std::string_view seq = bytes.substr(i, n);
        if (seq.size() < n || !isValidUtf8(seq)) {
            out += "\xEF\xBF\xBD";  // U+FFFD, for one byte that starts no character
            ++i;
            continue;
        }
        const auto next = n > 1 ? static_cast<unsigned char>(seq[1]) : 0;
        if (isControl(lead, next, lineBreaksAllowed)) {
            out += ' ';
        } else {
            out += seq;
        }
        i += n;
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (true) {
        size_t next = s.find(sep, pos);
        out.emplace_back(s.substr(pos, next == std::string_view::npos ? next : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return out;
}

size_t utf8SequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xe) return 3;
    if ((lead >> 3) == 0x1e) return 4;
    return 1;
}

std::string ellipsize(std::string_view s, size_t maxChars) {
    size_t count = 0, i = 0;
    while (i < s.size()) {
        if (count == maxChars) return std::string(s.substr(0, i)) + "\xe2\x80\xa6";
        i += utf8SequenceLength(static_cast<unsigned char>(s[i]));
        ++count;
    }
    return std::string(s);
}

std::string formatBytes(uint64_t bytes) {
    char buf[32];
    const char* units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1000.0 && u < 4) v /= 1000.0, ++u;
    if (u == 0) std::snprintf(buf, sizeof buf, "%llu bytes", (unsigned long long)bytes);
    else std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

std::string fileNameFrom(std::string_view title, std::string_view fallback) {
    std::string out;
    for (char c : title) out += (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 32) ? '-' : c;
    out = trim(out);
    return out.empty() || out == "." || out == ".." ? std::string(fallback) : out;
}

}  // namespace ll
