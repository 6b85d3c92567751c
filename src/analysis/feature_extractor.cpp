#include "analysis/feature_extractor.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

namespace ll::analysis {

namespace {

constexpr int kMelBands = 24;
constexpr int kSpecBins = kWindowSamples / 2 + 1;  // 40 Hz per bin
constexpr float kPreEmphasis = 0.95f;  // also keeps ventilation hum out of the pitch tracker
constexpr float kTiny = 1e-10f;
constexpr float kMaxSample = 1e9f;  // 180 dB over full scale; squares stay far from overflow
constexpr int kDecimatorHalf = 15;        // 31 taps
constexpr double kDecimatorCutHz = 3300;  // pass band to ~2.5 kHz, stop band from ~4.7 kHz
// Pitch lags at kPitchRate.
constexpr int kMinLag = kPitchRate / static_cast<int>(kMaxPitchHz);  // 16
constexpr int kMaxLag = static_cast<int>(kPitchRate / kMinPitchHz);  // 133
constexpr int kShortestLag = kPitchRate / 2000;  // 2 kHz: a whistle's period, not a voice's

// Sums in eight interleaved lanes (two 4-float vectors, GCC/Clang vector extensions), added up
// in a fixed order: vectorised, and the result does not depend on the machine. (A plain serial
// float sum may not be reordered, so the compiler leaves it scalar.)
using Vec4 = float __attribute__((vector_size(16)));
inline Vec4 load4(const float* p) {
    Vec4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline float total(Vec4 a, Vec4 b) {
    const Vec4 s = a + b;
    return (s[0] + s[2]) + (s[1] + s[3]);
}
float laneSum(const float* x, int n) {
    Vec4 a{}, b{};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        a += load4(x + i);
        b += load4(x + i + 4);
    }
    float tail = 0.0f;
    for (; i < n; ++i) tail += x[i];
    return total(a, b) + tail;
}
float laneDot(const float* a, const float* b, int n) {
    Vec4 s{}, t{};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        s += load4(a + i) * load4(b + i);
        t += load4(a + i + 4) * load4(b + i + 4);
    }
    float tail = 0.0f;
    for (; i < n; ++i) tail += a[i] * b[i];
    return total(s, t) + tail;
}
// A dot product whose length (a multiple of 8) is known at compile time: fully unrolled.
template <int N>
inline float laneDot(const float* a, const float* b) {
    static_assert(N % 8 == 0);
    Vec4 s{}, t{};
    for (int i = 0; i < N; i += 8) {
        s += load4(a + i) * load4(b + i);
        t += load4(a + i + 4) * load4(b + i + 4);
    }
    return total(s, t);
}

float hzToMel(float hz) {
    return 2595.0f * std::log10(1.0f + hz / 700.0f);
}
float melToHz(float mel) {
    return 700.0f * (std::pow(10.0f, mel / 2595.0f) - 1.0f);
}

// Height and offset (-0.5..0.5) of the parabola through three samples around a peak.
struct Peak {
    float shift = 0;
    float height = 0;
};
Peak parabolicPeak(float y0, float y1, float y2) {
    const float den = y0 - 2 * y1 + y2;
    if (den >= 0) return {0.0f, y1};
    const float shift = std::clamp(0.5f * (y0 - y2) / den, -0.5f, 0.5f);
    return {shift, y1 - 0.25f * (y0 - y2) * shift};
}

// parabolicPeak's height for four peaks at once: the same operations in the same order, so the
// same values.
using Mask4 = int __attribute__((vector_size(16)));
Vec4 parabolicHeights(Vec4 y0, Vec4 y1, Vec4 y2) {
    const Vec4 two = {2.0f, 2.0f, 2.0f, 2.0f}, half = {0.5f, 0.5f, 0.5f, 0.5f};
    const Vec4 quarter = {0.25f, 0.25f, 0.25f, 0.25f}, zero = {0.0f, 0.0f, 0.0f, 0.0f};
    const Vec4 den = y0 - two * y1 + y2;
    const Vec4 v = half * (y0 - y2) / den;  // lanes with den >= 0 are discarded below
    Vec4 shift = v < -half ? -half : v;     // std::clamp(v, -0.5f, 0.5f)
    shift = half < v ? half : shift;
    const Vec4 height = y1 - quarter * (y0 - y2) * shift;
    return den >= zero ? y1 : height;
}
int firstLane(Mask4 m) {
    for (int j = 0; j < 4; ++j)
        if (m[j]) return j;
    return -1;
}

// speechLlr's constants. Each bin's power is smoothed over about three frames before its minimum
// is taken; the minimum over kNoiseSubwindows sub-windows of kSubwindowUpdates (4 s) is the noise
// estimate: long enough that a distant teacher's reverberation, which fills the room for as long
// as he talks, does not pass for noise (a simulated teacher 4.5 m away, 15 dB SNR at 1 m: with
// 2 s, 1500 of his 11500 talk frames stayed silence; with 4 s, 900), short enough to follow
// ventilation switching on. kNoiseBias undoes the minimum's downward bias.
constexpr int kLlrStride = 2;          // frames per update (20 ms)
constexpr float kLlrSmoothing = 0.7f;  // per update
constexpr int kLlrWarmupFrames = 10;   // the smoothing's start-up, left out of the minimum
constexpr int kSubwindowUpdates = 25;  // 0.5 s
constexpr float kNoiseBias = 2.0f;
constexpr float kDecisionDirected = 0.98f;  // Ephraim & Malah's alpha
constexpr float kMinPrioriSnr = 0.003f;     // -25 dB
constexpr float kMaxPrioriSnr = 100.0f;     // +20 dB: a product of 16 (1 + snr) stays in range

}  // namespace

void FrameFeatures::setMfcc(int i, float v) {
    const float q = std::clamp(std::round(v / kMfccStep), -32767.0f, 32767.0f);
    mfccQ[static_cast<size_t>(i)] = static_cast<int16_t>(q);
}

FeatureExtractor::FeatureExtractor() {
    const double pi = std::numbers::pi;
    m_hann.resize(kWindowSamples);
    for (int i = 0; i < kWindowSamples; ++i)
        m_hann[i] = static_cast<float>(0.5 - 0.5 * std::cos(2 * pi * (i + 0.5) / kWindowSamples));
    m_pitchHann.resize(kPitchWindowSamples);
    for (int i = 0; i < kPitchWindowSamples; ++i)
        m_pitchHann[i] =
            static_cast<float>(0.5 - 0.5 * std::cos(2 * pi * (i + 0.5) / kPitchWindowSamples));
    // Boersma (1993): dividing the signal's autocorrelation by the window's removes the taper.
    m_hannAcf.assign(kPitchWindowSamples, 0.0f);
    m_invHannAcf.assign(kPitchWindowSamples, 0.0f);
    double r0 = 0;
    for (int i = 0; i < kPitchWindowSamples; ++i) r0 += m_pitchHann[i] * m_pitchHann[i];
    // Circular at the pitch FFT's size, as the signal's autocorrelation is.
    const int wrap = static_cast<int>(m_pitchFft.size());
    for (int lag = 0; lag < kPitchWindowSamples; ++lag) {
        double r = 0;
        for (int i = 0; i + lag < kPitchWindowSamples; ++i)
            r += m_pitchHann[i] * m_pitchHann[i + lag];
        for (int i = 0; lag > 0 && i + wrap - lag < kPitchWindowSamples; ++i)
            r += m_pitchHann[i] * m_pitchHann[i + wrap - lag];
        m_hannAcf[lag] = static_cast<float>(r / r0);
        m_invHannAcf[lag] = static_cast<float>(r0 / r);
    }
    // Decimator: Blackman-windowed sinc, unit gain at DC.
    {
        std::vector<double> h(2 * kDecimatorHalf + 1);
        double sum = 0;
        const double fc = kDecimatorCutHz / kSampleRate;  // cycles per sample
        for (int t = -kDecimatorHalf; t <= kDecimatorHalf; ++t) {
            const double x = 2 * pi * fc * t;
            const double sinc = t == 0 ? 1.0 : std::sin(x) / x;
            const double a = pi * (t + kDecimatorHalf) / kDecimatorHalf;  // 0 .. 2 pi
            const double w = 0.42 - 0.5 * std::cos(a) + 0.08 * std::cos(2 * a);
            h[static_cast<size_t>(t + kDecimatorHalf)] = sinc * w;
            sum += sinc * w;
        }
        for (double v : h) m_decimator.push_back(static_cast<float>(v / sum));
        m_decimator.push_back(0.0f);  // 32 taps: four full vector lanes
    }
    // Triangular mel filters over the bins of the kWindowSamples-point spectrum.
    const float lo = hzToMel(100.0f), hi = hzToMel(7600.0f);
    std::array<float, kMelBands + 2> edges{};
    for (int b = 0; b < kMelBands + 2; ++b)
        edges[b] = melToHz(lo + (hi - lo) * b / (kMelBands + 1)) * kWindowSamples / kSampleRate;
    for (int b = 0; b < kMelBands; ++b) {
        for (int k = static_cast<int>(edges[b]);
             k <= static_cast<int>(edges[b + 2]) + 1 && k < kSpecBins; ++k) {
            const float fk = static_cast<float>(k);
            float w = 0;
            if (fk > edges[b] && fk <= edges[b + 1])
                w = (fk - edges[b]) / (edges[b + 1] - edges[b]);
            else if (fk > edges[b + 1] && fk < edges[b + 2])
                w = (edges[b + 2] - fk) / (edges[b + 2] - edges[b + 1]);
            if (w > 0) {
                MelBand& band = m_melBands[static_cast<size_t>(b)];
                if (band.bins == 0) {
                    band.firstBin = k;
                    band.weightOffset = static_cast<int>(m_melWeights.size());
                }
                // a band's bins are contiguous: the triangle is positive between its edges
                for (int gap = band.firstBin + band.bins; gap < k; ++gap, ++band.bins)
                    m_melWeights.push_back(0.0f);
                m_melWeights.push_back(w);
                ++band.bins;
            }
        }
    }
    for (int c = 0; c < kMfccCount; ++c)
        for (int b = 0; b < kMelBands; ++b)
            m_dctT[b][c] = static_cast<float>(std::cos(pi * (c + 1) * (b + 0.5) / kMelBands) *
                                              std::sqrt(2.0 / kMelBands));
    m_win.resize(kWindowSamples);
    m_power.resize(kSpecBins);
    m_pitchPower.resize(kSpecBins);
    m_acf.resize(kMaxLag + 2);
    m_nacf.resize(kMaxLag + 2);
    // The first frame's pitch window starts 120 decimated samples before the recording.
    m_decStart = m_decNext = -(kPitchWindowSamples / 2 - kHopSamples / 4);
}

float FeatureExtractor::sampleAt(int64_t index) const {
    if (index < m_bufStart || index >= m_total) return 0.0f;
    return m_buf[static_cast<size_t>(index - m_bufStart)];
}

float FeatureExtractor::pitchAt(int64_t decIndex) const {
    return m_dec[static_cast<size_t>(decIndex - m_decStart)];
}

void FeatureExtractor::decimateUpTo(int64_t end) {
    const float* h = m_decimator.data();
    constexpr int kTaps = 2 * kDecimatorHalf + 2;  // the last tap is zero
    std::array<float, kTaps> edge{};
    if (end <= m_decNext) return;
    size_t at = m_dec.size();
    m_dec.resize(at + static_cast<size_t>(end - m_decNext));
    float* dec = m_dec.data();
    // Output d's taps (16 kHz indices 2d - kDecimatorHalf .. 2d + kDecimatorHalf + 1) all lie in
    // the buffer for d in [fastFrom, fastEnd): that run needs no bounds test.
    const int64_t fastFrom = (m_bufStart + kDecimatorHalf + 1) / 2;
    const int64_t fastEnd = std::min(end, (m_total - kDecimatorHalf) / 2);
    while (m_decNext < end) {
        if (m_decNext >= fastFrom && m_decNext < fastEnd) {
            const float* x = m_buf.data() + (2 * m_decNext - kDecimatorHalf - m_bufStart);
            for (; m_decNext < fastEnd; ++m_decNext, ++at, x += 2) dec[at] = laneDot<kTaps>(h, x);
            continue;
        }
        const int64_t c = 2 * m_decNext;  // 16 kHz index of the tap centre
        for (int t = 0; t < kTaps; ++t)
            edge[static_cast<size_t>(t)] = sampleAt(c - kDecimatorHalf + t);
        dec[at++] = laneDot<kTaps>(h, edge.data());
        ++m_decNext;
    }
}

void FeatureExtractor::push(std::span<const float> samples) {
    const size_t at = m_buf.size();
    m_buf.resize(at + samples.size());
    float* out = m_buf.data() + at;
    // A damaged stream can decode to NaN, infinity or absurd values (float PCM is whatever its
    // bytes say). A sample outside +-kMaxSample, NaN included (every comparison with it is
    // false), is taken as 0, so that no energy overflows float. Any level below that is
    // analysed as it is.
    auto clean = [](float s) { return s <= kMaxSample && s >= -kMaxSample ? s : 0.0f; };
    const float* in = samples.data();
    const size_t n = samples.size();
    if (n > 0) {
        out[0] = clean(in[0]) - kPreEmphasis * m_prevSample;
        // Each output from its own two inputs (no value carried between iterations), four at a
        // time in explicit vectors (the compiler leaves the plain loop scalar, with branches).
        const Vec4 zero = {0.0f, 0.0f, 0.0f, 0.0f};
        const Vec4 k = {kPreEmphasis, kPreEmphasis, kPreEmphasis, kPreEmphasis};
        const Vec4 hi = {kMaxSample, kMaxSample, kMaxSample, kMaxSample};
        size_t i = 1;
        for (; i + 4 <= n; i += 4) {
            const Vec4 a = load4(in + i), b = load4(in + i - 1);
            const Vec4 ca = ((a <= hi) & (a >= -hi)) ? a : zero;
            const Vec4 cb = ((b <= hi) & (b >= -hi)) ? b : zero;
            const Vec4 y = ca - k * cb;
            std::memcpy(out + i, &y, sizeof y);
        }
        for (; i < n; ++i) out[i] = clean(in[i]) - kPreEmphasis * clean(in[i - 1]);
        m_prevSample = clean(in[n - 1]);
    }
    m_total += static_cast<int64_t>(samples.size());
    computeReadyFrames(false);
}

void FeatureExtractor::expectSamples(int64_t samples) {
    const int64_t frames = (std::max<int64_t>(0, samples) + kHopSamples - 1) / kHopSamples;
    m_frames.reserve(static_cast<size_t>(frames));
}

void FeatureExtractor::finish() {
    computeReadyFrames(true);
}

void FeatureExtractor::computeReadyFrames(bool atEnd) {
    const int64_t frameCount = (m_total + kHopSamples - 1) / kHopSamples;
    // Grow by an eighth rather than doubling: at 3 hours (1.08 M frames, 48 MB) doubling would
    // hold up to twice the frames, and old + new buffers while copying (about 140 MB).
    const auto wanted = static_cast<size_t>(std::max<int64_t>(0, frameCount));
    if (wanted > m_frames.capacity())
        m_frames.reserve(std::max(
            wanted,
            m_frames.capacity() + std::max<size_t>(m_frames.capacity() / 8, size_t{1} << 12)));
    for (;;) {
        if (m_nextFrame >= frameCount) break;
        const int64_t centre = m_nextFrame * kHopSamples + kHopSamples / 2;
        const int64_t d0 = centre / 2 - kPitchWindowSamples / 2;  // 8 kHz window start
        const int64_t decEnd = d0 + kPitchWindowSamples;
        // The last decimated sample's filter reaches kDecimatorHalf samples past it.
        if (!atEnd && 2 * (decEnd - 1) + kDecimatorHalf >= m_total) break;
        decimateUpTo(decEnd);
        const int64_t w0 = centre - kWindowSamples / 2;
        const float* pitch = m_dec.data() + (d0 - m_decStart);
        if (w0 >= m_bufStart && w0 + kWindowSamples <= m_total) {
            m_frames.push_back(computeFrame(
                {m_buf.data() + (w0 - m_bufStart), static_cast<size_t>(kWindowSamples)},
                {pitch, static_cast<size_t>(kPitchWindowSamples)}));
        } else {
            for (int i = 0; i < kWindowSamples; ++i) m_win[i] = sampleAt(w0 + i);
            m_frames.push_back(
                computeFrame(m_win, {pitch, static_cast<size_t>(kPitchWindowSamples)}));
        }
        ++m_nextFrame;
    }
    // Drop samples no future window or filter needs; compact in large steps to keep push() O(n).
    // At the end the next window starts past the last sample, and the buffers end there.
    const int64_t nextCentre = m_nextFrame * kHopSamples + kHopSamples / 2;
    const int64_t keepFrom =
        std::min({nextCentre - kWindowSamples / 2, 2 * m_decNext - kDecimatorHalf, m_total});
    if (keepFrom - m_bufStart > 1 << 16) {
        const auto drop = static_cast<size_t>(keepFrom - m_bufStart);
        m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(drop));
        m_bufStart = keepFrom;
    }
    const int64_t decKeepFrom =
        std::min(nextCentre / 2 - kPitchWindowSamples / 2,
                 m_decStart + static_cast<int64_t>(m_dec.size()));
    if (decKeepFrom - m_decStart > 1 << 15) {
        const auto drop = static_cast<size_t>(decKeepFrom - m_decStart);
        m_dec.erase(m_dec.begin(), m_dec.begin() + static_cast<std::ptrdiff_t>(drop));
        m_decStart = decKeepFrom;
    }
}

void FeatureExtractor::updateSpeechLlr(FrameFeatures& f) {
    constexpr int kLo = 200 * kWindowSamples / kSampleRate;  // bin 5
    static_assert(kLlrBins == 4000 * kWindowSamples / kSampleRate - kLo + 1 && kLlrBins % 4 == 0);
    constexpr float kInf = std::numeric_limits<float>::infinity();
    const float* p = m_power.data() + kLo;
    if (m_llrFrames == 0) {
        for (int k = 0; k < kLlrBins; ++k) m_smoothPower[k] = p[k] + kTiny;
        // No minimum yet: an infinite noise estimate, a ratio of 0. (The first frames' power,
        // barely smoothed, lies far below the noise's mean often enough to make a noise estimate
        // too low for seconds.)
        m_subMin.fill(kInf);
        for (auto& m : m_pastMin) m.fill(kInf);
        m_pastMinAll.fill(kInf);
    }
    // Every kLlrStride-th frame only, the frames between keeping its value: the ratio is averaged
    // over +-50 ms where it is used, and this halves its cost (each update is about 5 % of the
    // feature extractor's work).
    if (m_llrFrames++ % kLlrStride != 0) {
        f.speechLlr = m_lastLlr;
        return;
    }
    const bool tracking = m_llrFrames > kLlrWarmupFrames;
    // Four bins at a time in explicit vectors (see laneSum). Per bin: the a-posteriori SNR
    // (post), the decision-directed a-priori SNR (prio), and the log-likelihood ratio
    // post * prio / (1 + prio) - log(1 + prio); the logs are taken of products of sixteen
    // (1 + prio), each at most 101, so 8 logs a frame instead of 96.
    auto splat = [](float v) { return Vec4{v, v, v, v}; };
    const Vec4 one = splat(1.0f), zero = splat(0.0f), tiny = splat(kTiny);
    const Vec4 keep = splat(kLlrSmoothing), take = splat(1.0f - kLlrSmoothing);
    const Vec4 bias = splat(kNoiseBias), dd = splat(kDecisionDirected);
    const Vec4 fresh = splat(1.0f - kDecisionDirected);
    const Vec4 lo = splat(kMinPrioriSnr), hi = splat(kMaxPrioriSnr);
    auto store4 = [](float* dst, Vec4 v) { std::memcpy(dst, &v, sizeof v); };
    Vec4 terms = zero, prod = one;
    float logSum = 0.0f;
    for (int k = 0; k < kLlrBins; k += 4) {
        const Vec4 power = load4(p + k) + tiny;
        const Vec4 smooth = keep * load4(&m_smoothPower[k]) + take * power;
        store4(&m_smoothPower[k], smooth);
        if (tracking) {
            const Vec4 subMin = load4(&m_subMin[k]);
            store4(&m_subMin[k], smooth < subMin ? smooth : subMin);
        }
        const Vec4 subMin = load4(&m_subMin[k]), pastMin = load4(&m_pastMinAll[k]);
        const Vec4 post = power / (bias * (subMin < pastMin ? subMin : pastMin));
        const Vec4 excess = post > one ? post - one : zero;
        Vec4 prio = dd * load4(&m_prevSnr[k]) + fresh * excess;
        prio = prio < lo ? lo : prio;
        prio = prio > hi ? hi : prio;
        const Vec4 gain = prio / (one + prio);
        terms += post * gain;
        prod *= one + prio;
        store4(&m_prevSnr[k], gain * gain * post);  // the Wiener estimate's |S|^2 over the noise
        if (k % 64 == 60 || k + 4 == kLlrBins) {    // a product of up to sixteen per lane
            logSum +=
                (std::log(prod[0]) + std::log(prod[2])) + (std::log(prod[1]) + std::log(prod[3]));
            prod = one;
        }
    }
    f.speechLlr = ((terms[0] + terms[2]) + (terms[1] + terms[3]) - logSum) / kLlrBins;
    m_lastLlr = f.speechLlr;
    if (++m_subUpdates == kSubwindowUpdates) {
        m_subUpdates = 0;
        m_pastMin[static_cast<size_t>(m_subIndex)] = m_subMin;
        m_subIndex = (m_subIndex + 1) % kNoiseSubwindows;
        m_pastMinAll = m_pastMin[0];
        for (int u = 1; u < kNoiseSubwindows; ++u)
            for (int k = 0; k < kLlrBins; ++k)
                m_pastMinAll[k] = std::min(m_pastMinAll[k], m_pastMin[static_cast<size_t>(u)][k]);
        m_subMin.fill(kInf);
    }
}

FrameFeatures FeatureExtractor::computeFrame(std::span<const float> window,
                                             std::span<const float> pitchWindow) {
    assert(window.size() == kWindowSamples && pitchWindow.size() == kPitchWindowSamples);
    FrameFeatures f;
    // --- spectrum: band energy, flatness, MFCC
    const float mean =
        laneSum(window.data(), static_cast<int>(window.size())) / static_cast<float>(window.size());
    const float pmean = laneSum(pitchWindow.data(), static_cast<int>(pitchWindow.size())) /
                        static_cast<float>(pitchWindow.size());
    {
        // Both windows straight into the pair transform's input (kWindowSamples points: no
        // padding for the spectral window; the pitch window's padding stays zero).
        // Four samples of each at a time, interleaved into (real, imaginary) pairs.
        static_assert(kWindowSamples % 4 == 0 && kPitchWindowSamples % 4 == 0 &&
                      kPitchWindowSamples <= kWindowSamples);
        float* z = reinterpret_cast<float*>(m_pairFft.input().data());
        const Vec4 m = {mean, mean, mean, mean}, pm = {pmean, pmean, pmean, pmean};
        const Vec4 zero = {0.0f, 0.0f, 0.0f, 0.0f};
        for (int i = 0; i < kWindowSamples; i += 4) {
            const Vec4 re = (load4(window.data() + i) - m) * load4(m_hann.data() + i);
            const Vec4 im = i < kPitchWindowSamples ? (load4(pitchWindow.data() + i) - pm) *
                                                          load4(m_pitchHann.data() + i)
                                                    : zero;
            const Vec4 lo = __builtin_shufflevector(re, im, 0, 4, 1, 5);
            const Vec4 hi = __builtin_shufflevector(re, im, 2, 6, 3, 7);
            std::memcpy(z + 2 * i, &lo, sizeof lo);
            std::memcpy(z + 2 * i + 4, &hi, sizeof hi);
        }
    }
    m_pairFft.forward();
    m_pairFft.powers(m_power, m_pitchPower);
    // 200-4000 Hz: bins 5..100 at 40 Hz per bin
    constexpr int kLoBin = 200 * kWindowSamples / kSampleRate;
    constexpr int kHiBin = 4000 * kWindowSamples / kSampleRate;
    constexpr int kBins = kHiBin - kLoBin + 1;
    // The sum and the product in four double lanes (two 2-double vectors each; see laneSum), one
    // log for all 96 bins: each lane's product of 12 bins has its exponent split off (frexp,
    // exact) and only the mantissas (0.5 .. 1) are multiplied on. 12 bins of at most 1e25 each
    // stay inside double's range (speech reaches 1e8 here; louder is a broken file).
    static_assert(kBins % 48 == 0);
    using Vec2d = double __attribute__((vector_size(16)));
    const Vec2d tinyD = {kTiny, kTiny};
    Vec2d sumA{}, sumB{};
    double mantissa = 1.0;
    int exponent = 0;
    for (int k0 = kLoBin; k0 <= kHiBin; k0 += 48) {
        Vec2d prodA = {1.0, 1.0}, prodB = {1.0, 1.0};
        for (int k = k0; k < k0 + 48; k += 4) {
            const float* pk = m_power.data() + k;
            const Vec2d a = {pk[0], pk[1]}, b = {pk[2], pk[3]};
            sumA += a;
            sumB += b;
            prodA *= a + tinyD;
            prodB *= b + tinyD;
        }
        for (double lane : {prodA[0], prodA[1], prodB[0], prodB[1]}) {
            int e = 0;
            mantissa *= std::frexp(lane, &e);  // eight factors of 0.5 .. 1: no underflow
            exponent += e;
        }
    }
    const double sum = (sumA[0] + sumB[0]) + (sumA[1] + sumB[1]);
    const double logSum = std::log(mantissa) + exponent * std::numbers::ln2;
    // Parseval with the Hann power gain (0.375): the one-sided sum of |X|^2 of an N-point FFT of
    // a W-sample frame is N/2 * 0.375 * W * mean power, so a full-scale sine reads -3 dB.
    const double norm = 0.375 * kWindowSamples * kWindowSamples / 2.0;
    f.logEnergy = static_cast<float>(10.0 * std::log10(sum / norm + 1e-10));
    const double arith = sum / kBins + kTiny;
    f.flatness = static_cast<float>(std::clamp(std::exp(logSum / kBins) / arith, 0.0, 1.0));
    std::array<float, kMelBands> mel{};
    for (int b = 0; b < kMelBands; ++b) {
        const MelBand& band = m_melBands[static_cast<size_t>(b)];
        const float* w = m_melWeights.data() + band.weightOffset;
        const float* p = m_power.data() + band.firstBin;
        mel[static_cast<size_t>(b)] = laneDot(w, p, band.bins);
    }
    for (auto& m : mel) m = std::log(m / static_cast<float>(norm) + 1e-8f);
    std::array<float, kMfccCount> cep{};
    for (int b = 0; b < kMelBands; ++b)
        for (int c = 0; c < kMfccCount; ++c) cep[c] += m_dctT[b][c] * mel[b];
    for (int c = 0; c < kMfccCount; ++c) f.setMfcc(c, cep[c]);
    updateSpeechLlr(f);
    // --- pitch: normalised autocorrelation via |FFT|^2 at 8 kHz, corrected for the window taper
    m_pitchFft.inverseOfPower(m_pitchPower);
    {
        const float* out = m_pitchFft.output().data();
        const float scale = 1.0f / static_cast<float>(m_pitchFft.size());
        for (int lag = 0; lag < kMaxLag + 2; ++lag) m_acf[lag] = out[lag] * scale;
    }
    const float r0 = m_acf[0];
    if (r0 > 1e-9f) {
        float* nacf = m_nacf.data();
        const float invR0 = 1.0f / r0;
        for (int lag = kShortestLag - 1; lag <= kMaxLag + 1; ++lag)
            nacf[lag] = m_acf[lag] * invR0 * m_invHannAcf[lag];
        auto isPeak = [nacf](int lag) {
            return nacf[lag - 1] <= nacf[lag] && nacf[lag + 1] <= nacf[lag];
        };
        // The highest peak in the voice range (the first lag holding it): the peak heights four
        // lags at a time, then one scan for where the highest is.
        // Two running maxima (a max is exact, so how the lags are split does not matter): half
        // the dependency chain.
        Vec4 top = {0.0f, 0.0f, 0.0f, 0.0f}, top2 = top;
        int lag = kMinLag;
        for (; lag + 8 <= kMaxLag + 1; lag += 8) {
            const Vec4 v = load4(nacf + lag), w = load4(nacf + lag + 4);
            const auto peak = (load4(nacf + lag - 1) <= v) & (load4(nacf + lag + 1) <= v);
            const auto peak2 = (load4(nacf + lag + 3) <= w) & (load4(nacf + lag + 5) <= w);
            top = (peak & (v > top)) ? v : top;
            top2 = (peak2 & (w > top2)) ? w : top2;
        }
        for (; lag + 4 <= kMaxLag + 1; lag += 4) {
            const Vec4 v = load4(nacf + lag);
            const auto peak = (load4(nacf + lag - 1) <= v) & (load4(nacf + lag + 1) <= v);
            top = (peak & (v > top)) ? v : top;
        }
        top = top2 > top ? top2 : top;
        float bestVal = std::max(std::max(top[0], top[1]), std::max(top[2], top[3]));
        for (; lag <= kMaxLag; ++lag)
            if (nacf[lag] > bestVal && isPeak(lag)) bestVal = nacf[lag];
        // Both searches below test four lags at a time, then take the first lane that passes:
        // the same lag as a one-by-one scan.
        int best = -1;
        if (bestVal > 0.0f) {
            const Vec4 want = {bestVal, bestVal, bestVal, bestVal};
            int l = kMinLag;
            for (; best < 0 && l + 4 <= kMaxLag + 1; l += 4) {
                const Vec4 v = load4(nacf + l);
                const int j = firstLane((v == want) & (load4(nacf + l - 1) <= v) &
                                        (load4(nacf + l + 1) <= v));
                if (j >= 0) best = l + j;
            }
            for (; best < 0 && l <= kMaxLag; ++l)
                if (nacf[l] == bestVal && isPeak(l)) best = l;
        }
        if (best > 0) {
            const Peak bestPeak = parabolicPeak(nacf[best - 1], nacf[best], nacf[best + 1]);
            // The fundamental is the first peak (from 2 kHz down) nearly as strong as the best:
            // avoids octave-low errors, and exposes whistles, squeaks and electrical tones,
            // whose period is shorter than any voice's. Interpolated heights, since a short
            // period falls between lags.
            const float need = 0.9f * bestPeak.height;
            int period = best;
            Peak peak = bestPeak;
            const Vec4 needV = {need, need, need, need};
            int l = kShortestLag;
            for (; l + 4 <= best; l += 4) {
                const Vec4 y0 = load4(nacf + l - 1), y1 = load4(nacf + l), y2 = load4(nacf + l + 1);
                const Mask4 peaks = (y0 <= y1) & (y2 <= y1);
                if (firstLane(peaks) < 0) continue;  // most runs of four lags hold no peak
                const int j = firstLane(peaks & (parabolicHeights(y0, y1, y2) >= needV));
                if (j >= 0) {
                    l += j;
                    break;
                }
            }
            for (; l < best; ++l) {
                if (!isPeak(l)) continue;
                const Peak p = parabolicPeak(nacf[l - 1], nacf[l], nacf[l + 1]);
                if (p.height >= need) {
                    period = l;
                    peak = p;
                    break;
                }
            }
            if (period >= kMinLag) {
                f.pitchHz = kPitchRate / (static_cast<float>(period) + peak.shift);
                f.voicing = std::clamp(bestPeak.height, 0.0f, 1.0f);
            }
        }
    }
    return f;
}

}  // namespace ll::analysis
