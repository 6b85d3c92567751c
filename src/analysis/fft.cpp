#include "analysis/fft.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace ll::analysis {

namespace {
// Written out: std::complex's operator* checks for NaN/inf (__mulsc3) and is slow.
inline std::complex<float> mul(std::complex<float> a, std::complex<float> b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
}  // namespace

Fft::Fft(size_t size) : m_size(size), m_half(size / 2) {
    assert(size >= 4 && (size & (size - 1)) == 0);
    const double pi = std::numbers::pi;
    for (size_t k = 0; k < m_half / 2; ++k) {
        const double a = -2.0 * pi * static_cast<double>(k) / static_cast<double>(m_half);
        m_twiddles.emplace_back(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
        m_twiddlesInv.push_back(std::conj(m_twiddles.back()));
    }
    for (size_t k = 0; k <= m_half; ++k) {
        const double a = -2.0 * pi * static_cast<double>(k) / static_cast<double>(m_size);
        m_split.emplace_back(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
    }
    int bits = 0;
    while ((size_t{1} << bits) < m_half) ++bits;
    m_bitReverse.resize(m_half);
    for (size_t i = 0; i < m_half; ++i) {
        uint32_t r = 0;
        for (int b = 0; b < bits; ++b)
            if (i & (size_t{1} << b)) r |= 1u << (bits - 1 - b);
        m_bitReverse[i] = r;
    }
    m_z.resize(m_half);
    m_spec.resize(m_half + 1);
}

void Fft::complexTransform(std::vector<std::complex<float>>& data, bool inverse) const {
    const size_t n = m_half;
    for (size_t i = 0; i < n; ++i)
        if (i < m_bitReverse[i]) std::swap(data[i], data[m_bitReverse[i]]);
    const auto& tw = inverse ? m_twiddlesInv : m_twiddles;
    std::complex<float>* d = data.data();
    for (size_t len = 2; len <= n; len <<= 1) {
        const size_t half = len / 2;
        const size_t step = n / len;
        for (size_t i = 0; i < n; i += len) {
            for (size_t j = 0; j < half; ++j) {
                const std::complex<float> u = d[i + j];
                const std::complex<float> v = mul(d[i + j + half], tw[j * step]);
                d[i + j] = u + v;
                d[i + j + half] = u - v;
            }
        }
    }
}

void Fft::realForward(std::span<const float> in, std::span<std::complex<float>> out) {
    assert(in.size() <= m_size && out.size() >= m_half + 1);
    for (size_t k = 0; k < m_half; ++k) {
        const size_t a = 2 * k, b = 2 * k + 1;
        m_z[k] = {a < in.size() ? in[a] : 0.0f, b < in.size() ? in[b] : 0.0f};
    }
    complexTransform(m_z, false);
    // X[k] = E[k] + W^k O[k], with E, O recovered from Z[k] and conj(Z[half-k]).
    for (size_t k = 0; k <= m_half; ++k) {
        const std::complex<float> zk = m_z[k % m_half];
        const std::complex<float> zc = std::conj(m_z[(m_half - k) % m_half]);
        const std::complex<float> e = 0.5f * (zk + zc);
        const std::complex<float> o = std::complex<float>(0.0f, -0.5f) * (zk - zc);
        out[k] = e + mul(m_split[k], o);
    }
}

void Fft::realInverse(std::span<const std::complex<float>> in, std::span<float> out) {
    assert(in.size() >= m_half + 1 && out.size() >= m_size);
    for (size_t k = 0; k < m_half; ++k) {
        const std::complex<float> xk = in[k];
        const std::complex<float> xc = std::conj(in[m_half - k]);
        const std::complex<float> e = 0.5f * (xk + xc);
        const std::complex<float> o = mul(0.5f * (xk - xc), std::conj(m_split[k]));
        m_z[k] = e + std::complex<float>(0.0f, 1.0f) * o;
    }
    complexTransform(m_z, true);
    const float s = 1.0f / static_cast<float>(m_half);
    for (size_t k = 0; k < m_half; ++k) {
        out[2 * k] = m_z[k].real() * s;
        out[2 * k + 1] = m_z[k].imag() * s;
    }
}

void Fft::powerSpectrum(std::span<const float> in, std::vector<float>& power) {
    realForward(in, m_spec);
    power.resize(m_half + 1);
    for (size_t k = 0; k <= m_half; ++k) power[k] = std::norm(m_spec[k]);
}

}  // namespace ll::analysis
