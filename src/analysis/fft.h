#pragma once
// A small radix-2 FFT for real signals. Hand-written on purpose: ARCHITECTURE.md keeps FFmpeg
// (and its av_tx FFT) out of src/analysis, and the sizes we need (512, 1024) are tiny, so an
// iterative Cooley-Tukey transform of half size plus the usual real-signal split is enough.
// Data is kept as separate real and imaginary arrays, loaded in bit-reversed order, with one
// contiguous twiddle table per stage, so the butterflies vectorise (SSE2, or an AVX2 clone where
// the CPU has it) and nothing is allocated per call: about 1-2 us per transform. The arithmetic
// (and so every rounding) is that of the textbook interleaved std::complex form.

#include <complex>
#include <cstdint>
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
    // |X[k]|^2 into power[0..size/2] (power.size() > size/2); no allocation.
    void powerSpectrum(std::span<const float> in, std::span<float> power);
    // Circular autocorrelation of `in` (zero-padded to size()): realInverse of |X|^2, the first
    // `lags` values only (lags <= size). Same results as the two calls, without the
    // complex round trip.
    void autocorrelation(std::span<const float> in, std::span<float> out, size_t lags);

private:
    void loadReal(std::span<const float> in);  // even/odd samples into m_re/m_im
    void forwardSplit();                       // m_re/m_im (transformed) -> m_xr/m_xi, k <= half
    void complexTransform(bool inverse);       // in place on m_re/m_im

    size_t m_size;
    size_t m_half;
    // Per stage (len = 2, 4, ..., half): twiddles exp(-+2 pi i j / len), j < len/2, stored
    // contiguously from m_stageOffset[s]; the same float values as exp(-2 pi i k / half) at
    // k = j * half / len.
    std::vector<float> m_twRe, m_twIm, m_twImInv;
    std::vector<size_t> m_stageOffset;
    std::vector<float> m_splitRe, m_splitIm;  // exp(-2 pi i k / size), k <= half
    std::vector<uint32_t> m_bitReverse;       // for the half-size transform
    std::vector<float> m_re, m_im;            // half-size complex work array
    std::vector<float> m_xr, m_xi;            // spectrum, k <= half
};

}  // namespace ll::analysis
