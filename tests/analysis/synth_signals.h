#pragma once
// Synthetic test signals at 16 kHz, built in C++ so unit tests need no files.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace ll::analysis::test {

inline std::vector<float> sine(double hz, double seconds, double amplitude = 0.5) {
    std::vector<float> x(static_cast<size_t>(seconds * 16000));
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>(
            amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / 16000.0));
    return x;
}

inline std::vector<float> whiteNoise(double seconds, double rms, uint32_t seed = 1) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, static_cast<float>(rms));
    std::vector<float> x(static_cast<size_t>(seconds * 16000));
    for (auto& v : x) v = n(rng);
    return x;
}

// A crude voiced sound: a glottal pulse train about f0, gliding as speech does, through two
// formant resonators (500 and 1500 Hz), with a syllable-rate (4 Hz) amplitude envelope when
// `syllables` is set.
inline std::vector<float> voice(double f0, double seconds, double amplitude = 0.3,
                                bool syllables = true) {
    const size_t n = static_cast<size_t>(seconds * 16000);
    std::vector<float> x(n, 0.0f);
    double phase = 0;
    for (size_t i = 0; i < n; ++i) {
        // Intonation: the pitch glides +-2 % (0.03 octave) about f0 once a second or so, as
        // speech's does; a pitch held still for a second is a tone, not a voice.
        const double t = static_cast<double>(i) / 16000.0;
        phase += f0 * std::exp2(0.03 * std::sin(2 * std::numbers::pi * 0.9 * t)) / 16000.0;
        if (phase >= 1.0) {
            phase -= 1.0;
            x[i] = 1.0f;
        }
    }
    auto resonate = [&](double f, double bw) {
        const double r = std::exp(-std::numbers::pi * bw / 16000.0);
        const double c = 2 * r * std::cos(2 * std::numbers::pi * f / 16000.0);
        double y1 = 0, y2 = 0;
        for (auto& v : x) {
            const double y = v + c * y1 - r * r * y2;
            y2 = y1;
            y1 = y;
            v = static_cast<float>(y);
        }
    };
    resonate(500, 80);
    resonate(1500, 120);
    double peak = 1e-9;
    for (float v : x) peak = std::max(peak, static_cast<double>(std::abs(v)));
    for (size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / 16000.0;
        const double env = syllables ? 0.55 + 0.45 * std::sin(2 * std::numbers::pi * 4.0 * t) : 1.0;
        x[i] = static_cast<float>(x[i] / peak * amplitude * env);
    }
    return x;
}

// `x` dying away as a sound does in a room with this RT60: 60 dB down after rt60 seconds.
inline std::vector<float> decaying(std::vector<float> x, double rt60) {
    for (size_t i = 0; i < x.size(); ++i)
        x[i] *= static_cast<float>(std::pow(10.0, -3.0 * static_cast<double>(i) / 16000.0 / rt60));
    return x;
}

inline void addInto(std::vector<float>& dst, const std::vector<float>& src, size_t at,
                    float gain = 1.0f) {
    for (size_t i = 0; i < src.size() && at + i < dst.size(); ++i) dst[at + i] += gain * src[i];
}

}  // namespace ll::analysis::test
