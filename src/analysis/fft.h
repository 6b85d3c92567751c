#pragma once
// Real-signal FFTs for the talk-time engine, on FFTW3 (single precision, Debian's libfftw3f).
// Plans are made once per instance with FFTW_ESTIMATE: the planner picks the same algorithm on
// every run (FFTW_MEASURE would time candidates and could pick another one, changing the last
// bits of results from run to run). Per call there is no allocation; buffers are FFTW's aligned
// ones, so its SIMD codelets apply.

#include <complex>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace ll::analysis {

namespace detail {
// Owners of FFTW's aligned buffers (fftwf_free) and of its plans (fftwf_destroy_plan, under the
// planner's lock), so the transform classes below move and destroy by default.
struct FftwFree {
    void operator()(void* p) const;
};
struct FftwPlanDestroy {
    void operator()(void* p) const;
};
template <typename T>
using FftwBuffer = std::unique_ptr<T, FftwFree>;
using FftwPlan = std::unique_ptr<void, FftwPlanDestroy>;
}  // namespace detail

// Holds plans and buffers: use one instance per size from one thread. Creating and destroying
// instances is safe from any thread (the planner, which is not thread-safe, is locked).
class Fft {
public:
    explicit Fft(size_t size);  // size: even, >= 4
    Fft(Fft&& other) noexcept = default;
    Fft& operator=(Fft&& other) noexcept = default;
    Fft(const Fft&) = delete;
    Fft& operator=(const Fft&) = delete;

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
    // Circular autocorrelation of `in` (zero-padded to size()): the inverse transform of |X|^2,
    // first `lags` values (lags <= size), scaled as realInverse. Linear (not wrapped) for lags
    // below size() - in.size().
    void autocorrelation(std::span<const float> in, std::span<float> out, size_t lags);

    // In-place use without copies (the feature extractor's per-frame path). input(): size()
    // floats that forward() transforms; nothing but the caller writes them, so zero padding
    // written once stays. forward() leaves X[0..size/2] in spectrum(). powerToAutocorrelation()
    // replaces the spectrum by |X|^2 and transforms it back into output(), unscaled (size()
    // times the autocorrelation). Results are the same, bit for bit, as the calls above.
    std::span<float> input() { return {m_real.get(), m_size}; }
    void forward();
    std::span<const std::complex<float>> spectrum() const;
    void powerToAutocorrelation();
    std::span<const float> output() const { return {m_out.get(), m_size}; }
    // The inverse transform of the real spectrum power[0..size/2] into output(), unscaled: for a
    // power spectrum |X|^2, size() times the circular autocorrelation (as
    // powerToAutocorrelation).
    void inverseOfPower(std::span<const float> power);

private:
    void load(std::span<const float> in);  // into m_real, zero-padded

    size_t m_size = 0;
    detail::FftwBuffer<float> m_real;     // size() floats (fftwf_alloc_real), forward input
    detail::FftwBuffer<float> m_out;      // size() floats, inverse output
    detail::FftwBuffer<void> m_spectrum;  // size()/2 + 1 fftwf_complex
    detail::FftwPlan m_forward;           // m_real -> m_spectrum (input preserved)
    detail::FftwPlan m_inverse;           // m_spectrum -> m_out (spectrum destroyed)
};

// Transforms of two real signals of one size from one complex transform of x + i y: FFTW's
// complex transform at 400 points costs about what its real one does (0.27 against 0.26 us on
// the development machine), so a pair costs half. The spectra are separated afterwards
// (X[k] = (Z[k] + conj Z[N-k]) / 2, Y[k] = (Z[k] - conj Z[N-k]) / 2i). Results equal two real
// transforms' to float rounding, not bit for bit. Same threading rules as Fft.
class RealPairFft {
public:
    explicit RealPairFft(size_t size);  // size: even, >= 4
    RealPairFft(RealPairFft&& other) noexcept = default;
    RealPairFft& operator=(RealPairFft&& other) noexcept = default;
    RealPairFft(const RealPairFft&) = delete;
    RealPairFft& operator=(const RealPairFft&) = delete;

    size_t size() const { return m_size; }

    // size() complex samples: the first signal in the real parts, the second in the imaginary
    // parts. Starts zeroed; only the caller writes it, so zero padding written once stays.
    std::span<std::complex<float>> input();
    void forward();
    // After forward(): |X[k]|^2 into first[k] and |Y[k]|^2 into second[k], k = 0..size/2 (both
    // spans at least size/2 + 1 long).
    void powers(std::span<float> first, std::span<float> second) const;

private:
    size_t m_size = 0;
    detail::FftwBuffer<void> m_in;   // size() fftwf_complex
    detail::FftwBuffer<void> m_out;  // size() fftwf_complex
    detail::FftwPlan m_plan;         // m_in -> m_out (input preserved)
};

}  // namespace ll::analysis
