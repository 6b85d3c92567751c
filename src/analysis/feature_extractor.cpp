#include "analysis/feature_extractor.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ll::analysis {

namespace {

constexpr int kMelBands = 24;
constexpr float kPreEmphasis = 0.95f;  // also keeps ventilation hum out of the pitch tracker
constexpr float kTiny = 1e-10f;

float hzToMel(float hz) {
    return 2595.0f * std::log10(1.0f + hz / 700.0f);
}
float melToHz(float mel) {
    return 700.0f * (std::pow(10.0f, mel / 2595.0f) - 1.0f);
}

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
    double r0 = 0;
    for (int i = 0; i < kPitchWindowSamples; ++i) r0 += m_pitchHann[i] * m_pitchHann[i];
    for (int lag = 0; lag < kPitchWindowSamples; ++lag) {
        double r = 0;
        for (int i = 0; i + lag < kPitchWindowSamples; ++i)
            r += m_pitchHann[i] * m_pitchHann[i + lag];
        m_hannAcf[lag] = static_cast<float>(r / r0);
    }
    // Triangular mel filters over the 257 bins of a 512-point spectrum.
    const float lo = hzToMel(100.0f), hi = hzToMel(7600.0f);
    std::array<float, kMelBands + 2> edges{};
    for (int b = 0; b < kMelBands + 2; ++b)
        edges[b] = melToHz(lo + (hi - lo) * b / (kMelBands + 1)) * 512.0f / kSampleRate;
    for (int b = 0; b < kMelBands; ++b) {
        for (int k = static_cast<int>(edges[b]);
             k <= static_cast<int>(edges[b + 2]) + 1 && k <= 256; ++k) {
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
            m_dct[c][b] = static_cast<float>(std::cos(pi * (c + 1) * (b + 0.5) / kMelBands) *
                                             std::sqrt(2.0 / kMelBands));
    m_win.resize(kWindowSamples);
    m_pwin.resize(kPitchWindowSamples);
    m_pwork.resize(kPitchWindowSamples);
    m_power.resize(257);
    m_acf.resize(1024);
    m_nacf.resize(kPitchWindowSamples);
}

float FeatureExtractor::sampleAt(int64_t index) const {
    if (index < m_bufStart || index >= m_total) return 0.0f;
    return m_buf[static_cast<size_t>(index - m_bufStart)];
}

void FeatureExtractor::push(std::span<const float> samples) {
    m_buf.reserve(m_buf.size() + samples.size());
    for (float s : samples) {
        if (!std::isfinite(s)) s = 0.0f;
        m_buf.push_back(s - kPreEmphasis * m_prevSample);
        m_prevSample = s;
    }
    m_total += static_cast<int64_t>(samples.size());
    computeReadyFrames(false);
}

void FeatureExtractor::finish() {
    computeReadyFrames(true);
}

void FeatureExtractor::computeReadyFrames(bool atEnd) {
    const int64_t frameCount = (m_total + kHopSamples - 1) / kHopSamples;
    // Grow by an eighth rather than doubling: at 3 hours (1.08 M frames, 43 MB) doubling would
    // hold up to twice the frames, and old + new buffers while copying (about 126 MB).
    const auto wanted = static_cast<size_t>(std::max<int64_t>(0, frameCount));
    if (wanted > m_frames.capacity())
        m_frames.reserve(std::max(
            wanted,
            m_frames.capacity() + std::max<size_t>(m_frames.capacity() / 8, size_t{1} << 12)));
    for (;;) {
        if (m_nextFrame >= frameCount) break;
        const int64_t centre = m_nextFrame * kHopSamples + kHopSamples / 2;
        const int64_t pitchEnd = centre + kPitchWindowSamples / 2;
        if (!atEnd && pitchEnd > m_total) break;
        const int64_t p0 = centre - kPitchWindowSamples / 2;
        const int64_t w0 = centre - kWindowSamples / 2;
        if (p0 >= m_bufStart && pitchEnd <= m_total) {
            // The usual case: both windows lie inside the buffer (the spectral one is inside
            // the pitch one); no copies.
            const float* p = m_buf.data() + (p0 - m_bufStart);
            m_frames.push_back(computeFrame({p + (w0 - p0), static_cast<size_t>(kWindowSamples)},
                                            {p, static_cast<size_t>(kPitchWindowSamples)}));
        } else {
            for (int i = 0; i < kWindowSamples; ++i) m_win[i] = sampleAt(w0 + i);
            for (int i = 0; i < kPitchWindowSamples; ++i) m_pwin[i] = sampleAt(p0 + i);
            m_frames.push_back(computeFrame(m_win, m_pwin));
        }
        ++m_nextFrame;
    }
    // Drop samples no future window needs; compact in large steps to keep push() O(n).
    const int64_t keepFrom = m_nextFrame * kHopSamples + kHopSamples / 2 - kPitchWindowSamples / 2;
    if (keepFrom - m_bufStart > 1 << 16) {
        const auto drop = static_cast<size_t>(keepFrom - m_bufStart);
        m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(drop));
        m_bufStart = keepFrom;
    }
}

FrameFeatures FeatureExtractor::computeFrame(std::span<const float> window,
                                             std::span<const float> pitchWindow) {
    FrameFeatures f;
    // --- spectrum: band energy, flatness, MFCC
    std::array<float, kWindowSamples> x;
    float mean = 0;
    for (size_t i = 0; i < window.size(); ++i) mean += window[i];
    mean /= static_cast<float>(window.size());
    for (size_t i = 0; i < window.size(); ++i) x[i] = (window[i] - mean) * m_hann[i];
    m_fft512.powerSpectrum(x, std::span<float>(m_power));
    // 200-4000 Hz: bins 7..128 at 31.25 Hz per bin
    constexpr int kLoBin = 7, kHiBin = 128;
    double sum = 0, logSum = 0;
    for (int k = kLoBin; k <= kHiBin; ++k) {
        sum += m_power[k];
        logSum += std::log(m_power[k] + kTiny);
    }
    constexpr int kBins = kHiBin - kLoBin + 1;
    // Parseval with the Hann power gain (0.375): the one-sided sum of |X|^2 of a 512-point FFT of
    // a 400-sample frame is 512/2 * 0.375 * 400 * mean power, so a full-scale sine reads -3 dB.
    const double norm = 0.375 * kWindowSamples * 512 / 2.0;
    f.logEnergy = static_cast<float>(10.0 * std::log10(sum / norm + 1e-10));
    const double arith = sum / kBins + kTiny;
    f.flatness = static_cast<float>(std::clamp(std::exp(logSum / kBins) / arith, 0.0, 1.0));
    std::array<float, kMelBands> mel{};
    for (int b = 0; b < kMelBands; ++b) {
        const MelBand& band = m_melBands[static_cast<size_t>(b)];
        const float* w = m_melWeights.data() + band.weightOffset;
        const float* p = m_power.data() + band.firstBin;
        float acc = 0.0f;
        for (int i = 0; i < band.bins; ++i) acc += w[i] * p[i];
        mel[static_cast<size_t>(b)] = acc;
    }
    for (auto& m : mel) m = std::log(m / static_cast<float>(norm) + 1e-8f);
    for (int c = 0; c < kMfccCount; ++c) {
        float acc = 0;
        for (int b = 0; b < kMelBands; ++b) acc += m_dct[c][b] * mel[b];
        f.setMfcc(c, acc);
    }
    // --- pitch: normalised autocorrelation via |FFT|^2, corrected for the window taper
    float pmean = 0;
    for (float s : pitchWindow) pmean += s;
    pmean /= static_cast<float>(pitchWindow.size());
    for (size_t i = 0; i < pitchWindow.size(); ++i)
        m_pwork[i] = (pitchWindow[i] - pmean) * m_pitchHann[i];
    constexpr int kMinLag = static_cast<int>(kSampleRate / kMaxPitchHz);
    constexpr int kMaxLag = static_cast<int>(kSampleRate / kMinPitchHz);
    m_fft1024.autocorrelation(m_pwork, m_acf, kMaxLag + 2);
    const float r0 = m_acf[0];
    if (r0 > 1e-9f) {
        const int minLag = kMinLag;
        const int maxLag = kMaxLag;
        // normalised autocorrelation, lags 7..maxLag+1, computed once
        float* nacfTable = m_nacf.data();
        for (int lag = 7; lag <= maxLag + 1; ++lag)
            nacfTable[lag] = m_acf[lag] / (r0 * m_hannAcf[lag]);
        auto nacf = [nacfTable](int lag) { return nacfTable[lag]; };
        int best = -1;
        float bestVal = 0.0f;
        for (int lag = minLag; lag <= maxLag; ++lag) {
            const float v = nacf(lag);
            if (v > bestVal && nacf(lag - 1) <= v && nacf(lag + 1) <= v) {
                bestVal = v;
                best = lag;
            }
        }
        if (best > 0) {
            // The fundamental is the first peak (from 2 kHz down) nearly as strong as the best:
            // avoids octave-low errors, and exposes whistles, squeaks and electrical tones,
            // whose period is shorter than any voice's.
            const float need = 0.9f * bestVal;
            int period = best;
            for (int lag = 8; lag < best; ++lag) {
                const float v = nacf(lag);
                if (v >= need && nacf(lag - 1) <= v && nacf(lag + 1) <= v) {
                    period = lag;
                    break;
                }
            }
            if (period >= minLag) {
                // parabolic interpolation of the peak for sub-sample precision
                const float y0 = nacf(period - 1), y1 = nacf(period), y2 = nacf(period + 1);
                const float den = y0 - 2 * y1 + y2;
                const float shift =
                    den < 0 ? std::clamp(0.5f * (y0 - y2) / den, -0.5f, 0.5f) : 0.0f;
                f.pitchHz = kSampleRate / (static_cast<float>(period) + shift);
                f.voicing = std::clamp(bestVal, 0.0f, 1.0f);
            }
        }
    }
    return f;
}

}  // namespace ll::analysis
