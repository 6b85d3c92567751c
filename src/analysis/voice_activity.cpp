#include "analysis/voice_activity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>

namespace ll::analysis {

namespace {
constexpr int kFramesPerSecond = 100;
// The share of a window of TalkParams::toneMinS that must be pitched for its level test.
constexpr float kTonePitchedShare = 0.9f;
// ...and the share of those whose pitch must lie within kToneNearOct of the window's median:
// a 240 Hz sine 15 dB over white noise has at least 0.71 (its track jumps 232-258 Hz, with
// octave errors); the babble of group work, 0.15-0.55 in most seconds.
constexpr float kToneNearShare = 0.6f;
constexpr float kToneNearOct = 0.06f;

int framesOf(float seconds) {
    return std::max(1, static_cast<int>(std::lround(seconds * kFramesPerSecond)));
}

float percentile(std::vector<float> v, float q) {
    if (v.empty()) return 0.0f;
    const auto k =
        static_cast<size_t>(std::clamp(q, 0.0f, 1.0f) * static_cast<float>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

// Whether level[i] lies more than dropDb below some level of the `frames` frames before it: the
// reverberation of a louder sound dying away (RT60 1 s: 60 dB a second), not a voice of its own.
bool decaying(std::span<const float> level, size_t i, int frames, float dropDb) {
    const size_t from = i >= static_cast<size_t>(frames) ? i - static_cast<size_t>(frames) : 0;
    for (size_t k = from; k < i; ++k)
        if (level[k] > level[i] + dropDb) return true;
    return false;
}

// Reverberation keeps the level up for a while after a voice stops; annotators (and the
// simulator's truth) end the talk when the voice ends. Trims island edges whose smoothed level
// sits more than tailTrimDb below the island's median frame level.
void trimReverberantEdges(std::span<const float> snr, const TalkParams& params, VoiceActivity& va) {
    if (params.tailTrimDb <= 0) return;
    const size_t n = va.speech.size();
    std::vector<float> levels;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && va.speech[b] == va.speech[a]) ++b;
        if (va.speech[a] == 1) {
            levels.assign(snr.begin() + static_cast<std::ptrdiff_t>(a),
                          snr.begin() + static_cast<std::ptrdiff_t>(b));
            const float typical = percentile(levels, 0.5f);
            // Edges are found on the smoothed level: one noise frame that flickers above the
            // line must not stop the trim (talk-v3 used the frame level).
            size_t e = b;
            while (e > a + 1 && va.snrDb[e - 1] < typical - params.tailTrimDb) --e;
            size_t s0 = a;
            while (s0 + 1 < e && va.snrDb[s0] < typical - params.tailTrimDb) ++s0;
            std::fill(va.speech.begin() + static_cast<std::ptrdiff_t>(a),
                      va.speech.begin() + static_cast<std::ptrdiff_t>(s0), 0);
            std::fill(va.speech.begin() + static_cast<std::ptrdiff_t>(e),
                      va.speech.begin() + static_cast<std::ptrdiff_t>(b), 0);
        }
        a = b;
    }
}
// Whether most of the pitched frames of `window` lie near their median pitch, as a tone's do
// however its pitch track wavers: babble's hops between its voices. `scratch` is reused.
bool holdsOnePitch(std::span<const FrameFeatures> window, float minVoicing,
                   std::vector<float>& scratch) {
    scratch.clear();
    for (const auto& f : window)
        if (hasSpeakingPitch(f, minVoicing)) scratch.push_back(std::log2(f.pitchHz));
    if (scratch.empty()) return false;
    const auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
    std::nth_element(scratch.begin(), mid, scratch.end());
    const float median = *mid;
    const auto near = std::count_if(scratch.begin(), scratch.end(), [median](float p) {
        return std::abs(p - median) <= kToneNearOct;
    });
    return static_cast<float>(near) >= kToneNearShare * static_cast<float>(scratch.size());
}

// A frame's level, smoothed over +-20 ms (the steady-tone tests' level).
float smoothedLevel(std::span<const FrameFeatures> frames, size_t i) {
    constexpr size_t kHalf = 2;
    const size_t a = i >= kHalf ? i - kHalf : 0;
    const size_t b = std::min(frames.size(), i + kHalf + 1);
    float s = 0.0f;
    for (size_t k = a; k < b; ++k) s += frames[k].logEnergy;
    return s / static_cast<float>(b - a);
}

// Marks beeps repeated at one pitch (see TalkParams::pulseMinS) in `tone`. A pulse is a run of
// pitched frames whose pitch stays within pulseOct, at least pulseMinS long, whose level away
// from its first and last 30 ms stays within pulseLevelDb; three pulses whose median pitches lie
// within 2 * toneOct of one another, each starting within pulseWindowS of the middle one and
// evenly spaced (within pulseJitterS), are a beep repeated.
void markPulsedTones(std::span<const FrameFeatures> frames, const TalkParams& params,
                     std::vector<uint8_t>& tone) {
    if (params.pulseMinS <= 0.0f) return;
    struct Pulse {
        size_t begin, end;
        float log2Pitch;  // median
    };
    constexpr size_t kEdge = 3;  // frames of onset and decay left out of the level test
    const auto minLength = static_cast<size_t>(framesOf(params.pulseMinS));
    const size_t n = frames.size();
    std::vector<Pulse> pulses;
    std::vector<float> pitch;
    for (size_t i = 0; i < n;) {
        if (!hasSpeakingPitch(frames[i], params.vadVoicedMin)) {
            ++i;
            continue;
        }
        // The longest run from i whose pitch spans at most pulseOct.
        float lo = std::log2(frames[i].pitchHz), hi = lo;
        size_t j = i + 1;
        for (; j < n && hasSpeakingPitch(frames[j], params.vadVoicedMin); ++j) {
            const float p = std::log2(frames[j].pitchHz);
            if (std::max(hi, p) - std::min(lo, p) > params.pulseOct) break;
            lo = std::min(lo, p);
            hi = std::max(hi, p);
        }
        if (j - i >= minLength) {
            float levelLo = std::numeric_limits<float>::max(), levelHi = -levelLo;
            for (size_t k = i + kEdge; k + kEdge < j; ++k) {
                const float l = smoothedLevel(frames, k);
                levelLo = std::min(levelLo, l);
                levelHi = std::max(levelHi, l);
            }
            if (levelHi - levelLo <= params.pulseLevelDb) {
                pitch.clear();
                for (size_t k = i; k < j; ++k) pitch.push_back(std::log2(frames[k].pitchHz));
                const auto mid = pitch.begin() + static_cast<std::ptrdiff_t>(pitch.size() / 2);
                std::nth_element(pitch.begin(), mid, pitch.end());
                pulses.push_back({i, j, *mid});
            }
        }
        i = j;
    }
    // Three pulses at one pitch, evenly spaced: a beep repeated. Pulses are in time order and
    // do not overlap, so a window holds a dozen at most.
    const auto window = static_cast<size_t>(framesOf(params.pulseWindowS));
    const auto jitter = static_cast<std::ptrdiff_t>(framesOf(params.pulseJitterS));
    const float samePitch = 2.0f * params.toneOct;
    auto alike = [&](const Pulse& p, const Pulse& q) {
        return std::abs(p.log2Pitch - q.log2Pitch) <= samePitch;
    };
    auto mark = [&](const Pulse& p) {
        std::fill(tone.begin() + static_cast<std::ptrdiff_t>(p.begin),
                  tone.begin() + static_cast<std::ptrdiff_t>(p.end), 1);
    };
    size_t first = 0;  // the earliest pulse starting within the window before pulse k
    for (size_t k = 1; k + 1 < pulses.size(); ++k) {
        const Pulse& mid = pulses[k];
        while (pulses[first].begin + window < mid.begin) ++first;
        for (size_t a = first; a < k; ++a) {
            if (!alike(pulses[a], mid)) continue;
            const auto before = static_cast<std::ptrdiff_t>(mid.begin - pulses[a].begin);
            for (size_t c = k + 1; c < pulses.size() && pulses[c].begin <= mid.begin + window;
                 ++c) {
                const auto after = static_cast<std::ptrdiff_t>(pulses[c].begin - mid.begin);
                if (alike(pulses[c], mid) && std::abs(after - before) <= jitter) {
                    mark(pulses[a]);
                    mark(mid);
                    mark(pulses[c]);
                }
            }
        }
    }
}
}  // namespace

std::vector<float> windowedMean(std::span<const float> x, int half) {
    return windowedMeanOf(x.size(), half, [x](size_t i) { return x[i]; });
}

std::vector<float> estimateNoiseFloor(std::span<const FrameFeatures> frames,
                                      const TalkParams& params) {
    const size_t n = frames.size();
    if (n == 0) return {};
    const size_t block = kFramesPerSecond;
    const size_t blocks = (n + block - 1) / block;
    std::vector<float> blockLow(blocks);
    std::vector<float> tmp;
    for (size_t b = 0; b < blocks; ++b) {
        tmp.clear();
        for (size_t i = b * block; i < std::min(n, (b + 1) * block); ++i)
            tmp.push_back(frames[i].logEnergy);
        blockLow[b] = percentile(tmp, 0.10f);
    }
    const float quiet = percentile(blockLow, 0.10f);
    const auto half = static_cast<size_t>(std::max(1.0f, params.floorWindowS));
    std::vector<float> blockFloor(blocks);
    for (size_t b = 0; b < blocks; ++b) {
        float m = blockLow[b];
        for (size_t c = b >= half ? b - half : 0; c < std::min(blocks, b + half + 1); ++c)
            m = std::min(m, blockLow[c]);
        blockFloor[b] = std::min(m, quiet + params.floorCapDb);
    }
    // Linear interpolation between block centres keeps the floor smooth.
    std::vector<float> floor(n);
    for (size_t i = 0; i < n; ++i) {
        const float pos = (static_cast<float>(i) - block / 2.0f) / static_cast<float>(block);
        const auto b0 =
            static_cast<size_t>(std::clamp(std::floor(pos), 0.0f, static_cast<float>(blocks - 1)));
        const size_t b1 = std::min(blocks - 1, b0 + 1);
        const float t = std::clamp(pos - static_cast<float>(b0), 0.0f, 1.0f);
        floor[i] = blockFloor[b0] * (1 - t) + blockFloor[b1] * t;
    }
    return floor;
}

void removeShortRuns(std::vector<uint8_t>& labels, uint8_t value, int minFrames, uint8_t fill) {
    const size_t n = labels.size();
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && labels[j] == labels[i]) ++j;
        if (labels[i] == value && static_cast<int>(j - i) < minFrames && i > 0 && j < n) {
            const uint8_t left = labels[i - 1], right = labels[j];
            const uint8_t to = left == right ? left : fill;
            std::fill(labels.begin() + static_cast<std::ptrdiff_t>(i),
                      labels.begin() + static_cast<std::ptrdiff_t>(j), to);
        }
        i = j;
    }
}

std::vector<uint8_t> steadyTones(std::span<const FrameFeatures> frames, const TalkParams& params) {
    const size_t n = frames.size();
    std::vector<uint8_t> tone(n, 0);
    if (params.toneMinS <= 0.0f) return tone;
    const auto minRun = static_cast<size_t>(framesOf(params.toneMinS));
    const float ratio = std::exp2(params.toneOct);
    // Runs of pitched frames within the band around the run's first pitch; a drifting tone (a
    // fan speeding up) starts a new run where it leaves the band.
    bool inRun = false;
    size_t start = 0;
    float lo = 0.0f, hi = 0.0f;
    auto close = [&](size_t end) {
        if (inRun && end - start >= minRun)
            std::fill(tone.begin() + static_cast<std::ptrdiff_t>(start),
                      tone.begin() + static_cast<std::ptrdiff_t>(end), 1);
    };
    for (size_t i = 0; i < n; ++i) {
        const bool p = hasSpeakingPitch(frames[i], params.vadVoicedMin);
        if (inRun && p && frames[i].pitchHz > lo && frames[i].pitchHz < hi) continue;
        close(i);
        inRun = p;
        if (p) {
            start = i;
            lo = frames[i].pitchHz / ratio;
            hi = frames[i].pitchHz * ratio;
        }
    }
    close(n);
    markPulsedTones(frames, params, tone);
    // A tone a little over the room's noise wavers in pitch (a 240 Hz sine 15 dB over white noise
    // reads 232-258 Hz frame by frame) but not in level: a window of toneMinS that is nearly all
    // pitched and whose level, smoothed over +-20 ms, stays within toneLevelDb. Syllables move a
    // voice's level more than that within any second.
    if (params.toneLevelDb <= 0.0f || n == 0) return tone;
    const size_t win = minRun;
    if (n < win) return tone;
    const auto minPitched =
        static_cast<size_t>(std::ceil(kTonePitchedShare * static_cast<float>(win)));
    // Monotonic queues of (frame, level) give each window's maximum and minimum in O(1).
    std::deque<std::pair<size_t, float>> hiQ, loQ;
    std::vector<float> pitches;
    size_t pitched = 0, paintTo = 0;
    for (size_t i = 0; i < n; ++i) {
        const float l = smoothedLevel(frames, i);
        while (!hiQ.empty() && hiQ.back().second <= l) hiQ.pop_back();
        while (!loQ.empty() && loQ.back().second >= l) loQ.pop_back();
        hiQ.emplace_back(i, l);
        loQ.emplace_back(i, l);
        if (hasSpeakingPitch(frames[i], params.vadVoicedMin)) ++pitched;
        if (i + 1 < win) continue;
        const size_t from = i + 1 - win;  // the window is [from, i]
        while (hiQ.front().first < from) hiQ.pop_front();
        while (loQ.front().first < from) loQ.pop_front();
        if (pitched >= minPitched &&
            hiQ.front().second - loQ.front().second <= params.toneLevelDb &&
            holdsOnePitch(frames.subspan(from, win), params.vadVoicedMin, pitches)) {
            std::fill(tone.begin() + static_cast<std::ptrdiff_t>(std::max(from, paintTo)),
                      tone.begin() + static_cast<std::ptrdiff_t>(i + 1), 1);
            paintTo = i + 1;
        }
        if (hasSpeakingPitch(frames[from], params.vadVoicedMin)) --pitched;
    }
    return tone;
}

VoiceActivity detectVoiceActivity(std::span<const FrameFeatures> frames,
                                  std::span<const float> floorDb, const TalkParams& params) {
    const size_t n = frames.size();
    VoiceActivity va;
    // A steady tone is loud, voiced and harmonic, and was taken for a student until the noise
    // floor caught up with it 4-5 s later.
    const std::vector<uint8_t> tone = steadyTones(frames, params);
    std::vector<float> snr(n), voiced(n), flat(n);
    for (size_t i = 0; i < n; ++i) {
        snr[i] = frames[i].logEnergy - floorDb[i];
        const bool v =
            hasSpeakingPitch(frames[i], params.vadVoicedMin) && snr[i] > 3.0f && !tone[i];
        voiced[i] = v ? 1.0f : 0.0f;
        flat[i] = frames[i].flatness;
    }
    va.snrDb = windowedMean(snr, 5);                // +-50 ms
    const auto density = windowedMean(voiced, 30);  // +-0.3 s
    const auto flatMean = windowedMean(flat, 30);
    std::vector<float>().swap(flat);  // 4 MB an hour: free before the next temporaries
    // Babble in a reverberant room is barely periodic frame by frame, but it is loud for seconds
    // on end with some voicing, which chairs, paper and footsteps are not.
    std::vector<float> above(n);
    for (size_t i = 0; i < n; ++i) above[i] = va.snrDb[i] > params.speechSnrDb ? 1.0f : 0.0f;
    const int sustainHalf = std::max(1, static_cast<int>(params.sustainedS * 50.0f));
    const auto aboveLong = windowedMean(above, sustainHalf);
    std::vector<float>().swap(above);
    const auto densityLong = windowedMean(voiced, sustainHalf);
    va.speech.assign(n, 0);
    // The speech log-likelihood ratio's mean over +-llrHalf, as a running sum (no per-frame
    // temporaries: 3 hours are 1.08 M frames).
    const auto llrHalf = static_cast<size_t>(framesOf(params.quietLlrHalfS));
    double llrSum = 0.0;
    size_t llrFrom = 0, llrTo = 0;
    // The same for log(1 + speechLlr) over +-0.5 s (the sustained-talk test), each frame's
    // logarithm kept in a ring until it leaves the window.
    constexpr size_t kLogLlrHalf = kFramesPerSecond / 2;
    constexpr size_t kRing = 128;  // > 2 * kLogLlrHalf + 1
    std::array<float, kRing> logLlr{};
    double logLlrSum = 0.0;
    size_t logFrom = 0, logTo = 0;
    for (size_t i = 0; i < n; ++i) {
        const size_t a = i >= llrHalf ? i - llrHalf : 0, b = std::min(n, i + llrHalf + 1);
        for (; llrTo < b; ++llrTo) llrSum += frames[llrTo].speechLlr;
        for (; llrFrom < a; ++llrFrom) llrSum -= frames[llrFrom].speechLlr;
        const auto llrMean = static_cast<float>(llrSum / static_cast<double>(b - a));
        const size_t la = i >= kLogLlrHalf ? i - kLogLlrHalf : 0;
        const size_t lb = std::min(n, i + kLogLlrHalf + 1);
        for (; logTo < lb; ++logTo) {
            logLlr[logTo % kRing] = std::log1p(std::max(0.0f, frames[logTo].speechLlr));
            logLlrSum += logLlr[logTo % kRing];
        }
        for (; logFrom < la; ++logFrom) logLlrSum -= logLlr[logFrom % kRing];
        const bool speechModelAgrees =
            params.sustainedLlrMin <= 0 ||
            logLlrSum >= params.sustainedLlrMin * static_cast<double>(lb - la);
        const bool loudEnough = va.snrDb[i] > params.speechSnrDb;
        const bool voiceLike = density[i] >= params.voicedDensityMin ||
                               (va.snrDb[i] > params.loudSnrDb && flatMean[i] < 0.25f) ||
                               (aboveLong[i] >= 0.85f && densityLong[i] >= 0.03f &&
                                flatMean[i] < params.sustainedFlatMax && speechModelAgrees);
        // Else perhaps a quiet voice (a distant teacher): see TalkParams::quietSnrDb.
        const bool quietVoice =
            !(loudEnough && voiceLike) && va.snrDb[i] > params.quietSnrDb &&
            llrMean >= params.quietLlrMin && density[i] >= params.quietDensityMin &&
            !decaying(va.snrDb, i, framesOf(params.quietTailS), params.quietTailDb);
        va.speech[i] = ((loudEnough && voiceLike) || quietVoice) && !tone[i] ? 1 : 0;
    }
    // Pauses shorter than maxPauseS inside talk are talk (NIST's diarization scoring joins a
    // speaker's turns less than 0.3 s apart; so does the simulator's truth). The pause that
    // counts is between the voices, not between their reverberation: tails are trimmed first,
    // so that a 0.4 s pause in a room with RT60 1.3 s, half of it filled by the last word's
    // tail, is not bridged (talk-v5 bridged before trimming, with maxPauseS 0.25). After
    // bridging the joined islands' edges are trimmed against their own typical level.
    trimReverberantEdges(snr, params, va);
    removeShortRuns(va.speech, 0, framesOf(params.maxPauseS), 1);
    trimReverberantEdges(snr, params, va);
    // Islands: drop short ones and ones without a single clearly voiced stretch (transients).
    // A voiced frame counts when its pitch stays within islandSteadyOct of a voiced neighbour's:
    // a voice's pitch glides, while a cough, a door or a sharpener has a voiced-looking frame
    // here and there at random pitches (talk-v4 counted every voiced frame).
    auto steady = [&](size_t k, size_t other) {
        return voiced[other] > 0 && std::abs(std::log2(frames[k].pitchHz / frames[other].pitchHz)) <
                                        params.islandSteadyOct;
    };
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && va.speech[j] == va.speech[i]) ++j;
        if (va.speech[i] == 1) {
            float voicedCount = 0;
            for (size_t k = i; k < j; ++k)
                if (voiced[k] > 0 && (params.islandSteadyOct <= 0 || (k > i && steady(k, k - 1)) ||
                                      (k + 1 < j && steady(k, k + 1))))
                    voicedCount += 1.0f;
            if (static_cast<int>(j - i) < framesOf(params.minSpeechS) || voicedCount < 5.0f)
                std::fill(va.speech.begin() + static_cast<std::ptrdiff_t>(i),
                          va.speech.begin() + static_cast<std::ptrdiff_t>(j), 0);
        }
        i = j;
    }
    return va;
}

std::vector<float> multiVoiceScore(std::span<const FrameFeatures> frames,
                                   const VoiceActivity& activity, const TalkParams& params) {
    const size_t n = frames.size();
    std::vector<float> score(n, 0.0f);
    if (n == 0) return score;
    const int half = framesOf(params.multiWindowS / 2);
    // Each statistic is a windowed mean of a series computed on the fly (windowedMeanOf), so the
    // series themselves are never arrays (at 3 hours each would be 4.3 MB). Syllable modulation
    // comes first, its penalty parked in `score` until the last loop, so that its own windowed
    // means are gone before the level and pitch statistics' arrive.
    if (params.multiModWeight > 0.0f) {
        auto level = [&](size_t i) { return frames[i].logEnergy; };
        const auto smooth = windowedMeanOf(n, framesOf(params.multiModHalfS), level);
        const auto modulation = windowedMeanOf(n, half, [&](size_t i) {
            const float d = level(i) - smooth[i];
            return d * d;
        });
        // Only a strongly modulated level counts (against several voices): a flat envelope is
        // also a distant talker in a reverberant room, so it adds nothing for them.
        for (size_t i = 0; i < n; ++i)
            score[i] =
                params.multiModWeight *
                std::clamp((std::sqrt(modulation[i]) - params.multiModDb) / 0.5f, 0.0f, 2.0f);
    }
    // Level statistics over the window, silence included (pauses are the single-talker cue).
    auto snr = [&](size_t i) { return std::max(activity.snrDb[i], 0.0f); };
    const auto m1 = windowedMeanOf(n, half, snr);
    const auto m2 = windowedMeanOf(n, half, [&](size_t i) {
        const float s = snr(i);
        return s * s;
    });
    // Deep dips: frames 15 dB below the window's typical speech level.
    const auto dipShare = windowedMeanOf(n, half, [&](size_t i) {
        const float s = snr(i);
        return s < m1[i] - 15.0f || s < 3.0f ? 1.0f : 0.0f;
    });
    // Loudness relative to the median talk level of this recording.
    std::vector<float> talkLevels;
    for (size_t i = 0; i < n; i += 5)
        if (activity.speech[i]) talkLevels.push_back(activity.snrDb[i]);
    float median = 0;
    if (!talkLevels.empty()) {
        std::nth_element(talkLevels.begin(),
                         talkLevels.begin() + static_cast<std::ptrdiff_t>(talkLevels.size() / 2),
                         talkLevels.end());
        median = talkLevels[talkLevels.size() / 2];
    }
    std::vector<float>().swap(talkLevels);
    // Pitch jumps between consecutive voiced frames: one voice glides, several voices hop.
    auto pair = [&](size_t i) {
        return i > 0 && isVoiced(frames[i], params) && isVoiced(frames[i - 1], params);
    };
    const auto jumpMean = windowedMeanOf(n, half, [&](size_t i) {
        if (!pair(i)) return 0.0f;
        return pitchHops(frames[i - 1], frames[i]) ? 1.0f : 0.0f;
    });
    const auto pairMean = windowedMeanOf(n, half, [&](size_t i) { return pair(i) ? 1.0f : 0.0f; });
    for (size_t i = 0; i < n; ++i) {
        const float syllables = score[i];
        score[i] = -10.0f;
        if (!activity.speech[i]) continue;
        const float jumpRate = jumpMean[i] / std::max(pairMean[i], 1e-3f);
        const float hops = std::clamp((jumpRate - params.multiJumpRate) / 0.05f, -2.0f, 2.0f);
        const float sd = std::sqrt(std::max(0.0f, m2[i] - m1[i] * m1[i]));
        const float steady = (params.multiLevelSdDb - sd) / 1.0f;
        const float noDips = (params.multiDipMax - dipShare[i]) / 0.05f;
        const float louder = std::clamp((m1[i] - median) / 4.0f, -1.0f, 1.0f);
        score[i] =
            std::min(steady, noDips) + 0.5f * louder + params.multiJumpWeight * hops - syllables;
    }
    return score;
}

}  // namespace ll::analysis
