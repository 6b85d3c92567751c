#include "media/fingerprint.h"

extern "C" {
#include <libavutil/hash.h>
}

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <vector>

#include "media/av_util.h"

namespace ll::media {
namespace fs = std::filesystem;

namespace {

constexpr uint64_t kEdgeBytes = 1 << 20;  // 1 MiB from each end

struct HashDeleter {
    void operator()(AVHashContext* c) const { av_hash_freep(&c); }
};

}  // namespace

std::string Fingerprint::toString() const {
    return "v1:" + std::to_string(sizeBytes) + ":" + digestHex;
}

Id Fingerprint::clipId() const {
    // One derivation for the whole program (core), so packs can check ids without media.
    return clipIdFromFingerprint(toString()).valueOr(Id());
}

Result<Fingerprint> fingerprint(const fs::path& file) {
    LL_ASSIGN(uint64_t size, detail::checkReadableFile(file));

    AVHashContext* raw = nullptr;
    if (av_hash_alloc(&raw, "SHA256") < 0 || !raw) {
        return Error::make(Error::Code::Media, "SHA-256 is not available in this FFmpeg build");
    }
    std::unique_ptr<AVHashContext, HashDeleter> hash(raw);
    av_hash_init(hash.get());

    // The size goes in first, as 8 little-endian bytes, so that files sharing head and tail but
    // differing in length never collide.
    uint8_t sizeBytes[8];
    for (int i = 0; i < 8; ++i) sizeBytes[i] = static_cast<uint8_t>(size >> (8 * i));
    av_hash_update(hash.get(), sizeBytes, sizeof sizeBytes);

    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error::make(Error::Code::Io, detail::quoted(file) + " cannot be read");
    }
    std::vector<uint8_t> buffer(kEdgeBytes);
    auto hashRange = [&](uint64_t offset, uint64_t length) -> bool {
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(length));
        if (static_cast<uint64_t>(in.gcount()) != length) return false;
        av_hash_update(hash.get(), buffer.data(), length);
        return true;
    };
    uint64_t edge = std::min(size, kEdgeBytes);
    if (!hashRange(0, edge) || !hashRange(size - edge, edge)) {
        return Error::make(Error::Code::Io,
                           detail::quoted(file) + " cannot be read: it changed while being read");
    }

    std::array<uint8_t, 32> digest{};
    av_hash_final(hash.get(), digest.data());
    static constexpr char kHex[] = "0123456789abcdef";
    Fingerprint fp;
    fp.sizeBytes = size;
    for (uint8_t b : digest) {
        fp.digestHex += kHex[b >> 4];
        fp.digestHex += kHex[b & 15];
    }
    return fp;
}

Result<bool> sameInside(const fs::path& a, const fs::path& b) {
    LL_ASSIGN(uint64_t sizeA, detail::checkReadableFile(a));
    LL_ASSIGN(uint64_t sizeB, detail::checkReadableFile(b));
    if (sizeA != sizeB) return false;
    if (sizeA <= 2 * kEdgeBytes) return true;  // the fingerprint read all of it
    constexpr uint64_t kPiece = 64 * 1024;
    constexpr int kPieces = 16;
    std::ifstream inA(a, std::ios::binary), inB(b, std::ios::binary);
    if (!inA) return Error::make(Error::Code::Io, detail::quoted(a) + " cannot be read");
    if (!inB) return Error::make(Error::Code::Io, detail::quoted(b) + " cannot be read");
    std::vector<char> pieceA(kPiece), pieceB(kPiece);
    const uint64_t inner = sizeA - 2 * kEdgeBytes;
    for (int i = 0; i < kPieces; ++i) {
        const uint64_t length = std::min(kPiece, inner);
        const uint64_t offset = kEdgeBytes + (inner - length) * static_cast<uint64_t>(i) / (kPieces - 1);
        inA.seekg(static_cast<std::streamoff>(offset));
        inB.seekg(static_cast<std::streamoff>(offset));
        inA.read(pieceA.data(), static_cast<std::streamsize>(length));
        inB.read(pieceB.data(), static_cast<std::streamsize>(length));
        if (static_cast<uint64_t>(inA.gcount()) != length || static_cast<uint64_t>(inB.gcount()) != length) {
            return Error::make(Error::Code::Io, detail::quoted(a) + " or " + detail::quoted(b) +
                                                    " changed while being read");
        }
        if (!std::equal(pieceA.begin(), pieceA.begin() + static_cast<std::ptrdiff_t>(length),
                        pieceB.begin())) {
            return false;
        }
    }
    return true;
}

}  // namespace ll::media
