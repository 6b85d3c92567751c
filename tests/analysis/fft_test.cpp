#include "analysis/fft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <utility>

using ll::analysis::Fft;
using ll::analysis::RealPairFft;

TEST(Fft, RealForwardMatchesDirectDft) {
    const size_t n = 64;
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> x(n);
    for (auto& v : x) v = u(rng);
    Fft fft(n);
    std::vector<std::complex<float>> spec(n / 2 + 1);
    fft.realForward(x, spec);
    for (size_t k = 0; k <= n / 2; ++k) {
        std::complex<double> acc;
        for (size_t t = 0; t < n; ++t)
            acc += static_cast<double>(x[t]) *
                   std::polar(1.0, -2 * std::numbers::pi * static_cast<double>(k * t) / n);
        EXPECT_NEAR(spec[k].real(), acc.real(), 1e-4) << k;
        EXPECT_NEAR(spec[k].imag(), acc.imag(), 1e-4) << k;
    }
}

TEST(Fft, RealInverseUndoesForward) {
    const size_t n = 1024;
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> x(n), back(n);
    for (auto& v : x) v = u(rng);
    Fft fft(n);
    std::vector<std::complex<float>> spec(n / 2 + 1);
    fft.realForward(x, spec);
    fft.realInverse(spec, back);
    for (size_t i = 0; i < n; ++i) EXPECT_NEAR(back[i], x[i], 1e-5) << i;
}

TEST(Fft, ShortInputIsZeroPadded) {
    Fft fft(16);
    std::vector<float> power;
    fft.powerSpectrum(std::vector<float>{1.0f}, power);  // an impulse: flat spectrum
    ASSERT_EQ(power.size(), 9u);
    for (float p : power) EXPECT_NEAR(p, 1.0f, 1e-6);
}

TEST(Fft, AutocorrelationMatchesDirectSumBelowTheWrapAround) {
    // The pitch tracker reads lags below size - input length, where the circular
    // autocorrelation equals the linear one.
    const size_t n = 512;
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> x(320);
    for (auto& v : x) v = u(rng);
    Fft fft(n);
    std::vector<float> acf(140);
    fft.autocorrelation(x, acf, acf.size());
    for (size_t lag = 0; lag < acf.size(); ++lag) {
        double direct = 0;
        for (size_t t = 0; t + lag < x.size(); ++t) direct += double{x[t]} * x[t + lag];
        EXPECT_NEAR(acf[lag], direct, 1e-3) << lag;
    }
}

TEST(Fft, MovedFromInstanceLeavesAWorkingOne) {
    Fft a(8);
    Fft b(std::move(a));
    std::vector<float> power;
    b.powerSpectrum(std::vector<float>{1.0f}, power);
    ASSERT_EQ(power.size(), 5u);
    for (float p : power) EXPECT_NEAR(p, 1.0f, 1e-6);
}

TEST(Fft, PowerSpectrumOfOddLengthInputMatchesDirectDft) {
    const size_t n = 32;
    std::vector<float> x = {0.5f, -1.0f, 0.25f, 0.75f, -0.5f};
    Fft fft(n);
    std::vector<float> power;
    fft.powerSpectrum(x, power);
    ASSERT_EQ(power.size(), n / 2 + 1);
    for (size_t k = 0; k <= n / 2; ++k) {
        std::complex<double> acc;
        for (size_t t = 0; t < x.size(); ++t)
            acc += static_cast<double>(x[t]) *
                   std::polar(1.0, -2 * std::numbers::pi * static_cast<double>(k * t) / n);
        EXPECT_NEAR(power[k], std::norm(acc), 1e-5) << k;
    }
}

// The feature extractor's path: two real windows (the second shorter, zero-padded) in one
// complex transform, separated into their two power spectra; at 400 points, as it runs, and at
// sizes where the vector loop's tail is longer or absent.
TEST(RealPairFft, PowersMatchTwoRealTransforms) {
    for (size_t n : {size_t{400}, size_t{18}, size_t{16}, size_t{4}}) {
        std::mt19937 rng(static_cast<unsigned>(n));
        std::uniform_real_distribution<float> u(-1, 1);
        std::vector<float> x(n), y(n * 4 / 5);
        for (auto& v : x) v = u(rng);
        for (auto& v : y) v = u(rng);
        RealPairFft pair(n);
        ASSERT_EQ(pair.size(), n);
        auto z = pair.input();
        for (size_t i = 0; i < n; ++i) z[i] = {x[i], i < y.size() ? y[i] : 0.0f};
        pair.forward();
        std::vector<float> px(n / 2 + 1), py(n / 2 + 1), wantX, wantY;
        pair.powers(px, py);
        Fft fft(n);
        fft.powerSpectrum(x, wantX);
        fft.powerSpectrum(y, wantY);
        for (size_t k = 0; k <= n / 2; ++k) {
            EXPECT_NEAR(px[k], wantX[k], 1e-5f * (n + wantX[k])) << n << " " << k;
            EXPECT_NEAR(py[k], wantY[k], 1e-5f * (n + wantY[k])) << n << " " << k;
        }
    }
}

TEST(RealPairFft, InputSurvivesTheTransformAndStartsAtZero) {
    RealPairFft pair(8);
    for (auto v : pair.input()) EXPECT_EQ(v, std::complex<float>(0.0f, 0.0f));
    pair.input()[0] = {1.0f, 0.0f};            // an impulse in the first signal only
    for (int round = 0; round < 2; ++round) {  // the same result twice: the input is kept
        pair.forward();
        std::vector<float> px(5), py(5);
        pair.powers(px, py);
        for (size_t k = 0; k < 5; ++k) {
            EXPECT_NEAR(px[k], 1.0f, 1e-6) << k;
            EXPECT_NEAR(py[k], 0.0f, 1e-6) << k;
        }
    }
    RealPairFft moved(std::move(pair));
    moved.forward();
    std::vector<float> px(5), py(5);
    moved.powers(px, py);
    EXPECT_NEAR(px[4], 1.0f, 1e-6);
}

TEST(Fft, InverseOfPowerIsTheAutocorrelation) {
    const size_t n = 400;
    std::mt19937 rng(13);
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> x(320), power, acf(140);
    for (auto& v : x) v = u(rng);
    Fft fft(n);
    fft.autocorrelation(x, acf, acf.size());
    fft.powerSpectrum(x, power);
    fft.inverseOfPower(power);
    const auto out = fft.output();
    for (size_t lag = 0; lag < acf.size(); ++lag)
        EXPECT_NEAR(out[lag] / static_cast<float>(n), acf[lag], 1e-4f) << lag;
}
