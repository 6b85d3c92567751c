#include "core/id.h"

#include <uuid/uuid.h>

#include <cstring>

namespace ll {

Id Id::generate() {
    Id id;
    uuid_t raw;
    uuid_generate_random(raw);
    std::memcpy(id.m_bytes.data(), raw, 16);
    return id;
}

Id Id::fromDigest(const std::array<uint8_t, 16>& digest) {
    Id id;
    id.m_bytes = digest;
    id.m_bytes[6] = static_cast<uint8_t>((id.m_bytes[6] & 0x0f) | 0x80);  // version 8
    id.m_bytes[8] = static_cast<uint8_t>((id.m_bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
    return id;
}

Result<Id> Id::parse(std::string_view text) {
    if (text.size() != 36) return Error::invalid("\"" + std::string(text) + "\" is not an id");
    std::string s(text);
    uuid_t raw;
    if (uuid_parse(s.c_str(), raw) != 0) {
        return Error::invalid("\"" + s + "\" is not an id");
    }
    Id id;
    std::memcpy(id.m_bytes.data(), raw, 16);
    return id;
}

bool Id::isNil() const {
    for (uint8_t b : m_bytes) if (b) return false;
    return true;
}

std::string Id::toString() const {
    char out[37];
    uuid_t raw;
    std::memcpy(raw, m_bytes.data(), 16);
    uuid_unparse_lower(raw, out);
    return out;
}

Result<Id> clipIdFromFingerprint(std::string_view fp) {
    auto bad = [&] {
        return Error::invalid("\"" + std::string(fp.substr(0, 80)) + "\" is not a clip fingerprint");
    };
    if (fp.substr(0, 3) != "v1:") return bad();
    size_t colon = fp.find(':', 3);
    if (colon == std::string_view::npos || colon == 3 || colon - 3 > 20) return bad();
    for (char c : fp.substr(3, colon - 3)) if (c < '0' || c > '9') return bad();
    std::string_view hex = fp.substr(colon + 1);
    if (hex.size() != 64) return bad();
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::array<uint8_t, 16> bytes{};
    for (size_t i = 0; i < 64; ++i) {
        int v = nibble(hex[i]);
        if (v < 0) return bad();
        if (i < 32) bytes[i / 2] = static_cast<uint8_t>(bytes[i / 2] * 16 + v);
    }
    return Id::fromDigest(bytes);
}

bool looksLikeIdPrefix(std::string_view text) {
    if (text.empty() || text.size() > 36) return false;
    for (char c : text) {
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex && c != '-') return false;
    }
    return true;
}

}  // namespace ll
