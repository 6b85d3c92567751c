#pragma once
// Id: a UUID for every row that can travel between machines.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ll {

class Id {
public:
    Id() = default;  // the nil UUID
    // A random (version 4) UUID from the system's generator (libuuid).
    static Id generate();
    // A name-based UUID (version 8 layout) from the first 16 bytes of a digest: the same digest
    // gives the same Id on every machine. Used for clips, whose identity is their content.
    static Id fromDigest(const std::array<uint8_t, 16>& digest);
    // Canonical 36-character form, any case.
    static Result<Id> parse(std::string_view text);

    bool isNil() const;
    std::string toString() const;  // lower-case canonical form
    const std::array<uint8_t, 16>& bytes() const { return m_bytes; }

    auto operator<=>(const Id&) const = default;

private:
    std::array<uint8_t, 16> m_bytes{};
};

// The clip Id of a content fingerprint in its stored form "v1:<size>:<64 hex digits of SHA-256>":
// Id::fromDigest of the digest's first 16 bytes. Refuses any other form.
Result<Id> clipIdFromFingerprint(std::string_view fingerprint);

// True when `text` could be the start of an id's canonical form (hex digits and dashes).
bool looksLikeIdPrefix(std::string_view text);

}  // namespace ll

template <>
struct std::hash<ll::Id> {
    size_t operator()(const ll::Id& id) const noexcept {
        size_t h = 0;
        for (uint8_t b : id.bytes()) h = h * 131 + b;
        return h;
    }
};
