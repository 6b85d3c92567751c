#include "analysis/fft.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace ll::analysis {

// Every product below is written out as in mul(a, b) = (ar*br - ai*bi, ar*bi + ai*br): the
// results are bit-identical to the interleaved std::complex version this replaced (talk-v1).

Fft::Fft(size_t size) : m_size(size), m_half(size / 2) {
    assert(size >= 4 && (size & (size - 1)) == 0);
    const double pi = std::numbers::pi;
    std::vector<float> baseRe, baseIm;  // exp(-2 pi i k / half), k < half/2
    for (size_t k = 0; k < m_half / 2; ++k) {
        const double a = -2.0 * pi * static_cast<double>(k) / static_cast<double>(m_half);
        baseRe.push_back(static_cast<float>(std::cos(a)));
        baseIm.push_back(static_cast<float>(std::sin(a)));
    }
    for (size_t len = 2; len <= m_half; len <<= 1) {
        m_stageOffset.push_back(m_twRe.size());
        const size_t step = m_half / len;
        for (size_t j = 0; j < len / 2; ++j) {
            m_twRe.push_back(baseRe[j * step]);
            m_twIm.push_back(baseIm[j * step]);
            m_twImInv.push_back(-baseIm[j * step]);
        }
    }
    for (size_t k = 0; k <= m_half; ++k) {
        const double a = -2.0 * pi * static_cast<double>(k) / static_cast<double>(m_size);
        m_splitRe.push_back(static_cast<float>(std::cos(a)));
        m_splitIm.push_back(static_cast<float>(std::sin(a)));
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
    m_re.resize(m_half);
    m_im.resize(m_half);
    m_xr.resize(m_half + 1);
    m_xi.resize(m_half + 1);
}

void Fft::complexTransform(bool inverse) {
    const size_t n = m_half;
    float* __restrict re = m_re.data();
    float* __restrict im = m_im.data();
    for (size_t i = 0; i < n; ++i) {
        const size_t r = m_bitReverse[i];
        if (i < r) {
            std::swap(re[i], re[r]);
            std::swap(im[i], im[r]);
        }
    }
    const float* twIm = inverse ? m_twImInv.data() : m_twIm.data();
    size_t stage = 0;
    for (size_t len = 2; len <= n; len <<= 1, ++stage) {
        const size_t half = len / 2;
        const float* __restrict wr = m_twRe.data() + m_stageOffset[stage];
        const float* __restrict wi = twIm + m_stageOffset[stage];
        for (size_t i = 0; i < n; i += len) {
            float* __restrict ar = re + i;
            float* __restrict ai = im + i;
            float* __restrict br = re + i + half;
            float* __restrict bi = im + i + half;
            for (size_t j = 0; j < half; ++j) {
                const float ur = ar[j], ui = ai[j];
                const float vr = br[j] * wr[j] - bi[j] * wi[j];
                const float vi = br[j] * wi[j] + bi[j] * wr[j];
                ar[j] = ur + vr;
                ai[j] = ui + vi;
                br[j] = ur - vr;
                bi[j] = ui - vi;
            }
        }
    }
}

void Fft::loadReal(std::span<const float> in) {
    assert(in.size() <= m_size);
    const size_t pairs = in.size() / 2;
    for (size_t k = 0; k < pairs; ++k) {
        m_re[k] = in[2 * k];
        m_im[k] = in[2 * k + 1];
    }
    size_t k = pairs;
    if (in.size() % 2) {
        m_re[k] = in[2 * k];
        m_im[k] = 0.0f;
        ++k;
    }
    for (; k < m_half; ++k) m_re[k] = m_im[k] = 0.0f;
}

void Fft::forwardSplit() {
    // X[k] = E[k] + W^k O[k], with E, O recovered from Z[k] and conj(Z[half-k]):
    // E = 0.5 (Z[k] + conj Z[h-k]), O = -0.5i (Z[k] - conj Z[h-k]).
    const size_t h = m_half;
    for (size_t k = 0; k <= h; ++k) {
        const size_t a = k % h, b = (h - k) % h;
        const float zr = m_re[a], zi = m_im[a];
        const float cr = m_re[b], ci = -m_im[b];
        const float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
        const float dr = zr - cr, di = zi - ci;
        const float orr = 0.5f * di, oi = -0.5f * dr;  // (0, -0.5) * d
        const float sr = m_splitRe[k], si = m_splitIm[k];
        m_xr[k] = er + (sr * orr - si * oi);
        m_xi[k] = ei + (sr * oi + si * orr);
    }
}

void Fft::realForward(std::span<const float> in, std::span<std::complex<float>> out) {
    assert(out.size() >= m_half + 1);
    loadReal(in);
    complexTransform(false);
    forwardSplit();
    for (size_t k = 0; k <= m_half; ++k) out[k] = {m_xr[k], m_xi[k]};
}

void Fft::realInverse(std::span<const std::complex<float>> in, std::span<float> out) {
    assert(in.size() >= m_half + 1 && out.size() >= m_size);
    for (size_t k = 0; k < m_half; ++k) {
        const float xr = in[k].real(), xi = in[k].imag();
        const float cr = in[m_half - k].real(), ci = -in[m_half - k].imag();
        const float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
        const float hr = 0.5f * (xr - cr), hi = 0.5f * (xi - ci);
        const float sr = m_splitRe[k], si = -m_splitIm[k];  // conj(split)
        const float orr = hr * sr - hi * si, oi = hr * si + hi * sr;
        m_re[k] = er - oi;  // e + i * o
        m_im[k] = ei + orr;
    }
    complexTransform(true);
    const float s = 1.0f / static_cast<float>(m_half);
    for (size_t k = 0; k < m_half; ++k) {
        out[2 * k] = m_re[k] * s;
        out[2 * k + 1] = m_im[k] * s;
    }
}

void Fft::powerSpectrum(std::span<const float> in, std::span<float> power) {
    assert(power.size() >= m_half + 1);
    loadReal(in);
    complexTransform(false);
    forwardSplit();
    for (size_t k = 0; k <= m_half; ++k) power[k] = m_xr[k] * m_xr[k] + m_xi[k] * m_xi[k];
}

void Fft::powerSpectrum(std::span<const float> in, std::vector<float>& power) {
    power.resize(m_half + 1);
    powerSpectrum(in, std::span<float>(power));
}

void Fft::autocorrelation(std::span<const float> in, std::span<float> out, size_t lags) {
    assert(lags <= m_size && out.size() >= lags);
    loadReal(in);
    complexTransform(false);
    forwardSplit();
    // |X|^2 is real: the inverse split of realInverse with every imaginary part zero.
    for (size_t k = 0; k <= m_half; ++k) m_xr[k] = m_xr[k] * m_xr[k] + m_xi[k] * m_xi[k];
    for (size_t k = 0; k < m_half; ++k) {
        const float xr = m_xr[k], cr = m_xr[m_half - k];
        const float er = 0.5f * (xr + cr);
        const float hr = 0.5f * (xr - cr);
        const float sr = m_splitRe[k], si = -m_splitIm[k];
        m_re[k] = er - hr * si;
        m_im[k] = hr * sr;
    }
    complexTransform(true);
    const float s = 1.0f / static_cast<float>(m_half);
    for (size_t k = 0; 2 * k < lags; ++k) {
        out[2 * k] = m_re[k] * s;
        if (2 * k + 1 < lags) out[2 * k + 1] = m_im[k] * s;
    }
}

}  // namespace ll::analysis
