#pragma once
// Streaming front end of the talk-time engine: 16 kHz mono samples in, one small FrameFeatures
// per 10 ms hop out. Frame k describes [k*10 ms, (k+1)*10 ms); its spectral window is 25 ms and
// its pitch window 40 ms, both centred on that hop.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/fft.h"

namespace ll::analysis {

inline constexpr int kSampleRate = 16000;
inline constexpr int kHopSamples = 160;          // 10 ms
inline constexpr int kWindowSamples = 400;       // 25 ms spectral window
inline constexpr int kPitchWindowSamples = 640;  // 40 ms: two periods of a 50 Hz voice
inline constexpr int kMfccCount = 12;            // c1..c12 (c0 is replaced by logEnergy)
inline constexpr float kMinPitchHz = 60.0f;
inline constexpr float kMaxPitchHz = 500.0f;

// 40 bytes per 10 ms: 3 hours are 1.08 M frames, about 43 MB.
struct FrameFeatures {
    static constexpr float kMfccStep =
        1.0f / 256.0f;  // int16 quantum: range +-128, far beyond real MFCCs

    float logEnergy = -100.0f;  // dB re full scale, 200-4000 Hz band of the pre-emphasised frame
    float flatness = 1.0f;      // spectral flatness 200-4000 Hz, 0 (tonal) .. 1 (white)
    float pitchHz = 0.0f;       // best period in 60-500 Hz as a frequency; 0 when none
    float voicing = 0.0f;       // normalised autocorrelation at that period, 0..1
    std::array<int16_t, kMfccCount> mfccQ{};  // c1..c12 from 24 mel bands (100-7600 Hz), quantised

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

    const std::vector<FrameFeatures>& frames() const { return m_frames; }
    std::vector<FrameFeatures> takeFrames() { return std::move(m_frames); }
    int64_t samplesSeen() const { return m_total; }

    // Computes one frame from windows already cut out (used by push, exposed for tests).
    FrameFeatures computeFrame(std::span<const float> window, std::span<const float> pitchWindow);

private:
    void computeReadyFrames(bool atEnd);
    float sampleAt(int64_t index) const;  // pre-emphasised sample, 0 outside [0, m_total)

    Fft m_fft512{512};
    Fft m_fft1024{1024};
    std::vector<float> m_hann;       // kWindowSamples
    std::vector<float> m_pitchHann;  // kPitchWindowSamples
    std::vector<float> m_hannAcf;    // normalised autocorrelation of m_pitchHann, per lag
    struct MelBand {
        int firstBin = 0;
        int bins = 0;
        int weightOffset = 0;  // into m_melWeights
    };
    std::array<MelBand, 24> m_melBands{};  // triangular filters as runs of contiguous bins
    std::vector<float> m_melWeights;
    std::array<std::array<float, 24>, kMfccCount> m_dct{};

    std::vector<float> m_buf;  // pre-emphasised samples from m_bufStart on
    int64_t m_bufStart = 0;
    int64_t m_total = 0;
    float m_prevSample = 0.0f;
    int64_t m_nextFrame = 0;
    std::vector<FrameFeatures> m_frames;

    // scratch, reused per frame
    std::vector<float> m_win, m_pwin, m_pwork, m_power;
    std::vector<float> m_acf, m_nacf;
};

}  // namespace ll::analysis
