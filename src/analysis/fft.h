#pragma once
// A small radix-2 FFT for real signals. Hand-written on purpose: ARCHITECTURE.md keeps FFmpeg
// (and its av_tx FFT) out of src/analysis, and the sizes we need (512, 1024) are tiny, so an
// iterative Cooley-Tukey transform of half size plus the usual real-signal split is enough
// (a few microseconds per 1024 points).

#include <complex>
#include <span>
#include <vector>

namespace ll::analysis {

// Holds tables and scratch: use one instance per size from one thread.
class Fft {
public:
    explicit Fft(size_t size);  // size: a power of two >= 4
    size_t size() const { return m_size; }

    // Spectrum X[0..size/2] of real `in` (zero-padded to size()); no scaling.
    void realForward(std::span<const float> in, std::span<std::complex<float>> out);
    // Inverse of realForward: `in` holds X[0..size/2] of a real signal; writes size() samples
    // scaled by 1/size, so realInverse(realForward(x)) == x.
    void realInverse(std::span<const std::complex<float>> in, std::span<float> out);
    // |X[k]|^2, k = 0..size/2.
    void powerSpectrum(std::span<const float> in, std::vector<float>& power);

private:
    void complexTransform(std::vector<std::complex<float>>& data, bool inverse) const;

    size_t m_size;
    size_t m_half;
    std::vector<std::complex<float>> m_twiddles;     // exp(-2 pi i k / half), k < half/2
    std::vector<std::complex<float>> m_twiddlesInv;  // conjugates
    std::vector<std::complex<float>> m_split;        // exp(-2 pi i k / size), k <= half
    std::vector<uint32_t> m_bitReverse;              // for the half-size transform
    std::vector<std::complex<float>> m_z;
    std::vector<std::complex<float>> m_spec;
};

}  // namespace ll::analysis
