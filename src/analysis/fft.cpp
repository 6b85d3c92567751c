#include "analysis/fft.h"

#include <fftw3.h>

#include <algorithm>
#include <cassert>
#include <mutex>
#include <utility>

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

Fft::Fft(size_t size) : m_size(size) {
    assert(size >= 4 && size % 2 == 0);
    std::lock_guard lock(plannerMutex());
    m_real = fftwf_alloc_real(m_size);
    m_out = fftwf_alloc_real(m_size);
    auto* spec = fftwf_alloc_complex(m_size / 2 + 1);
    m_spectrum = spec;
    const int n = static_cast<int>(m_size);
    // FFTW_ESTIMATE never touches the arrays while planning; c2r may overwrite its input, which
    // is scratch here.
    m_forward = fftwf_plan_dft_r2c_1d(n, m_real, spec, FFTW_ESTIMATE);
    m_inverse = fftwf_plan_dft_c2r_1d(n, spec, m_out, FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
    std::fill(m_real, m_real + m_size, 0.0f);
}

Fft::~Fft() {
    release();
}

void Fft::release() {
    if (!m_real) return;
    std::lock_guard lock(plannerMutex());
    fftwf_destroy_plan(static_cast<fftwf_plan>(m_forward));
    fftwf_destroy_plan(static_cast<fftwf_plan>(m_inverse));
    fftwf_free(m_real);
    fftwf_free(m_out);
    fftwf_free(m_spectrum);
    m_real = m_out = nullptr;
    m_spectrum = m_forward = m_inverse = nullptr;
}

Fft::Fft(Fft&& other) noexcept
    : m_size(other.m_size),
      m_real(std::exchange(other.m_real, nullptr)),
      m_out(std::exchange(other.m_out, nullptr)),
      m_spectrum(std::exchange(other.m_spectrum, nullptr)),
      m_forward(std::exchange(other.m_forward, nullptr)),
      m_inverse(std::exchange(other.m_inverse, nullptr)) {}

Fft& Fft::operator=(Fft&& other) noexcept {
    if (this != &other) {
        release();
        m_size = other.m_size;
        m_real = std::exchange(other.m_real, nullptr);
        m_out = std::exchange(other.m_out, nullptr);
        m_spectrum = std::exchange(other.m_spectrum, nullptr);
        m_forward = std::exchange(other.m_forward, nullptr);
        m_inverse = std::exchange(other.m_inverse, nullptr);
    }
    return *this;
}

void Fft::load(std::span<const float> in) {
    assert(in.size() <= m_size);
    std::copy(in.begin(), in.end(), m_real);
    std::fill(m_real + in.size(), m_real + m_size, 0.0f);
}

void Fft::realForward(std::span<const float> in, std::span<std::complex<float>> out) {
    assert(out.size() >= m_size / 2 + 1);
    load(in);
    fftwf_execute(static_cast<fftwf_plan>(m_forward));
    const fftwf_complex* x = spectrumOf(m_spectrum);
    for (size_t k = 0; k <= m_size / 2; ++k) out[k] = {x[k][0], x[k][1]};
}

void Fft::realInverse(std::span<const std::complex<float>> in, std::span<float> out) {
    assert(in.size() >= m_size / 2 + 1 && out.size() >= m_size);
    fftwf_complex* x = spectrumOf(m_spectrum);
    for (size_t k = 0; k <= m_size / 2; ++k) {
        x[k][0] = in[k].real();
        x[k][1] = in[k].imag();
    }
    fftwf_execute(static_cast<fftwf_plan>(m_inverse));
    const float s = 1.0f / static_cast<float>(m_size);
    for (size_t i = 0; i < m_size; ++i) out[i] = m_out[i] * s;
}

void Fft::powerSpectrum(std::span<const float> in, std::span<float> power) {
    assert(power.size() >= m_size / 2 + 1);
    load(in);
    fftwf_execute(static_cast<fftwf_plan>(m_forward));
    const fftwf_complex* x = spectrumOf(m_spectrum);
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
    for (size_t i = 0; i < lags; ++i) out[i] = m_out[i] * s;
}

void Fft::forward() {
    fftwf_execute(static_cast<fftwf_plan>(m_forward));
}

std::span<const std::complex<float>> Fft::spectrum() const {
    // fftwf_complex (float[2]) and std::complex<float> share one layout (FFTW manual 4.1.1).
    return {reinterpret_cast<const std::complex<float>*>(m_spectrum), m_size / 2 + 1};
}

void Fft::powerToAutocorrelation() {
    fftwf_complex* x = spectrumOf(m_spectrum);
    for (size_t k = 0; k <= m_size / 2; ++k) {
        x[k][0] = x[k][0] * x[k][0] + x[k][1] * x[k][1];
        x[k][1] = 0.0f;
    }
    fftwf_execute(static_cast<fftwf_plan>(m_inverse));
}

}  // namespace ll::analysis
