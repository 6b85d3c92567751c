#pragma once
// Streaming front end of the talk-time engine: 16 kHz mono samples in, one small FrameFeatures
// per 10 ms hop out. Frame k describes [k*10 ms, (k+1)*10 ms); its spectral window is 25 ms and
// its pitch window 40 ms, both centred on that hop. Pitch is tracked on the signal low-passed
// (3.3 kHz) and decimated to 8 kHz: voice periodicity lives below 3 kHz, and the autocorrelation
// then costs a 400-point transform pair instead of an 800-point one.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/fft.h"

namespace ll::analysis {

inline constexpr int kSampleRate = 16000;
inline constexpr int kHopSamples = 160;          // 10 ms
inline constexpr int kWindowSamples = 400;       // 25 ms spectral window (also the FFT size)
inline constexpr int kPitchRate = 8000;          // pitch tracking runs on the signal decimated 2:1
inline constexpr int kPitchWindowSamples = 320;  // 40 ms at kPitchRate: two periods of 50 Hz
inline constexpr int kMfccCount = 12;            // c1..c12 (c0 is replaced by logEnergy)
inline constexpr float kMinPitchHz = 60.0f;
inline constexpr float kMaxPitchHz = 500.0f;

// 44 bytes per 10 ms: 3 hours are 1.08 M frames, about 48 MB.
struct FrameFeatures {
    static constexpr float kMfccStep =
        1.0f / 256.0f;  // int16 quantum: range +-128, far beyond real MFCCs

    float logEnergy = -100.0f;  // dB re full scale, 200-4000 Hz band of the pre-emphasised frame
    float flatness = 1.0f;      // spectral flatness 200-4000 Hz, 0 (tonal) .. 1 (white)
    float pitchHz = 0.0f;       // best period in 60-500 Hz as a frequency; 0 when none
    float voicing = 0.0f;       // normalised autocorrelation at that period, 0..1
    std::array<int16_t, kMfccCount> mfccQ{};  // c1..c12 from 24 mel bands (100-7600 Hz), quantised
    // Statistical-model speech evidence (Sohn, Kim & Sung 1999): the log-likelihood ratio of
    // speech against noise, averaged over the 200-4000 Hz bins, with a decision-directed a-priori
    // SNR and a per-bin noise spectrum tracked by minimum statistics (Martin 2001) over the last
    // 4-4.5 s; updated every other frame. About 0 in noise; voices, whose energy sits in
    // harmonics, score well above that at band levels where energy alone barely moves.
    float speechLlr = 0.0f;

    float mfcc(int i) const {
        return static_cast<float>(mfccQ[static_cast<size_t>(i)]) * kMfccStep;
    }
    void setMfcc(int i, float v);
};

// Owned by one thread (the analysis worker). Not copyable in spirit; cheap to move.
class FeatureExtractor {
public:
    FeatureExtractor();

    // Appends samples (16 kHz mono, nominally in [-1, 1]); computes every frame that is complete.
    void push(std::span<const float> samples);
    // Flushes the frames that need look-ahead past the end (zero padded). Call once, at the end.
    void finish();
    // Reserves the frames of `samples` samples up front (the recording's known length), so the
    // frame store is not regrown (copied, and its new pages faulted in) as a long lesson streams
    // in. Longer input than expected still works; it grows from there.
    void expectSamples(int64_t samples);

    const std::vector<FrameFeatures>& frames() const { return m_frames; }
    std::vector<FrameFeatures> takeFrames() { return std::move(m_frames); }
    int64_t samplesSeen() const { return m_total; }

    // Computes one frame from windows already cut out (used by push, exposed for tests). Not
    // pure: speechLlr depends on the noise spectrum tracked over the frames computed before.
    // `window`: kWindowSamples pre-emphasised samples at 16 kHz; `pitchWindow`:
    // kPitchWindowSamples of the same signal decimated to kPitchRate.
    FrameFeatures computeFrame(std::span<const float> window, std::span<const float> pitchWindow);

private:
    void computeReadyFrames(bool atEnd);
    float sampleAt(int64_t index) const;  // pre-emphasised sample, 0 outside [0, m_total)
    void decimateUpTo(int64_t end);       // m_dec through 8 kHz index end - 1
    float pitchAt(int64_t decIndex) const;

    // The spectral window (real parts) and the pitch window (imaginary parts) in one transform
    // of kWindowSamples points; the pitch window's autocorrelation is the inverse transform of
    // its power spectrum, also 400 points (FFTW is much faster at 400 than at 512 here). The
    // correlation is circular: lag L also picks up lag 400 - L, which lies past the 320-sample
    // window (so adds nothing) for L <= 80 (100 Hz and up), and for lower voices falls in the
    // Hann taper's far tail.
    RealPairFft m_pairFft{kWindowSamples};
    Fft m_pitchFft{kWindowSamples};
    std::vector<float> m_pitchPower;  // kWindowSamples / 2 + 1
    std::vector<float> m_decimator;   // low-pass FIR taps, odd count, centred
    std::vector<float> m_hann;        // kWindowSamples
    std::vector<float> m_pitchHann;   // kPitchWindowSamples
    std::vector<float> m_hannAcf;     // normalised autocorrelation of m_pitchHann, per lag
    std::vector<float> m_invHannAcf;  // its reciprocal
    struct MelBand {
        int firstBin = 0;
        int bins = 0;
        int weightOffset = 0;  // into m_melWeights
    };
    std::array<MelBand, 24> m_melBands{};  // triangular filters as runs of contiguous bins
    std::vector<float> m_melWeights;
    std::array<std::array<float, kMfccCount>, 24> m_dctT{};  // [mel band][cepstrum]

    std::vector<float> m_buf;  // pre-emphasised samples from m_bufStart on
    int64_t m_bufStart = 0;
    std::vector<float> m_dec;  // the same decimated to 8 kHz, 8 kHz indices m_decStart..
    int64_t m_decStart = 0;
    int64_t m_decNext = 0;  // next 8 kHz index to compute
    int64_t m_total = 0;
    float m_prevSample = 0.0f;
    int64_t m_nextFrame = 0;
    std::vector<FrameFeatures> m_frames;

    // Per-bin state of speechLlr, over the 200-4000 Hz bins: the smoothed power, the minimum of
    // the current sub-window and of each of the last kNoiseSubwindows, and the previous frame's
    // estimated clean-speech SNR (decision-directed a-priori SNR).
    static constexpr int kLlrBins = 96;
    static constexpr int kNoiseSubwindows = 8;
    void updateSpeechLlr(FrameFeatures& f);
    std::array<float, kLlrBins> m_smoothPower{};
    std::array<float, kLlrBins> m_subMin{};
    std::array<std::array<float, kLlrBins>, kNoiseSubwindows> m_pastMin{};
    std::array<float, kLlrBins> m_pastMinAll{};  // minimum over m_pastMin
    std::array<float, kLlrBins> m_prevSnr{};
    int m_subUpdates = 0;
    int m_subIndex = 0;
    int64_t m_llrFrames = 0;
    float m_lastLlr = 0.0f;

    // scratch, reused per frame
    std::vector<float> m_win, m_power;  // m_power: kWindowSamples/2 + 1 bins
    std::vector<float> m_acf, m_nacf;
};

}  // namespace ll::analysis
