#include "analysis/fft.h"

#include <cassert>
#include <cmath>
#include <numbers>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace ll::analysis {

namespace {
// One radix-2 stage over n points: in each block of 2 * half, (a, b) -> (a + w b, a - w b).
// half >= 4: vectorised. An AVX2 clone (picked at load time) runs 8 lanes; AVX2 without FMA
// rounds exactly like SSE2, so results do not depend on the machine.
__attribute__((target_clones("avx2", "default"))) void radix2Stage(float* __restrict re,
                                                                   float* __restrict im,
                                                                   const float* __restrict wr,
                                                                   const float* __restrict wi,
                                                                   size_t n, size_t half) {
    for (size_t i = 0; i < n; i += 2 * half) {
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

// X[k] = E[k] + W^k O[k], k = 0..h, with E, O recovered from Z[k] and conj(Z[h-k]):
// E = 0.5 (Z[k] + conj Z[h-k]), O = -0.5i (Z[k] - conj Z[h-k]) = 0.5 (Im d, -Re d).
inline void splitOne(float zr, float zi, float cr, float ci, float sr, float si, float& xr,
                     float& xi) {
    const float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
    const float dr = zr - cr, di = zi - ci;
    const float orr = 0.5f * di, oi = -0.5f * dr;
    xr = er + (sr * orr - si * oi);
    xi = ei + (sr * oi + si * orr);
}

__attribute__((target_clones("avx2", "default"))) void splitForward(
    const float* __restrict re, const float* __restrict im, const float* __restrict sre,
    const float* __restrict sim, float* __restrict xr, float* __restrict xi, size_t h) {
    splitOne(re[0], im[0], re[0], -im[0], sre[0], sim[0], xr[0], xi[0]);
    for (size_t k = 1; k < h; ++k)
        splitOne(re[k], im[k], re[h - k], -im[h - k], sre[k], sim[k], xr[k], xi[k]);
    splitOne(re[0], im[0], re[0], -im[0], sre[h], sim[h], xr[h], xi[h]);
}

}  // namespace

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
    // m_re/m_im hold the input in bit-reversed order (loaders write it so).
    const size_t n = m_half;
    float* __restrict re = m_re.data();
    float* __restrict im = m_im.data();
    const float* twIm = inverse ? m_twImInv.data() : m_twIm.data();
    // Stages len = 2 and 4 together. Len 2: the twiddle is exactly 1, so v = b (up to the sign
    // of a zero). Len 4: twiddles w0 = 1 and w1 (w1r is cos(pi/2) in float, not 0).
    const size_t o4 = n >= 4 ? m_stageOffset[1] : 0;  // size 4 has the len-2 stage only
    const float w0r = m_twRe[o4], w0i = twIm[o4];
    const float w1r = n >= 4 ? m_twRe[o4 + 1] : 0.0f, w1i = n >= 4 ? twIm[o4 + 1] : 0.0f;
    size_t i0 = 0;
#if defined(__SSE2__)
    // Four groups of four at a time, transposed so that each register holds one position of
    // four groups; the same operations as the scalar loop below.
    {
        const __m128 vw0r = _mm_set1_ps(w0r), vw0i = _mm_set1_ps(w0i);
        const __m128 vw1r = _mm_set1_ps(w1r), vw1i = _mm_set1_ps(w1i);
        for (; i0 + 16 <= n; i0 += 16) {
            __m128 r0 = _mm_loadu_ps(re + i0), r1 = _mm_loadu_ps(re + i0 + 4);
            __m128 r2 = _mm_loadu_ps(re + i0 + 8), r3 = _mm_loadu_ps(re + i0 + 12);
            __m128 m0 = _mm_loadu_ps(im + i0), m1 = _mm_loadu_ps(im + i0 + 4);
            __m128 m2 = _mm_loadu_ps(im + i0 + 8), m3 = _mm_loadu_ps(im + i0 + 12);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            _MM_TRANSPOSE4_PS(m0, m1, m2, m3);
            const __m128 a0r = _mm_add_ps(r0, r1), a1r = _mm_sub_ps(r0, r1);
            const __m128 a2r = _mm_add_ps(r2, r3), a3r = _mm_sub_ps(r2, r3);
            const __m128 a0i = _mm_add_ps(m0, m1), a1i = _mm_sub_ps(m0, m1);
            const __m128 a2i = _mm_add_ps(m2, m3), a3i = _mm_sub_ps(m2, m3);
            const __m128 b0r = _mm_sub_ps(_mm_mul_ps(a2r, vw0r), _mm_mul_ps(a2i, vw0i));
            const __m128 b0i = _mm_add_ps(_mm_mul_ps(a2r, vw0i), _mm_mul_ps(a2i, vw0r));
            const __m128 b1r = _mm_sub_ps(_mm_mul_ps(a3r, vw1r), _mm_mul_ps(a3i, vw1i));
            const __m128 b1i = _mm_add_ps(_mm_mul_ps(a3r, vw1i), _mm_mul_ps(a3i, vw1r));
            r0 = _mm_add_ps(a0r, b0r);
            r2 = _mm_sub_ps(a0r, b0r);
            r1 = _mm_add_ps(a1r, b1r);
            r3 = _mm_sub_ps(a1r, b1r);
            m0 = _mm_add_ps(a0i, b0i);
            m2 = _mm_sub_ps(a0i, b0i);
            m1 = _mm_add_ps(a1i, b1i);
            m3 = _mm_sub_ps(a1i, b1i);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            _MM_TRANSPOSE4_PS(m0, m1, m2, m3);
            _mm_storeu_ps(re + i0, r0);
            _mm_storeu_ps(re + i0 + 4, r1);
            _mm_storeu_ps(re + i0 + 8, r2);
            _mm_storeu_ps(re + i0 + 12, r3);
            _mm_storeu_ps(im + i0, m0);
            _mm_storeu_ps(im + i0 + 4, m1);
            _mm_storeu_ps(im + i0 + 8, m2);
            _mm_storeu_ps(im + i0 + 12, m3);
        }
    }
#endif
    for (size_t i = i0; i < n; i += 2) {
        const float ur = re[i], ui = im[i], vr = re[i + 1], vi = im[i + 1];
        re[i] = ur + vr;
        im[i] = ui + vi;
        re[i + 1] = ur - vr;
        im[i + 1] = ui - vi;
    }
    if (n >= 4) {
        for (size_t i = i0; i < n; i += 4) {
            const float b0r = re[i + 2] * w0r - im[i + 2] * w0i;
            const float b0i = re[i + 2] * w0i + im[i + 2] * w0r;
            const float b1r = re[i + 3] * w1r - im[i + 3] * w1i;
            const float b1i = re[i + 3] * w1i + im[i + 3] * w1r;
            const float a0r = re[i], a0i = im[i], a1r = re[i + 1], a1i = im[i + 1];
            re[i] = a0r + b0r;
            im[i] = a0i + b0i;
            re[i + 2] = a0r - b0r;
            im[i + 2] = a0i - b0i;
            re[i + 1] = a1r + b1r;
            im[i + 1] = a1i + b1i;
            re[i + 3] = a1r - b1r;
            im[i + 3] = a1i - b1i;
        }
    }
    size_t stage = 2;
    for (size_t len = 8; len <= n; len <<= 1, ++stage) {
        const size_t half = len / 2;
        const float* __restrict wr = m_twRe.data() + m_stageOffset[stage];
        const float* __restrict wi = twIm + m_stageOffset[stage];
        radix2Stage(re, im, wr, wi, n, half);
    }
}

void Fft::loadReal(std::span<const float> in) {
    assert(in.size() <= m_size);
    // Written straight to bit-reversed positions for complexTransform.
    const uint32_t* rev = m_bitReverse.data();
    const size_t pairs = in.size() / 2;
    for (size_t k = 0; k < pairs; ++k) {
        m_re[rev[k]] = in[2 * k];
        m_im[rev[k]] = in[2 * k + 1];
    }
    size_t k = pairs;
    if (in.size() % 2) {
        m_re[rev[k]] = in[2 * k];
        m_im[rev[k]] = 0.0f;
        ++k;
    }
    for (; k < m_half; ++k) m_re[rev[k]] = m_im[rev[k]] = 0.0f;
}

void Fft::forwardSplit() {
    splitForward(m_re.data(), m_im.data(), m_splitRe.data(), m_splitIm.data(), m_xr.data(),
                 m_xi.data(), m_half);
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
        m_re[m_bitReverse[k]] = er - oi;  // e + i * o
        m_im[m_bitReverse[k]] = ei + orr;
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
        m_re[m_bitReverse[k]] = er - hr * si;
        m_im[m_bitReverse[k]] = hr * sr;
    }
    complexTransform(true);
    const float s = 1.0f / static_cast<float>(m_half);
    for (size_t k = 0; 2 * k < lags; ++k) {
        out[2 * k] = m_re[k] * s;
        if (2 * k + 1 < lags) out[2 * k + 1] = m_im[k] * s;
    }
}

}  // namespace ll::analysis
