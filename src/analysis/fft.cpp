#include "analysis/fft.h"

#include <fftw3.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <mutex>

namespace ll::analysis {

namespace {
// FFTW's planner (plan creation and destruction) is not thread-safe; fftwf_execute is.
std::mutex& plannerMutex() {
    static std::mutex m;
    return m;
}
fftwf_complex* spectrumOf(void* p) {
    return static_cast<fftwf_complex*>(p);
}
}  // namespace

void detail::FftwFree::operator()(void* p) const {
    fftwf_free(p);
}

void detail::FftwPlanDestroy::operator()(void* p) const {
    std::lock_guard lock(plannerMutex());
    fftwf_destroy_plan(static_cast<fftwf_plan>(p));
}

Fft::Fft(size_t size) : m_size(size) {
    assert(size >= 4 && size % 2 == 0);
    std::lock_guard lock(plannerMutex());
    m_real.reset(fftwf_alloc_real(m_size));
    m_out.reset(fftwf_alloc_real(m_size));
    auto* spec = fftwf_alloc_complex(m_size / 2 + 1);
    m_spectrum.reset(spec);
    const int n = static_cast<int>(m_size);
    // FFTW_ESTIMATE never touches the arrays while planning; c2r may overwrite its input, which
    // is scratch here.
    m_forward.reset(fftwf_plan_dft_r2c_1d(n, m_real.get(), spec, FFTW_ESTIMATE));
    m_inverse.reset(
        fftwf_plan_dft_c2r_1d(n, spec, m_out.get(), FFTW_ESTIMATE | FFTW_DESTROY_INPUT));
    std::fill_n(m_real.get(), m_size, 0.0f);
}

void Fft::load(std::span<const float> in) {
    assert(in.size() <= m_size);
    std::copy(in.begin(), in.end(), m_real.get());
    std::fill(m_real.get() + in.size(), m_real.get() + m_size, 0.0f);
}

void Fft::realForward(std::span<const float> in, std::span<std::complex<float>> out) {
    assert(out.size() >= m_size / 2 + 1);
    load(in);
    fftwf_execute(static_cast<fftwf_plan>(m_forward.get()));
    const fftwf_complex* x = spectrumOf(m_spectrum.get());
    for (size_t k = 0; k <= m_size / 2; ++k) out[k] = {x[k][0], x[k][1]};
}

void Fft::realInverse(std::span<const std::complex<float>> in, std::span<float> out) {
    assert(in.size() >= m_size / 2 + 1 && out.size() >= m_size);
    fftwf_complex* x = spectrumOf(m_spectrum.get());
    for (size_t k = 0; k <= m_size / 2; ++k) {
        x[k][0] = in[k].real();
        x[k][1] = in[k].imag();
    }
    fftwf_execute(static_cast<fftwf_plan>(m_inverse.get()));
    const float s = 1.0f / static_cast<float>(m_size);
    for (size_t i = 0; i < m_size; ++i) out[i] = m_out.get()[i] * s;
}

void Fft::powerSpectrum(std::span<const float> in, std::span<float> power) {
    assert(power.size() >= m_size / 2 + 1);
    load(in);
    fftwf_execute(static_cast<fftwf_plan>(m_forward.get()));
    const fftwf_complex* x = spectrumOf(m_spectrum.get());
    for (size_t k = 0; k <= m_size / 2; ++k) power[k] = x[k][0] * x[k][0] + x[k][1] * x[k][1];
}

void Fft::powerSpectrum(std::span<const float> in, std::vector<float>& power) {
    power.resize(m_size / 2 + 1);
    powerSpectrum(in, std::span<float>(power));
}

void Fft::autocorrelation(std::span<const float> in, std::span<float> out, size_t lags) {
    assert(lags <= m_size && out.size() >= lags);
    load(in);
    forward();
    powerToAutocorrelation();
    const float s = 1.0f / static_cast<float>(m_size);
    for (size_t i = 0; i < lags; ++i) out[i] = m_out.get()[i] * s;
}

void Fft::forward() {
    fftwf_execute(static_cast<fftwf_plan>(m_forward.get()));
}

std::span<const std::complex<float>> Fft::spectrum() const {
    // fftwf_complex (float[2]) and std::complex<float> share one layout (FFTW manual 4.1.1).
    return {reinterpret_cast<const std::complex<float>*>(m_spectrum.get()), m_size / 2 + 1};
}

void Fft::powerToAutocorrelation() {
    fftwf_complex* x = spectrumOf(m_spectrum.get());
    for (size_t k = 0; k <= m_size / 2; ++k) {
        x[k][0] = x[k][0] * x[k][0] + x[k][1] * x[k][1];
        x[k][1] = 0.0f;
    }
    fftwf_execute(static_cast<fftwf_plan>(m_inverse.get()));
}

void Fft::inverseOfPower(std::span<const float> power) {
    assert(power.size() >= m_size / 2 + 1);
    fftwf_complex* x = spectrumOf(m_spectrum.get());
    for (size_t k = 0; k <= m_size / 2; ++k) {
        x[k][0] = power[k];
        x[k][1] = 0.0f;
    }
    fftwf_execute(static_cast<fftwf_plan>(m_inverse.get()));
}

RealPairFft::RealPairFft(size_t size) : m_size(size) {
    assert(size >= 4 && size % 2 == 0);
    std::lock_guard lock(plannerMutex());
    auto* in = fftwf_alloc_complex(m_size);
    auto* out = fftwf_alloc_complex(m_size);
    m_in.reset(in);
    m_out.reset(out);
    // Out of place: the input survives the transform, so its zero padding stays.
    m_plan.reset(fftwf_plan_dft_1d(static_cast<int>(m_size), in, out, FFTW_FORWARD, FFTW_ESTIMATE));
    std::fill_n(reinterpret_cast<float*>(in), 2 * m_size, 0.0f);
}

std::span<std::complex<float>> RealPairFft::input() {
    // fftwf_complex (float[2]) and std::complex<float> share one layout (FFTW manual 4.1.1).
    return {reinterpret_cast<std::complex<float>*>(m_in.get()), m_size};
}

void RealPairFft::forward() {
    fftwf_execute(static_cast<fftwf_plan>(m_plan.get()));
}

void RealPairFft::powers(std::span<float> first, std::span<float> second) const {
    assert(first.size() >= m_size / 2 + 1 && second.size() >= m_size / 2 + 1);
    const float* z = reinterpret_cast<const float*>(m_out.get());  // re, im, re, im, ...
    const size_t n = m_size, half = m_size / 2;
    // a = Z[k], b = Z[N-k]: 2X = (a.re + b.re) + i (a.im - b.im), 2Y = (a.im + b.im) - i (a.re -
    // b.re); so 4|X|^2 = sr^2 + di^2 and 4|Y|^2 = si^2 + dr^2 with s = a + b, d = a - b.
    auto pair = [&](size_t k, size_t j) {
        const float sr = z[2 * k] + z[2 * j], di = z[2 * k + 1] - z[2 * j + 1];
        const float si = z[2 * k + 1] + z[2 * j + 1], dr = z[2 * k] - z[2 * j];
        first[k] = 0.25f * (sr * sr + di * di);
        second[k] = 0.25f * (si * si + dr * dr);
    };
    pair(0, 0);
    // Four bins at a time in explicit vectors (two complex numbers each; GCC leaves the plain
    // loop scalar): the same operations in the same order, so the same values.
    using V = float __attribute__((vector_size(16)));
    auto load = [](const float* p) {
        V v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    const V quarter = {0.25f, 0.25f, 0.25f, 0.25f};
    size_t k = 1;
    for (; k + 3 <= half; k += 4) {
        // Z[k], Z[k+1] against Z[N-k], Z[N-k-1] (loaded as N-k-1, N-k and swapped).
        const V a1 = load(z + 2 * k), a2 = load(z + 2 * k + 4);
        const V r1 = load(z + 2 * (n - k - 1)), r2 = load(z + 2 * (n - k - 3));
        const V b1 = __builtin_shufflevector(r1, r1, 2, 3, 0, 1);
        const V b2 = __builtin_shufflevector(r2, r2, 2, 3, 0, 1);
        const V s1 = a1 + b1, d1 = a1 - b1, s2 = a2 + b2, d2 = a2 - b2;
        const V q1 = s1 * s1, e1 = d1 * d1, q2 = s2 * s2, e2 = d2 * d2;
        // (sr^2 + di^2, si^2 + dr^2) per complex number: first, second, first, second.
        const V u1 = quarter * (q1 + __builtin_shufflevector(e1, e1, 1, 0, 3, 2));
        const V u2 = quarter * (q2 + __builtin_shufflevector(e2, e2, 1, 0, 3, 2));
        const V f = __builtin_shufflevector(u1, u2, 0, 2, 4, 6);
        const V g = __builtin_shufflevector(u1, u2, 1, 3, 5, 7);
        std::memcpy(first.data() + k, &f, sizeof f);
        std::memcpy(second.data() + k, &g, sizeof g);
    }
    for (; k <= half; ++k) pair(k, n - k);
}

}  // namespace ll::analysis
