#include "media/peak_pyramid.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace ll::media {

namespace {

using Vec4 = float __attribute__((vector_size(16)));  // GCC/Clang vector extension
Vec4 load4(const float* p) {
    Vec4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

int16_t quantize(float v) {
    v = std::clamp(v, -1.0f, 1.0f);
    return static_cast<int16_t>(std::lround(v * 32767.0f));
}

constexpr char kMagic[4] = {'L', 'L', 'P', 'K'};
constexpr uint16_t kVersion = 1;
constexpr size_t kHeaderBytes = 4 + 2 + 2 + 4 + 4 + 8 + 8;

template <class T>
void putLe(std::vector<uint8_t>& out, T v) {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(v);
    for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<uint8_t>(u >> (8 * i)));
}

template <class T>
T getLe(const uint8_t* p) {
    using U = std::make_unsigned_t<T>;
    U u = 0;
    for (size_t i = 0; i < sizeof(T); ++i) u |= static_cast<U>(static_cast<U>(p[i]) << (8 * i));
    return static_cast<T>(u);
}

}  // namespace

PeakPyramid::PeakPyramid(int sampleRate, int samplesPerBucket)
    : m_sampleRate(std::max(1, sampleRate)), m_samplesPerBucket(std::max(1, samplesPerBucket)) {
    m_levels.resize(1);
}

void PeakPyramid::add(std::span<const float> samples) {
    auto& base = m_levels[0];
    const float* x = samples.data();
    const size_t n = samples.size();
    // A bucket's share at a time, in eight lanes that the compiler keeps in one vector register
    // (this runs on every decoded sample of an analysis). Same result as one sample at a time.
    for (size_t i = 0; i < n;) {
        const size_t take = std::min(n - i, static_cast<size_t>(m_samplesPerBucket - m_inBucket));
        const float lo0 = m_inBucket == 0 ? x[i] : m_openMin;
        const float hi0 = m_inBucket == 0 ? x[i] : m_openMax;
        // Lanes 0-3 and 4-7 as two explicit vectors (GCC's -O2 leaves the plain loop scalar);
        // `v < lo ? v : lo` is std::min(lo, v) lane by lane, NaN included.
        Vec4 loA = {lo0, lo0, lo0, lo0}, loB = loA;
        Vec4 hiA = {hi0, hi0, hi0, hi0}, hiB = hiA;
        size_t k = 0;
        for (; k + 8 <= take; k += 8) {
            const Vec4 a = load4(x + i + k), b = load4(x + i + k + 4);
            loA = a < loA ? a : loA;
            loB = b < loB ? b : loB;
            hiA = hiA < a ? a : hiA;
            hiB = hiB < b ? b : hiB;
        }
        std::array<float, 8> lo, hi;
        for (size_t j = 0; j < 4; ++j) {
            lo[j] = loA[j];
            lo[j + 4] = loB[j];
            hi[j] = hiA[j];
            hi[j + 4] = hiB[j];
        }
        for (; k < take; ++k) {
            lo[0] = std::min(lo[0], x[i + k]);
            hi[0] = std::max(hi[0], x[i + k]);
        }
        m_openMin = *std::min_element(lo.begin(), lo.end());
        m_openMax = *std::max_element(hi.begin(), hi.end());
        m_inBucket += static_cast<int>(take);
        i += take;
        if (m_inBucket == m_samplesPerBucket) {
            base.push_back({quantize(m_openMin), quantize(m_openMax)});
            m_inBucket = 0;
        }
    }
    m_sampleCount += static_cast<int64_t>(n);
}

void PeakPyramid::finish() {
    if (m_inBucket > 0) {
        m_levels[0].push_back({quantize(m_openMin), quantize(m_openMax)});
        m_inBucket = 0;
        // The partial bucket now counts as whole so that bucket i always starts at
        // i * samplesPerBucket.
        m_sampleCount = static_cast<int64_t>(m_levels[0].size()) * m_samplesPerBucket;
    }
    rebuildLevels();
}

void PeakPyramid::rebuildLevels() {
    m_levels.resize(1);
    while (m_levels.back().size() > 1) {
        const auto& fine = m_levels.back();
        std::vector<Peak> coarse((fine.size() + 1) / 2);
        for (size_t i = 0; i < coarse.size(); ++i) {
            Peak p = fine[2 * i];
            if (2 * i + 1 < fine.size()) {
                p.min = std::min(p.min, fine[2 * i + 1].min);
                p.max = std::max(p.max, fine[2 * i + 1].max);
            }
            coarse[i] = p;
        }
        m_levels.push_back(std::move(coarse));
    }
}

namespace {
// samples / rate in microseconds (samples >= 0), saturating instead of overflowing int64.
MediaTime samplesToTime(int64_t samples, int rate) {
    constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / 1'000'000 - 1;
    const int64_t seconds = samples / rate;
    if (seconds >= kMaxSeconds) return MediaTime::fromMicros(kMaxSeconds * 1'000'000);
    return MediaTime::fromMicros(seconds * 1'000'000 + samples % rate * 1'000'000 / rate);
}
}  // namespace

MediaTime PeakPyramid::duration() const { return samplesToTime(m_sampleCount, m_sampleRate); }

std::span<const Peak> PeakPyramid::level(int index) const {
    if (index < 0 || index >= levelCount()) return {};
    return m_levels[static_cast<size_t>(index)];
}

MediaTime PeakPyramid::bucketDuration(int level) const {
    // Past level 40 a bucket is longer than any recording; the time saturates instead.
    const int64_t samples = static_cast<int64_t>(m_samplesPerBucket) << std::clamp(level, 0, 40);
    return samplesToTime(samples, m_sampleRate);
}

std::vector<Peak> PeakPyramid::peaks(TimeRange range, int columns) const {
    std::vector<Peak> out(static_cast<size_t>(std::max(0, columns)));
    if (columns <= 0 || range.empty() || m_levels[0].empty()) return out;
    // Work in level-0 bucket units (doubles are exact enough for hours of 16 ms buckets).
    const double bucketsPerMicro =
        static_cast<double>(m_sampleRate) / (1e6 * static_cast<double>(m_samplesPerBucket));
    const double start = static_cast<double>(range.start.micros()) * bucketsPerMicro;
    const double span = static_cast<double>(range.duration().micros()) * bucketsPerMicro;
    const double perColumn = span / columns;
    int lvl = 0;
    while (lvl + 1 < levelCount() && static_cast<double>(int64_t{1} << (lvl + 1)) <= perColumn) {
        ++lvl;
    }
    const auto& buckets = m_levels[static_cast<size_t>(lvl)];
    const double scale = static_cast<double>(int64_t{1} << lvl);
    const auto count = static_cast<int64_t>(buckets.size());
    for (int c = 0; c < columns; ++c) {
        int64_t b0 = static_cast<int64_t>(std::floor((start + perColumn * c) / scale));
        int64_t b1 = static_cast<int64_t>(std::ceil((start + perColumn * (c + 1)) / scale));
        b0 = std::max<int64_t>(b0, 0);
        b1 = std::min(std::max(b1, b0 + 1), count);
        if (b0 >= count) continue;
        Peak p = buckets[static_cast<size_t>(b0)];
        for (int64_t b = b0 + 1; b < b1; ++b) {
            p.min = std::min(p.min, buckets[static_cast<size_t>(b)].min);
            p.max = std::max(p.max, buckets[static_cast<size_t>(b)].max);
        }
        out[static_cast<size_t>(c)] = p;
    }
    return out;
}

std::vector<uint8_t> PeakPyramid::serialize() const {
    const auto& base = m_levels[0];
    std::vector<uint8_t> out;
    out.reserve(kHeaderBytes + base.size() * 4);
    for (char c : kMagic) out.push_back(static_cast<uint8_t>(c));
    putLe<uint16_t>(out, kVersion);
    putLe<uint16_t>(out, 0);  // reserved
    putLe<uint32_t>(out, static_cast<uint32_t>(m_sampleRate));
    putLe<uint32_t>(out, static_cast<uint32_t>(m_samplesPerBucket));
    putLe<int64_t>(out, m_sampleCount);
    putLe<uint64_t>(out, base.size());
    for (const Peak& p : base) {
        putLe<int16_t>(out, p.min);
        putLe<int16_t>(out, p.max);
    }
    return out;
}

Result<PeakPyramid> PeakPyramid::deserialize(std::span<const uint8_t> blob) {
    auto bad = [](const char* why) {
        return Error::make(Error::Code::Invalid, "the stored waveform is damaged", why);
    };
    if (blob.size() < kHeaderBytes || std::memcmp(blob.data(), kMagic, 4) != 0) {
        return bad("not a peak blob");
    }
    const uint8_t* p = blob.data() + 4;
    if (getLe<uint16_t>(p) != kVersion) return bad("unknown peak blob version");
    const auto rate = getLe<uint32_t>(p + 4);
    const auto perBucket = getLe<uint32_t>(p + 8);
    const auto samples = getLe<int64_t>(p + 12);
    const auto count = getLe<uint64_t>(p + 20);
    if (rate == 0 || rate > 1'000'000 || perBucket == 0 || perBucket > (1u << 24) || samples < 0) {
        return bad("implausible header");
    }
    if (count > (blob.size() - kHeaderBytes) / 4 || blob.size() != kHeaderBytes + count * 4) {
        return bad("size does not match header");
    }
    // The buckets hold the samples: all of them once finished, all but a partial last bucket
    // before that.
    if (static_cast<uint64_t>(samples) > (count + 1) * perBucket) {
        return bad("sample count does not match the buckets");
    }
    PeakPyramid pyramid(static_cast<int>(rate), static_cast<int>(perBucket));
    auto& base = pyramid.m_levels[0];
    base.resize(count);
    const uint8_t* q = blob.data() + kHeaderBytes;
    for (uint64_t i = 0; i < count; ++i, q += 4) {
        base[i] = {getLe<int16_t>(q), getLe<int16_t>(q + 2)};
    }
    pyramid.m_sampleCount = samples;
    pyramid.rebuildLevels();
    return pyramid;
}

}  // namespace ll::media
