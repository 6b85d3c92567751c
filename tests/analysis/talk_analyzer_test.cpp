#include "analysis/talk_analyzer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <random>

#include "analysis/speaker_clustering.h"
#include "analysis/synth_signals.h"
#include "analysis/voice_activity.h"

using namespace ll;
using namespace ll::analysis;
using namespace ll::analysis::test;

namespace {
void expectCovers(const TalkResult& r) {
    ASSERT_FALSE(r.segments.empty());
    EXPECT_EQ(r.segments.front().range.start, MediaTime::zero());
    EXPECT_EQ(r.segments.back().range.end, r.duration);
    for (size_t i = 0; i < r.segments.size(); ++i) {
        EXPECT_FALSE(r.segments[i].range.empty());
        EXPECT_GE(r.segments[i].confidence, 0.0f);
        EXPECT_LE(r.segments[i].confidence, 1.0f);
        if (i) {
            EXPECT_EQ(r.segments[i - 1].range.end, r.segments[i].range.start);
        }
    }
}
TalkLabel labelAt(const TalkResult& r, double s) {
    for (const auto& seg : r.segments)
        if (seg.range.contains(MediaTime::fromSeconds(s))) return seg.label;
    return TalkLabel::Silence;
}

// Lessons built frame by frame: a quiet room's frame (low level, flat spectrum, unvoiced), one
// voice's spectral colour (every MFCC at `cep`, with unit noise), and the analysis of the frames.
void setQuietRoom(FrameFeatures& f, std::normal_distribution<float>& n01, std::mt19937& rng) {
    f.logEnergy = -60.0f + n01(rng);
    f.flatness = 0.5f;
    f.voicing = 0.2f;
}
void setCepstra(FrameFeatures& f, float cep, std::normal_distribution<float>& n01,
                std::mt19937& rng) {
    for (int d = 0; d < kMfccCount; ++d) f.setMfcc(d, cep + n01(rng));
}
// A voiced frame of talk at `level` dB and `pitchHz`, with an uneven spectrum; and the level of
// sentences, rising and falling with the syllables around `base` dB.
void setVoiced(FrameFeatures& f, float level, float pitchHz) {
    f.logEnergy = level;
    f.flatness = 0.2f;
    f.voicing = 0.6f;
    f.pitchHz = pitchHz;
}
// A speaking pitch about `base` at frame i: it glides +-2 % over about a second, as speech's
// does (a pitch held still for a second is a steady tone: steadyTones).
float speakingPitch(float base, size_t i) {
    return base * std::exp2(0.03f * std::sin(static_cast<float>(i) * 6.2831853f / 110.0f));
}
// The pitch track of five voices at once at frame i: it hops between them every third frame.
float babblePitch(size_t i) {
    constexpr float kVoices[] = {130.0f, 190.0f, 240.0f, 290.0f, 170.0f};
    return kVoices[(i / 3) % 5];
}
float syllableLevel(size_t i, float base) {
    return base + 6.0f * std::sin(static_cast<float>(i) / 4.0f);
}
// With the steady-tone test under trial turned off (in `off`), no frame is a tone.
void expectNoTones(std::span<const FrameFeatures> frames, const TalkParams& off) {
    const auto none = steadyTones(frames, off);
    EXPECT_EQ(std::count(none.begin(), none.end(), 1), 0);
}
// Whether frame i falls in one of `spans` ([first, second) each).
bool within(size_t i, std::initializer_list<std::pair<size_t, size_t>> spans) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const auto& s) { return i >= s.first && i < s.second; });
}
// What sounds at a frame of a lesson with a radio-like teacher, whose pitch track jumps between
// harmonics (80-500 Hz): her sentences (a syllable-rate level, cepstra 2), her sentences in two
// phonetic groups (cepstra 2 and `unbrokenCep`, alternating every 4 frames), her unbroken talk
// (a steady level `unbrokenDb`, cepstra `unbrokenCep`), babble (as steady, cepstra -1), a
// student's answers (300 Hz, cepstra `answerCep`), or the quiet room, lifted 6 dB by its own
// reverberation (Hum).
enum class Sound { Quiet, Hum, Sentence, TwoGroupSentence, Unbroken, Babble, Answer };
std::vector<FrameFeatures> radioTeacherLesson(size_t count, uint32_t seed,
                                              const std::function<Sound(size_t)>& soundAt,
                                              float unbrokenDb = -30.0f, float unbrokenCep = 2.0f,
                                              float answerCep = -2.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::uniform_real_distribution<float> anyPitch(80.0f, 500.0f);
    std::vector<FrameFeatures> frames(count);
    for (size_t i = 0; i < count; ++i) {
        auto& f = frames[i];
        const Sound sound = soundAt(i);
        float cep = 0.0f;
        if (sound == Sound::Sentence || sound == Sound::TwoGroupSentence) {
            setVoiced(f, syllableLevel(i, -32.0f), anyPitch(rng));
            cep = sound == Sound::TwoGroupSentence && i % 8 >= 4 ? unbrokenCep : 2.0f;
        } else if (sound == Sound::Unbroken || sound == Sound::Babble) {
            const float level = (sound == Sound::Unbroken ? unbrokenDb : -30.0f) + 0.5f * n01(rng);
            setVoiced(f, level, anyPitch(rng));
            cep = sound == Sound::Unbroken ? unbrokenCep : -1.0f;
        } else if (sound == Sound::Answer) {
            setVoiced(f, syllableLevel(i, -34.0f), 300.0f + 5.0f * n01(rng));
            cep = answerCep;
        } else {
            setQuietRoom(f, n01, rng);
            if (sound == Sound::Hum) f.logEnergy += 6.0f;
        }
        setCepstra(f, cep, n01, rng);
    }
    return frames;
}
// `count` frames of a quiet room in which `talk(i, f)` may set frame i's sound: it returns the
// centre of that frame's cepstra, or nothing to leave the frame to the room. Every frame's
// cepstra scatter about their centre (0 for the room).
std::vector<FrameFeatures> roomFrames(
    size_t count, uint32_t seed,
    const std::function<std::optional<float>(size_t, FrameFeatures&)>& talk) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<FrameFeatures> frames(count);
    for (size_t i = 0; i < count; ++i) {
        auto& f = frames[i];
        const auto cep = talk(i, f);
        if (!cep) setQuietRoom(f, n01, rng);
        setCepstra(f, cep.value_or(0.0f), n01, rng);
    }
    return frames;
}
// A quiet room `seconds` long: a teacher's 6 s questions starting at `questions`, `answer` at
// 9.5 s (in the pause after the first) and an unvoiced noise burst `noiseS` long (a dropped book)
// at 20.5 s, analysed.
Result<TalkResult> questionsAnswerAndNoise(double seconds, std::initializer_list<double> questions,
                                           const std::vector<float>& answer, double noiseS) {
    auto x = whiteNoise(seconds, 0.002);
    for (double t : questions) addInto(x, voice(110, 6.0, 0.2), static_cast<size_t>(t * 16000));
    addInto(x, answer, static_cast<size_t>(9.5 * 16000));
    addInto(x, whiteNoise(noiseS, 0.1, 5), static_cast<size_t>(20.5 * 16000));
    return analyzeTalk(x);
}
// Voice activity of frames against their own noise floor.
VoiceActivity voiceActivityOf(std::span<const FrameFeatures> frames,
                              const TalkParams& params = {}) {
    return detectVoiceActivity(frames, estimateNoiseFloor(frames, params), params);
}
Result<TalkResult> analyzeFrames(std::span<const FrameFeatures> frames,
                                 const TalkParams& params = {}) {
    return analyzeTalk(frames, static_cast<int64_t>(frames.size()) * 160, params);
}
// Six children and adults talking at once from `at` for `seconds`, added into x: each voice its
// own syllable rhythm (3-5 Hz) and phase, so the sum's level is steady.
void addSixVoices(std::vector<float>& x, double at, double seconds) {
    const double f0s[] = {210.0, 260.0, 300.0, 240.0, 130.0, 190.0};
    for (int k = 0; k < 6; ++k) {
        auto v = voice(f0s[k], seconds, 0.08, false);
        for (size_t i = 0; i < v.size(); ++i) {
            const double t = static_cast<double>(i) / 16000.0;
            v[i] *= static_cast<float>(
                0.55 + 0.45 * std::sin(2 * std::numbers::pi * (3.0 + 0.4 * k) * t + 1.1 * k));
        }
        addInto(x, v, static_cast<size_t>(at * 16000));
    }
}
}  // namespace

TEST(TalkAnalyzer, EmptyInputGivesNoSegments) {
    TalkAnalyzer a;
    auto r = a.finish();
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->segments.empty());
    EXPECT_EQ(r->version, "talk-v16");
}

TEST(TalkAnalyzer, DamagedFloatSamplesStillGiveWholeSegmentsWithNumbersForConfidence) {
    // Found by fuzzing (tests/fuzz/talk_fuzz.cpp): a few samples of 3e38 in a float stream made
    // every confidence NaN, which the library cannot store.
    auto x = whiteNoise(12.0, 0.002);
    addInto(x, voice(120, 4.0, 0.2), 16000 * 2);
    x[16000 * 3] = 3e38f;
    x[16000 * 3 + 1] = -3e38f;
    x[16000 * 8] = std::nanf("");
    x[16000 * 9] = INFINITY;
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (const auto& s : r->segments) {
        EXPECT_TRUE(std::isfinite(s.confidence));
        EXPECT_GE(s.confidence, 0.0f);
        EXPECT_LE(s.confidence, 1.0f);
    }
}

TEST(TalkAnalyzer, RoomNoiseAloneIsSilence) {
    auto x = whiteNoise(20.0, 0.003);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    ASSERT_EQ(r->segments.size(), 1u);
    EXPECT_EQ(r->segments[0].label, TalkLabel::Silence);
    EXPECT_EQ(r->duration, 20_s);
}

TEST(TalkAnalyzer, VoiceBurstsInNoiseAreTalkAndNoiseBurstsAreNot) {
    auto x = whiteNoise(30.0, 0.002);
    addInto(x, voice(120, 3.0, 0.2), 16000 * 5);
    addInto(x, whiteNoise(0.5, 0.1, 9), 16000 * 12);  // a chair scrape: loud, unvoiced
    addInto(x, voice(120, 4.0, 0.2), 16000 * 20);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_NE(labelAt(*r, 6.5), TalkLabel::Silence);
    EXPECT_NE(labelAt(*r, 22.0), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 12.25), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 2.0), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 16.0), TalkLabel::Silence);
}

// A school buzzer, a timer's beep and a projector's whine between a teacher's sentences: loud,
// voiced and harmonic, but their pitch holds still, as no voice's does. talk-v11 called each a
// student for the 4-5 s the noise floor took to catch up with it. (A tone barely above the
// room's noise, whose pitch track wavers by a percent, still can be: steadyTones' limit.)
TEST(TalkAnalyzer, ABuzzerABeepAndAProjectorsWhineAreNotTalk) {
    auto x = whiteNoise(40.0, 0.002);
    std::vector<float> buzzer = sine(180, 4.0, 0.15);
    addInto(buzzer, sine(540, 4.0, 0.05), 0);
    addInto(buzzer, sine(900, 4.0, 0.03), 0);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 1);
    addInto(x, buzzer, 16000 * 7);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 12);
    addInto(x, sine(300, 3.0, 0.3), 16000 * 18);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 22);
    addInto(x, sine(240, 6.0, 0.2), 16000 * 29);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double t : {3.0, 14.0, 24.0}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Teacher) << t;
    for (double t : {7.5, 9.0, 10.5, 18.5, 20.5, 29.5, 32.0, 34.5})
        EXPECT_EQ(labelAt(*r, t), TalkLabel::Silence) << t;
}

TEST(TalkAnalyzer, AToneBarelyOverTheRoomsNoiseIsNotTalk) {
    // A 240 Hz sine 15 dB over the room's noise and a 120 Hz hum 19 dB over it: their pitch
    // tracks waver too much for a pitch held still (the sine's jumps 3-4 % frame to frame), but
    // their level holds within a decibel or two, as no voice's does for a second. Between a
    // teacher's sentences, both are silence.
    auto x = whiteNoise(30.0, 0.002);
    std::vector<float> hum(static_cast<size_t>(4.0 * 16000), 0.0f);
    for (int k = 1; k <= 5; ++k) addInto(hum, sine(120.0 * k, 4.0, 0.02 / k), 0);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 1);
    addInto(x, sine(240, 4.0, 0.0155), 16000 * 7);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 12);
    addInto(x, hum, 16000 * 18);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 23);
    const double tones[] = {8.0, 9.0, 10.0, 19.0, 20.0, 21.0};
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double t : {3.0, 14.0, 25.0}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Teacher) << t;
    for (double t : tones) EXPECT_EQ(labelAt(*r, t), TalkLabel::Silence) << t;
    // Without the level tests (a steady second's and a beep's), the pitch test alone lets both
    // through as talk.
    TalkParams pitchOnly;
    pitchOnly.toneLevelDb = 0.0f;
    pitchOnly.pulseMinS = 0.0f;
    auto without = analyzeTalk(x, pitchOnly);
    ASSERT_TRUE(without.ok());
    for (double t : tones) EXPECT_NE(labelAt(*without, t), TalkLabel::Silence) << t;
}

TEST(VoiceActivity, APitchedSecondAtASteadyLevelIsASteadyTone) {
    // 1.5 s whose pitch track jumps 3 % frame to frame, with octave errors, at a level within
    // 1 dB; then 4 s of a voice whose level moves 12 dB with its syllables, both wholly pitched;
    // and 1.5 s of babble as steady as the tone, whose pitch hops between five voices.
    std::vector<FrameFeatures> frames(700);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        f.voicing = 0.8f;
        if (i >= 550) {
            f.pitchHz = babblePitch(i);
            f.logEnergy = -30.0f + (i % 3 ? 0.5f : 0.0f);
        } else if (i < 150) {
            // 240 Hz +-3 % at random, with one octave error in ten frames
            f.pitchHz = i % 10 == 0
                            ? 120.0f
                            : 240.0f * (1.0f + 0.015f * static_cast<float>((i * 7) % 5) - 0.03f);
            f.logEnergy = -40.0f + (i % 3 ? 0.5f : 0.0f);
        } else {
            f.pitchHz = speakingPitch(200.0f, i);
            f.logEnergy = syllableLevel(i, -30.0f);
        }
    }
    const TalkParams params;
    const auto tone = steadyTones(frames, params);
    // (the level is smoothed over +-20 ms, so the tone's last two frames reach into the voice)
    for (size_t i = 0; i < 148; ++i) EXPECT_EQ(tone[i], 1) << i;
    for (size_t i = 150; i < frames.size(); ++i) EXPECT_EQ(tone[i], 0) << i;
    TalkParams off;
    off.toneLevelDb = 0.0f;
    expectNoTones(frames, off);
}

TEST(VoiceActivity, OnlyAPitchHeldStillForASecondIsASteadyTone) {
    // 1.2 s held within 0.1 %, 0.9 s held as still, and 3 s of a voice gliding +-2 %, each
    // rising and falling 12 dB in level as syllables do (a steady level is a tone of its own).
    std::vector<FrameFeatures> frames(800);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        f.logEnergy = syllableLevel(i, -30.0f);
        f.voicing = 0.8f;
        f.pitchHz = i < 120   ? 300.0f + 0.1f * static_cast<float>(i % 3)
                    : i < 130 ? 0.0f
                    : i < 220 ? 180.0f
                    : i < 230 ? 0.0f
                              : speakingPitch(200.0f, i);
    }
    const TalkParams params;
    const auto tone = steadyTones(frames, params);
    for (size_t i = 0; i < 120; ++i) EXPECT_EQ(tone[i], 1) << i;
    for (size_t i = 120; i < frames.size(); ++i) EXPECT_EQ(tone[i], 0) << i;
    TalkParams off;
    off.toneMinS = 0.0f;
    expectNoTones(frames, off);
}

TEST(VoiceActivity, BeepsRepeatedAtOnePitchAreASteadyTone) {
    // Six 0.3 s beeps at 300 Hz (pitch within 1 %, level within 1 dB) every 0.6 s; then a voice
    // saying "la" six times at one held pitch, each 0.3 s as long but rising and falling 12 dB;
    // then three beeps at 200, 240 and 290 Hz (a tune, not a repeated beep). Only the first are
    // a tone: a voice's level moves, and pulses at three pitches are no one beep repeated.
    std::vector<FrameFeatures> frames(1200);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        f.logEnergy = -60.0f;
        f.voicing = 0.1f;
        const size_t inPulse = i % 60;
        if (inPulse >= 30) continue;
        f.voicing = 0.9f;
        if (i < 360) {
            f.logEnergy = -30.0f + (i % 2 ? 0.5f : 0.0f);
            f.pitchHz = 300.0f * (1.0f + 0.005f * static_cast<float>(i % 3));
        } else if (i >= 420 && i < 780) {
            f.logEnergy = -30.0f + 6.0f * std::sin(static_cast<float>(inPulse) / 4.0f);
            f.pitchHz = 220.0f;
        } else if (i >= 840 && i < 1020) {
            constexpr float kTune[] = {200.0f, 240.0f, 290.0f};
            f.logEnergy = -30.0f;
            f.pitchHz = kTune[(i - 840) / 60];
        } else {
            f.voicing = 0.1f;
        }
    }
    const TalkParams params;
    const auto tone = steadyTones(frames, params);
    for (size_t i = 0; i < frames.size(); ++i)
        EXPECT_EQ(tone[i], i < 360 && i % 60 < 30 ? 1 : 0) << i;
    TalkParams off;
    off.pulseMinS = 0.0f;
    expectNoTones(frames, off);
}

// A kitchen timer's beeps and a phone buzzing on a desk between a teacher's sentences: each
// beep is shorter than a steady tone's second, and talk-v15 called them the teacher.
TEST(TalkAnalyzer, BeepsRepeatedAtOnePitchAreNotTalk) {
    auto x = whiteNoise(36.0, 0.002);
    addInto(x, voice(120, 5.0, 0.2), 16000 * 1);
    for (int k = 0; k < 8; ++k)  // 8 beeps at 300 Hz, 0.3 s every 0.6 s, from 7 s
        addInto(x, sine(300, 0.3, 0.2), static_cast<size_t>(16000 * (7.0 + 0.6 * k)));
    addInto(x, voice(120, 5.0, 0.2), 16000 * 13);
    std::vector<float> buzz = sine(190, 0.5, 0.12);
    addInto(buzz, sine(380, 0.5, 0.06), 0);
    addInto(buzz, sine(570, 0.5, 0.04), 0);
    for (int k = 0; k < 5; ++k)  // a buzz of 0.5 s every second, from 19 s
        addInto(x, buzz, static_cast<size_t>(16000 * (19.0 + k)));
    addInto(x, voice(120, 5.0, 0.2), 16000 * 25);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double t : {3.0, 15.0, 27.0}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Teacher) << t;
    const double beeps[] = {7.15, 8.35, 9.55, 10.75, 19.25, 21.25, 23.25};
    for (double t : beeps) EXPECT_EQ(labelAt(*r, t), TalkLabel::Silence) << t;
    TalkParams noPulses;
    noPulses.pulseMinS = 0.0f;
    auto without = analyzeTalk(x, noPulses);
    ASSERT_TRUE(without.ok());
    int talk = 0;
    for (double t : beeps) talk += labelAt(*without, t) != TalkLabel::Silence;
    EXPECT_GE(talk, 5);
}

TEST(TalkAnalyzer, OneWordAnswerBetweenSilencesIsTalkAndAShortNoiseIsNot) {
    // A teacher's questions, a 0.6 s answer in the pause after one of them, and a 0.6 s
    // unvoiced noise burst (a dropped book) in another pause: the answer is talk, the noise not.
    const auto r =
        questionsAnswerAndNoise(40.0, {2.0, 12.0, 24.0}, voice(280, 0.6, 0.15, false), 0.6);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_EQ(labelAt(*r, 9.8), TalkLabel::Student);
    EXPECT_EQ(labelAt(*r, 20.8), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 5.0), TalkLabel::Teacher);
}

TEST(TalkAnalyzer, AQuietPauseInsideAStudentsAnswerIsPartOfIt) {
    // A teacher's questions; after the first, a student answers in two parts 0.45 s apart (the
    // quiet middle of a far student's sentence, lost under the room's noise). The answer is
    // one run of student talk. The teacher's own 0.45 s pause between two phrases, and the wait
    // before the answer, stay silence.
    auto x = whiteNoise(34.0, 0.002);
    addInto(x, voice(110, 6.0, 0.2), 16000 * 2);
    addInto(x, voice(280, 0.9, 0.12), static_cast<size_t>(9.5 * 16000));
    addInto(x, voice(280, 0.9, 0.12), static_cast<size_t>(10.85 * 16000));
    addInto(x, voice(110, 6.0, 0.2), 16000 * 14);
    addInto(x, voice(110, 3.0, 0.2), 16000 * 24);
    addInto(x, voice(110, 3.0, 0.2), static_cast<size_t>(27.45 * 16000));
    const double gap = 10.62, teacherPause = 27.22, wait = 8.8;
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double t : {9.8, gap, 11.3}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Student) << t;
    EXPECT_EQ(labelAt(*r, teacherPause), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, wait), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 5.0), TalkLabel::Teacher);
    TalkParams v13;
    v13.studentPauseS = 0.0f;
    auto before = analyzeTalk(x, v13);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(labelAt(*before, gap), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*before, 9.8), TalkLabel::Student);
}

TEST(TalkAnalyzer, AClassAnsweringTogetherIsSeveralVoices) {
    // "Repeat after me": six 2 s phrases of the teacher, each answered 1.2 s later for 1.3 s,
    // four times by the class at once and twice by one child. Frames as the simulator's
    // recitations measure (medians): the class 10 dB louder than her, its spectrum flatter (0.27
    // against 0.1), its pitch track hopping between voices, a frame in four unvoiced;
    // the child as loud as she is, one gliding pitch, voiced throughout. The several-voices
    // cues weigh seconds, silences and all, and hear every answer as one voice; the chorus
    // test hears the class, and leaves the child one student.
    const std::initializer_list<std::pair<size_t, size_t>> teacher = {
        {100, 300}, {900, 1100}, {1700, 1900}, {2500, 2700}, {3300, 3500}, {4100, 4300}};
    const std::initializer_list<std::pair<size_t, size_t>> classes = {
        {420, 550}, {1220, 1350}, {2020, 2150}, {3620, 3750}};
    const std::initializer_list<std::pair<size_t, size_t>> child = {{2820, 2950}, {4420, 4550}};
    const auto frames =
        roomFrames(5000, 11, [&](size_t i, FrameFeatures& f) -> std::optional<float> {
            if (within(i, teacher)) {
                setVoiced(f, syllableLevel(i, -32.0f), speakingPitch(120.0f, i));
                return 2.0f;
            }
            if (within(i, child)) {
                setVoiced(f, syllableLevel(i, -32.0f), speakingPitch(280.0f, i));
                f.flatness = 0.1f;
                return -2.0f;
            }
            if (within(i, classes)) {
                setVoiced(f, syllableLevel(i, -22.0f), babblePitch(i * 3 / 4));  // hops every 4th
                f.flatness = 0.27f;
                if (i % 4 == 1) f.voicing = 0.3f;
                return -2.0f;
            }
            return std::nullopt;
        });
    auto r = analyzeFrames(frames);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double t : {4.8, 12.8, 20.8, 36.8}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Multiple) << t;
    for (double t : {28.8, 44.8}) EXPECT_EQ(labelAt(*r, t), TalkLabel::Student) << t;
    EXPECT_EQ(labelAt(*r, 2.0), TalkLabel::Teacher);
    EXPECT_EQ(labelAt(*r, 8.0), TalkLabel::Silence);
    TalkParams v14;
    v14.chorusMaxS = 0.0f;
    auto before = analyzeFrames(frames, v14);
    ASSERT_TRUE(before.ok());
    for (double t : {4.8, 12.8, 20.8, 36.8})
        EXPECT_EQ(labelAt(*before, t), TalkLabel::Student) << t;
}

TEST(TalkAnalyzer, AOneWordAnswerAFifthOfASecondLongIsAnAnswer) {
    // "Yes." after a question: 0.22 s, ringing on a little in the room. Its echo is trimmed
    // before pauses are measured, so what is left is the word itself, shorter than 0.3 s (the
    // shortest answer and turn until the trim came first). A click as short is still silence.
    auto word = voice(280, 0.22, 0.15, false);  // 3520 samples: the echo follows at 9.72 s
    const auto ring = decaying(voice(280, 0.4, 0.03, false), 1.0);
    word.insert(word.end(), ring.begin(), ring.end());
    const auto r = questionsAnswerAndNoise(30.0, {2.0, 12.0}, word, 0.22);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_EQ(labelAt(*r, 9.6), TalkLabel::Student);
    EXPECT_EQ(labelAt(*r, 20.6), TalkLabel::Silence);
    EXPECT_EQ(labelAt(*r, 5.0), TalkLabel::Teacher);
}

TEST(TalkAnalyzer, AOneWordAnswerThatIsMostlyConsonantsIsStillAnAnswer) {
    // "Six." after the teacher's question: 0.45 s, of which only the 0.13 s vowel is voiced;
    // the hiss around it is as loud as the vowel. It is a student's answer. (talk-v4 wanted half
    // of a short answer's frames voiced and called it silence.)
    const auto frames = roomFrames(4000, 5, [](size_t i, FrameFeatures& f) -> std::optional<float> {
        const bool teacher = (i >= 100 && i < 1500) || (i >= 2200 && i < 3800);
        const bool answer = i >= 1800 && i < 1845;
        const bool vowel = i >= 1816 && i < 1829;
        if (!teacher && !answer) return std::nullopt;
        f.logEnergy = -32.0f + 6.0f * std::sin(static_cast<float>(i) / 4.0f);
        f.flatness = vowel || teacher ? 0.2f : 0.45f;
        f.voicing = vowel || teacher ? 0.7f : 0.2f;
        f.pitchHz = teacher ? 120.0f + 10.0f * std::sin(static_cast<float>(i) / 30.0f) : 260.0f;
        return teacher ? 2.0f : -2.0f;
    });
    auto r = analyzeFrames(frames);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_EQ(labelAt(*r, 18.22), TalkLabel::Student);
    EXPECT_EQ(labelAt(*r, 10.0), TalkLabel::Teacher);
    EXPECT_EQ(labelAt(*r, 17.0), TalkLabel::Silence);
}

TEST(TalkAnalyzer, DominantVoiceIsTeacherAndHintOverridesIt) {
    auto x = whiteNoise(60.0, 0.002);
    for (double t : {2.0, 14.0, 26.0, 44.0})
        addInto(x, voice(110, 8.0, 0.2), static_cast<size_t>(t * 16000));
    addInto(x, voice(290, 2.5, 0.15), static_cast<size_t>(38.0 * 16000));
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_EQ(labelAt(*r, 6.0), TalkLabel::Teacher);
    EXPECT_EQ(labelAt(*r, 39.0), TalkLabel::Student);
    auto hinted = analyzeTalk(x, {}, MediaTime::fromSeconds(39.0));
    ASSERT_TRUE(hinted.ok());
    EXPECT_EQ(labelAt(*hinted, 6.0), TalkLabel::Student);
    EXPECT_EQ(labelAt(*hinted, 39.0), TalkLabel::Teacher);
}

TEST(TalkAnalyzer, ExpectedDurationDoesNotChangeResults) {
    auto x = whiteNoise(20.0, 0.002);
    addInto(x, voice(120, 6.0, 0.2), static_cast<size_t>(3.0 * 16000));
    addInto(x, voice(260, 2.0, 0.15), static_cast<size_t>(12.0 * 16000));
    auto plain = analyzeTalk(x);
    ASSERT_TRUE(plain.ok());
    // A container's length may be right, short of its audio, or bogus (zero, negative, huge).
    for (double seconds : {20.0, 5.0, 0.0, -3.0, 1e9}) {
        TalkAnalyzer analyzer;
        analyzer.expectDuration(MediaTime::fromMicros(static_cast<int64_t>(seconds * 1e6)));
        for (size_t i = 0; i < x.size(); i += 4000)
            analyzer.push(
                std::span<const float>(x).subspan(i, std::min<size_t>(4000, x.size() - i)));
        auto r = analyzer.finish();
        ASSERT_TRUE(r.ok()) << seconds;
        EXPECT_EQ(r->duration, plain->duration) << seconds;
        ASSERT_EQ(r->segments.size(), plain->segments.size()) << seconds;
        for (size_t k = 0; k < r->segments.size(); ++k) {
            EXPECT_EQ(r->segments[k].range.start, plain->segments[k].range.start) << seconds;
            EXPECT_EQ(r->segments[k].range.end, plain->segments[k].range.end) << seconds;
            EXPECT_EQ(r->segments[k].label, plain->segments[k].label) << seconds;
            EXPECT_EQ(r->segments[k].confidence, plain->segments[k].confidence) << seconds;
        }
    }
}

// The windowed mean keeps only a window's prefix sums; its floats must be those of the whole
// prefix array it replaced (the analysis's results depend on them bit for bit).
TEST(WindowedMean, GivesThePrefixSumDefinitionExactlyAndAsksForEachValueOnceInOrder) {
    std::mt19937 rng(7);
    std::normal_distribution<float> g(0.0f, 30.0f);
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{37}, size_t{5000}}) {
        std::vector<float> x(n);
        for (auto& v : x) v = g(rng);
        for (int half : {0, 1, 3, 18, 36, 250, 9000}) {
            std::vector<double> prefix(n + 1, 0.0);
            for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + x[i];
            size_t asked = 0;
            bool inOrder = true;
            const auto got = windowedMeanOf(n, half, [&](size_t i) {
                inOrder = inOrder && i == asked;
                ++asked;
                return x[i];
            });
            EXPECT_EQ(asked, n);
            EXPECT_TRUE(inOrder);
            ASSERT_EQ(got.size(), n);
            EXPECT_EQ(windowedMean(x, half), got);
            for (size_t i = 0; i < n; ++i) {
                const size_t a = i >= static_cast<size_t>(half) ? i - half : 0;
                const size_t b = std::min(n, i + half + 1);
                ASSERT_EQ(got[i],
                          static_cast<float>((prefix[b] - prefix[a]) / static_cast<double>(b - a)))
                    << "n " << n << " half " << half << " i " << i;
            }
        }
    }
}

TEST(TalkAnalyzer, CancelStopsWithCancelledError) {
    TalkAnalyzer a;
    a.push(whiteNoise(5.0, 0.01));
    std::atomic<bool> cancel{true};
    auto r = a.finish(std::nullopt, &cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Error::Code::Cancelled);
}

TEST(TalkAnalyzer, ProgressRisesToOneAndFinishOnlyOnce) {
    TalkAnalyzer a;
    a.push(voice(150, 3.0));
    std::vector<float> seen;
    auto r = a.finish(std::nullopt, nullptr, [&](float p) { seen.push_back(p); });
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_FLOAT_EQ(seen.back(), 1.0f);
    EXPECT_FALSE(a.finish().ok());
}

TEST(VoiceActivity, RemoveShortRunsBridgesOnlyShortGaps) {
    std::vector<uint8_t> v = {1, 1, 0, 1, 1, 0, 0, 0, 1};
    removeShortRuns(v, 0, 2, 1);
    EXPECT_EQ(v, (std::vector<uint8_t>{1, 1, 1, 1, 1, 0, 0, 0, 1}));
}

TEST(VoiceActivity, NoiseFloorFollowsTheQuietLevel) {
    std::vector<FrameFeatures> frames(3000);
    for (size_t i = 0; i < frames.size(); ++i) frames[i].logEnergy = (i / 50) % 2 ? -20.0f : -60.0f;
    const auto floor = estimateNoiseFloor(frames, TalkParams{});
    for (float f : floor) EXPECT_NEAR(f, -60.0f, 0.5f);
}

TEST(SpeakerClustering, CancelIsPolledDuringClusteringAndAssignment) {
    // 200 items of 1.5 s from two alternating "voices" (distinct MFCC means and pitch).
    std::vector<FrameFeatures> frames(200 * 150);
    std::vector<SpeakerItem> items;
    for (size_t i = 0; i < frames.size(); ++i) {
        const bool second = (i / 150) % 2 == 1;
        auto& f = frames[i];
        f.pitchHz = second ? 250.0f : 120.0f;
        f.voicing = 0.8f;
        for (int d = 0; d < kMfccCount; ++d)
            f.setMfcc(d, (second ? 2.0f : -2.0f) + 0.1f * static_cast<float>((i * 7 + d) % 11));
    }
    for (int64_t b = 0; b < static_cast<int64_t>(frames.size()); b += 150)
        items.push_back({b, b + 150});
    const std::vector<uint8_t> usable(frames.size(), 1);
    const TalkParams params;

    const auto full = clusterSpeakers(frames, usable, items, params);
    EXPECT_GE(full.clusterCount(), 2);
    for (int c : full.itemCluster) EXPECT_GE(c, 0);

    const std::atomic<bool> cancel{true};
    const auto stopped = clusterSpeakers(frames, usable, items, params, &cancel);
    EXPECT_EQ(stopped.clusterCount(), 0);
    for (int c : stopped.itemCluster) EXPECT_EQ(c, -1);
}

namespace {
// Forty-four 2 s items all put in one "teacher" cluster (about 200 Hz), each coloured a little
// differently (distance, room); every eleventh is an odd one, at oddPitchHz and with its first
// four cepstra 1.5 higher.
struct TeacherCluster {
    std::vector<FrameFeatures> frames;
    std::vector<SpeakerItem> items;
    std::vector<bool> odd;
    std::vector<uint8_t> usable;
    SpeakerClusters clusters;
};
TeacherCluster teacherClusterWithOddItems(float oddPitchHz) {
    TeacherCluster t;
    std::mt19937 rng(7);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    for (int it = 0; it < 44; ++it) {
        const bool odd = it % 11 == 5;
        const float itemShift = 0.3f * n01(rng);  // per-item colouring (distance, room)
        const int64_t begin = static_cast<int64_t>(t.frames.size());
        for (int k = 0; k < 200; ++k) {
            FrameFeatures f;
            f.voicing = 0.8f;
            f.pitchHz = (odd ? oddPitchHz : 200.0f) * std::exp2(0.04f * n01(rng));
            for (int d = 0; d < kMfccCount; ++d)
                f.setMfcc(d, (odd && d < 4 ? 1.5f : 0.0f) + itemShift + n01(rng));
            t.frames.push_back(f);
        }
        t.items.push_back({begin, static_cast<int64_t>(t.frames.size())});
        t.odd.push_back(odd);
    }
    t.usable.assign(t.frames.size(), 1);
    t.clusters.itemCluster.assign(t.items.size(), 0);
    t.clusters.itemConfidence.assign(t.items.size(), 0.9f);
    t.clusters.clusterFrames = {static_cast<double>(t.frames.size())};
    t.clusters.clusterPitchHz = {200.0f};
    t.clusters.clusterPitchHops = {0.0f};
    return t;
}
}  // namespace

TEST(SpeakerClustering, ChildVoicesClusteredWithTheTeacherAreSeparated) {
    // Forty items of a teacher and four of a child 0.3 octave higher with slightly different
    // cepstra, all put in the teacher's cluster: the child's move out, and none of the
    // teacher's does, although the teacher's items vary (as with distance).
    auto t = teacherClusterWithOddItems(246.0f);
    const int moved = separateFromTeacher(t.frames, t.usable, t.items, TalkParams{}, 0, t.clusters);
    EXPECT_EQ(moved, 4);
    for (size_t i = 0; i < t.items.size(); ++i)
        EXPECT_EQ(t.clusters.itemCluster[i] != 0, t.odd[i]) << i;
    ASSERT_EQ(t.clusters.clusterCount(), 2);
    EXPECT_NEAR(t.clusters.clusterPitchHz[1], 246.0f, 10.0f);
    EXPECT_DOUBLE_EQ(t.clusters.clusterFrames[0] + t.clusters.clusterFrames[1],
                     static_cast<double>(t.frames.size()));
}

TEST(SpeakerClustering, TheTeachersOwnLowerPiecesStayWithHer) {
    // The same, but the four odd items are the teacher's own, 0.3 octave lower (falling
    // sentence ends, creak) and coloured as differently: a child speaks higher than the
    // teacher, so nothing moves.
    auto t = teacherClusterWithOddItems(162.0f);
    EXPECT_EQ(separateFromTeacher(t.frames, t.usable, t.items, TalkParams{}, 0, t.clusters), 0);
    EXPECT_EQ(t.clusters.clusterCount(), 1);
    for (int c : t.clusters.itemCluster) EXPECT_EQ(c, 0);
}

TEST(SpeakerClustering, AMixtureFitsTwoGroupsWhereOneGaussianFitsTheGapBetweenThem) {
    // Frames in two phonetic groups, cepstra at -3 and +3 (s.d. 0.5): a mixture of two finds
    // both, and a frame between them is unlikely; one Gaussian (mean 0, variance about 9) finds
    // the gap likelier than either group.
    std::mt19937 rng(5);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<VoiceMixture::Cepstra> x;
    for (int i = 0; i < 2000; ++i) {
        VoiceMixture::Cepstra c{};
        for (auto& v : c) v = (i % 2 == 0 ? 3.0f : -3.0f) + 0.5f * n01(rng);
        x.push_back(c);
    }
    VoiceMixture::Cepstra group{}, gap{};
    group.fill(3.0f);
    gap.fill(0.0f);
    VoiceMixture::Parts scratch{};
    const VoiceMixture two(x, 2), one(x, 1);
    EXPECT_GT(two.logLik(group, scratch), two.logLik(gap, scratch) + 50.0);
    EXPECT_GT(one.logLik(gap, scratch), one.logLik(group, scratch));
    // Per frame, the mixture explains its own data far better.
    double twoSum = 0, oneSum = 0;
    for (const auto& c : x) {
        twoSum += two.logLik(c, scratch);
        oneSum += one.logLik(c, scratch);
    }
    EXPECT_GT((twoSum - oneSum) / static_cast<double>(x.size()), 10.0);
}

TEST(SpeakerClustering, MixturesTakeBackTheVoicesABroadTeacherModelSwallowed) {
    // The teacher's frames fall into two phonetic groups, cepstra +-2; a student's lie between
    // them, around 0, where one diagonal Gaussian of the teacher (mean 0, variance 4) fits them
    // too, and six of the student's items were clustered with the teacher. One of the teacher's
    // items sits with the student. Everyone speaks at 200 Hz: only the spectra tell.
    std::mt19937 rng(11);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<FrameFeatures> frames;
    std::vector<SpeakerItem> items;
    std::vector<bool> isTeacher;
    SpeakerClusters clusters;
    auto addItem = [&](bool teacher, int cluster) {
        const int64_t begin = static_cast<int64_t>(frames.size());
        for (int k = 0; k < 200; ++k) {
            FrameFeatures f;
            f.voicing = 0.8f;
            f.pitchHz = 200.0f * std::exp2(0.03f * n01(rng));
            const float centre = teacher ? ((k / 10) % 2 == 0 ? 2.0f : -2.0f) : 0.0f;
            for (int d = 0; d < kMfccCount; ++d)
                f.setMfcc(d, (d < 4 ? centre : 0.0f) + 0.5f * n01(rng));
            frames.push_back(f);
        }
        items.push_back({begin, static_cast<int64_t>(frames.size())});
        isTeacher.push_back(teacher);
        clusters.itemCluster.push_back(cluster);
        clusters.itemConfidence.push_back(0.9f);
    };
    for (int i = 0; i < 40; ++i) addItem(true, 0);
    for (int i = 0; i < 6; ++i) addItem(false, 0);
    for (int i = 0; i < 6; ++i) addItem(false, 1);
    addItem(true, 1);
    clusters.clusterFrames = {46 * 200.0, 7 * 200.0};
    clusters.clusterPitchHz = {200.0f, 200.0f};
    clusters.clusterPitchHops = {0.0f, 0.0f};
    const std::vector<uint8_t> usable(frames.size(), 1);

    TalkParams off;
    off.mixtureComponents = 0;  // talk-v5: nothing moves
    auto unchanged = clusters;
    EXPECT_EQ(reassignByMixtures(frames, usable, items, off, 0, unchanged), 0);

    // A reviewer's hint outranks the models: the item it names stays the teacher's.
    auto hinted = clusters;
    EXPECT_EQ(reassignByMixtures(frames, usable, items, TalkParams{}, 0, hinted, 42), 6);
    EXPECT_EQ(hinted.itemCluster[42], 0);
    EXPECT_NE(hinted.itemCluster[43], 0);

    EXPECT_EQ(reassignByMixtures(frames, usable, items, TalkParams{}, 0, clusters), 7);
    for (size_t i = 0; i < items.size(); ++i)
        EXPECT_EQ(clusters.itemCluster[i] == 0, isTeacher[i]) << i;
    EXPECT_DOUBLE_EQ(clusters.clusterFrames[0], 41 * 200.0);
    double total = 0;
    for (double f : clusters.clusterFrames) total += f;
    EXPECT_DOUBLE_EQ(total, static_cast<double>(frames.size()));
}

TEST(SpeakerClustering, AVoiceBetweenTheTeachersAndTheStudentsIsLessSure) {
    // As above: the teacher's cepstra in two groups at +-2, the students' at 0. One more item,
    // clustered with the teacher, lies at +-1: as near her groups as the students', and whichever
    // side it lands on is a guess. Its confidence must say so, while her own items and the
    // students' are sure, and a long item on the students' side is less sure than a short one
    // with the same voice: long stretches there are often the teacher's split-off pieces.
    std::mt19937 rng(12);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<FrameFeatures> frames;
    std::vector<SpeakerItem> items;
    SpeakerClusters clusters;
    auto addItem = [&](float spread, int cluster, int length) {
        const int64_t begin = static_cast<int64_t>(frames.size());
        for (int k = 0; k < length; ++k) {
            FrameFeatures f;
            f.voicing = 0.8f;
            f.pitchHz = 200.0f * std::exp2(0.03f * n01(rng));
            const float centre = (k / 10) % 2 == 0 ? spread : -spread;
            for (int d = 0; d < kMfccCount; ++d)
                f.setMfcc(d, (d < 4 ? centre : 0.0f) + 0.5f * n01(rng));
            frames.push_back(f);
        }
        items.push_back({begin, static_cast<int64_t>(frames.size())});
        clusters.itemCluster.push_back(cluster);
        clusters.itemConfidence.push_back(0.9f);
    };
    for (int i = 0; i < 30; ++i) addItem(2.0f, 0, 200);
    for (int i = 0; i < 10; ++i) addItem(0.0f, 1, 200);
    addItem(0.0f, 1, 60);    // 40: a short student answer
    addItem(0.0f, 1, 1200);  // 41: a long student stretch
    addItem(1.0f, 0, 40);    // 42: between them (long, it would train a part of her mixture)
    clusters.clusterFrames = {0.0, 0.0};
    for (size_t i = 0; i < items.size(); ++i)
        clusters.clusterFrames[static_cast<size_t>(clusters.itemCluster[i])] +=
            static_cast<double>(items[i].end - items[i].begin);
    clusters.clusterPitchHz = {200.0f, 200.0f};
    clusters.clusterPitchHops = {0.0f, 0.0f};
    const std::vector<uint8_t> usable(frames.size(), 1);

    reassignByMixtures(frames, usable, items, TalkParams{}, 0, clusters);
    for (size_t i = 0; i < 30; ++i) {
        EXPECT_EQ(clusters.itemCluster[i], 0) << i;
        EXPECT_GT(clusters.itemConfidence[i], 0.95f) << i;
    }
    for (size_t i = 30; i < 42; ++i) {
        EXPECT_NE(clusters.itemCluster[i], 0) << i;
        EXPECT_GT(clusters.itemConfidence[i], 0.8f) << i;
    }
    // (measured: her items 0.997, the students' 0.84-0.93, the one between them 0.73)
    EXPECT_LT(clusters.itemConfidence[42], 0.8f);
    for (size_t i = 0; i < 42; ++i)
        EXPECT_LT(clusters.itemConfidence[42] + 0.1f, clusters.itemConfidence[i]) << i;
    EXPECT_LT(clusters.itemConfidence[41], clusters.itemConfidence[40]);
}

TEST(SpeakerClustering, AMixturesBestPartBoundsItsLikelihood) {
    // logLik sums the parts; bestPartLogLik keeps the best one: never more, and at most log k
    // less. With four parts or fewer only four are weighed: the same values as eight lanes give.
    std::mt19937 rng(3);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<VoiceMixture::Cepstra> x;
    for (int i = 0; i < 1200; ++i) {
        VoiceMixture::Cepstra c{};
        for (auto& v : c) v = static_cast<float>(i % 3) * 1.5f + n01(rng);
        x.push_back(c);
    }
    for (int parts : {1, 3, 8}) {
        const VoiceMixture m(x, parts);
        VoiceMixture::Parts scratch{};
        for (size_t i = 0; i < x.size(); i += 7) {
            const double all = m.logLik(x[i], scratch);
            const double best = m.bestPartLogLik(x[i]);
            EXPECT_LE(best, all + 1e-4) << parts << " " << i;
            EXPECT_GE(best, all - std::log(static_cast<double>(parts)) - 1e-4) << parts;
            // the scratch holds each part's share; parts beyond the mixture's never count
            for (int c = parts; c < VoiceMixture::kMaxParts; ++c) EXPECT_LT(scratch[c], -1e29f);
        }
    }
}

namespace {
// Frames whose first four cepstra lie around `centre` (s.d. 0.5); the rest are noise.
void addVoice(std::vector<FrameFeatures>& frames, std::mt19937& rng, float centre, int count) {
    std::normal_distribution<float> n01(0.0f, 1.0f);
    for (int k = 0; k < count; ++k) {
        FrameFeatures f;
        f.voicing = 0.8f;
        f.pitchHz = 200.0f;
        for (int d = 0; d < kMfccCount; ++d)
            f.setMfcc(d, (d < 4 ? centre : 0.0f) + 0.5f * n01(rng));
        frames.push_back(f);
    }
}

struct RunEnds {
    std::vector<FrameFeatures> frames;
    std::vector<SpeakerItem> items;
    std::vector<uint8_t> side;
    // side 1 / 2 / 0 over [begin, end): an item of clustered talk, or a pause
    void add(std::mt19937& rng, float centre, int count, uint8_t s) {
        const auto begin = static_cast<int64_t>(frames.size());
        addVoice(frames, rng, centre, count);
        side.resize(frames.size(), s);
        if (s != 0) items.push_back({begin, static_cast<int64_t>(frames.size())});
    }
};

// The teacher's voice (cepstra +2) and a student's (-2): 10 s of each to learn them from, then
// a run the item decisions gave the teacher whole, though its last second is the student
// answering without a pause, and a run of the teacher's with the student's voice in its middle.
RunEnds studentAnswerBridgedOntoTheTeacher() {
    std::mt19937 rng(17);
    RunEnds r;
    r.add(rng, 2.0f, 1000, 1);
    r.add(rng, 0.0f, 20, 0);
    r.add(rng, -2.0f, 1000, 2);
    r.add(rng, 0.0f, 20, 0);
    r.add(rng, 2.0f, 300, 1);             // frames 2040..2339: the teacher
    addVoice(r.frames, rng, -2.0f, 100);  // 2340..2439: the student, in the same item
    r.side.resize(r.frames.size(), 1);
    r.items.back().end = static_cast<int64_t>(r.frames.size());
    r.add(rng, 0.0f, 20, 0);
    r.add(rng, 2.0f, 150, 1);  // 2460..2609
    r.add(rng, -2.0f, 60, 1);  // 2610..2669: inside the run, not at its ends
    r.add(rng, 2.0f, 150, 1);  // 2670..2819
    return r;
}
}  // namespace

TEST(SpeakerClustering, AnAnswerBridgedOntoTheTeachersSentenceLeavesHerRunsEnd) {
    auto r = studentAnswerBridgedOntoTheTeacher();
    const auto before = r.side;
    const int changed = resegmentRunEnds(r.frames, r.items, TalkParams{}, -1, r.side);
    // The answer, and nothing else, moves to the other side (a frame or two of slack where the
    // voices meet).
    EXPECT_GE(changed, 98);
    EXPECT_LE(changed, 102);
    for (size_t k = 2345; k < 2440; ++k) EXPECT_EQ(r.side[k], 2) << k;
    for (size_t k = 2040; k < 2335; ++k) EXPECT_EQ(r.side[k], 1) << k;
    // The training runs, the pauses and the run with the student inside it stay as they were:
    // only a run's ends move.
    for (size_t k = 0; k < 2040; ++k) EXPECT_EQ(r.side[k], before[k]) << k;
    for (size_t k = 2440; k < r.side.size(); ++k) EXPECT_EQ(r.side[k], before[k]) << k;
}

TEST(SpeakerClustering, RunEndsStayWhenDisabledHintedOrTooLittleIsKnown) {
    auto r = studentAnswerBridgedOntoTheTeacher();
    const auto before = r.side;
    TalkParams off;
    off.resegmentCost = 0.0f;
    EXPECT_EQ(resegmentRunEnds(r.frames, r.items, off, -1, r.side), 0);
    EXPECT_EQ(r.side, before);
    // A reviewer said the teacher speaks in that item: it stays hers.
    EXPECT_EQ(resegmentRunEnds(r.frames, r.items, TalkParams{}, 2, r.side), 0);
    EXPECT_EQ(r.side, before);
    // Under 3 s of the other voices: nothing to model them on.
    for (size_t k = 1020; k < 1800; ++k) r.side[k] = 0;
    const auto sparse = r.side;
    EXPECT_EQ(resegmentRunEnds(r.frames, r.items, TalkParams{}, -1, r.side), 0);
    EXPECT_EQ(r.side, sparse);
}

TEST(SpeakerClustering, LinkingRepeatsUntilNoVoiceJoins) {
    // One voice heard three ways, which BIC keeps apart by pitch: A (the most talk, half of it
    // unvoiced, 120 Hz), C (105 Hz, all voiced) and B (98 Hz). B is too far below A's median
    // (0.29 octave) to join it, but once C has joined A, A's median is 105 Hz and B joins too.
    // One round of linking (talk-v3) left B a separate "student".
    std::mt19937 rng(3);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<FrameFeatures> frames;
    std::vector<SpeakerItem> items;
    std::vector<char> group;
    auto addItems = [&](char g, int count, float pitchHz, float voicedShare, float cep) {
        for (int it = 0; it < count; ++it) {
            const int64_t begin = static_cast<int64_t>(frames.size());
            for (int k = 0; k < 200; ++k) {
                FrameFeatures f;
                const bool voiced = static_cast<float>(k % 100) < voicedShare * 100.0f;
                f.voicing = voiced ? 0.8f : 0.1f;
                f.pitchHz = voiced ? pitchHz * std::exp2(0.02f * n01(rng)) : 0.0f;
                setCepstra(f, cep, n01, rng);
                frames.push_back(f);
            }
            items.push_back({begin, static_cast<int64_t>(frames.size())});
            group.push_back(g);
        }
    };
    addItems('A', 10, 120.0f, 0.5f, 0.0f);
    addItems('C', 8, 105.0f, 1.0f, 0.1f);
    addItems('B', 4, 98.0f, 1.0f, -0.1f);
    const std::vector<uint8_t> usable(frames.size(), 1);
    const auto clusters = clusterSpeakers(frames, usable, items, TalkParams{});
    ASSERT_EQ(clusters.clusterCount(), 1);
    for (int c : clusters.itemCluster) EXPECT_EQ(c, 0);
}

TEST(VoiceActivity, SyllableModulationCountsAgainstSeveralVoices) {
    // Ten seconds of continuous talk without pauses at a steady long-term level: the level cues
    // alone cannot tell one fast talker from babble. One talker's level rises and falls with
    // each syllable (here +-5 dB at 5 Hz); babble's stays within a dB. Only the modulated one
    // loses score to the modulation cue, and babble keeps exactly the score it had without it.
    auto make = [](float depthDb) {
        std::vector<FrameFeatures> frames(1000);
        for (size_t i = 0; i < frames.size(); ++i) {
            auto& f = frames[i];
            const float phase = static_cast<float>(i % 20) / 20.0f;
            f.logEnergy = -30.0f + depthDb * std::sin(6.2831853f * phase);
            f.flatness = 0.2f;
            f.voicing = 0.7f;
            // one talker's pitch glides; babble's hops between its voices (one pitch at a
            // level that steady is a tone: steadyTones)
            f.pitchHz = depthDb >= 1.0f ? speakingPitch(150.0f, i) : babblePitch(i);
        }
        return frames;
    };
    TalkParams off;
    off.multiModWeight = 0.0f;
    const TalkParams on;
    for (float depth : {0.7f, 5.0f}) {
        const auto frames = make(depth);
        std::vector<float> floorDb(frames.size(), -60.0f);
        const auto va = detectVoiceActivity(frames, floorDb, on);
        const auto without = multiVoiceScore(frames, va, off);
        const auto with = multiVoiceScore(frames, va, on);
        for (size_t i = 300; i < 700; i += 50) {
            ASSERT_TRUE(va.speech[i]);
            if (depth < 1.0f)
                EXPECT_EQ(with[i], without[i]) << i;
            else
                EXPECT_LT(with[i], without[i] - 0.5f) << i;
        }
    }
}

TEST(TalkAnalyzer, ANoiseThatStartsMidLessonIsNotTalk) {
    // A quiet room with a few sentences; a projector fan (air noise 18 dB up and a humming
    // blade-pass tone with harmonics) runs from 40 s to 100 s and talk goes on over it. The
    // fan alone is never talk, before, during or after the talk over it.
    auto x = whiteNoise(140.0, 0.002);
    std::vector<float> fan = whiteNoise(60.0, 0.016, 5);
    for (int h = 1; h <= 4; ++h) addInto(fan, sine(110.0 * h, 60.0, 0.008 / h), 0);
    addInto(x, fan, 16000 * 40);
    for (double at : {5.0, 15.0, 25.0, 50.0, 75.0, 110.0, 125.0})
        addInto(x, voice(at < 100 ? 180 : 120, 3.0, 0.2), static_cast<size_t>(16000 * at));
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {6.5, 51.5, 76.5, 111.5}) EXPECT_NE(labelAt(*r, at), TalkLabel::Silence) << at;
    for (double at : {2.0, 35.0, 42.0, 46.0, 60.0, 65.0, 70.0, 85.0, 90.0, 97.0, 104.0, 118.0})
        EXPECT_EQ(labelAt(*r, at), TalkLabel::Silence) << at;
}

TEST(TalkAnalyzer, AQuietDistantVoiceIsTalkAndAReverberantDecayIsNot) {
    // A teacher far from the microphone: three sentences about 5 dB over the noise bed (band
    // level, smoothed), below speechSnrDb (talk-v4 scored them silence). Then a nearer, louder
    // voice whose last vowel rings on in a hall (RT60 2 s) after the voice stops at 22 s: the
    // decay passes through the same 4-9 dB, voiced, but it is no one talking. (Counting every
    // voiced frame 4 dB over the floor kept the decay as talk until 22.5 s.)
    auto x = whiteNoise(30.0, 0.01);
    for (int k = 0; k < 3; ++k)
        addInto(x, voice(120, 2.4, 0.18), static_cast<size_t>(16000 * (5.0 + 2.7 * k)));
    addInto(x, voice(200, 2.0, 0.4), 16000 * 20);
    addInto(x, decaying(voice(200, 1.5, 0.4, false), 2.0), 16000 * 22);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {5.5, 6.5, 7.0, 8.5, 9.5, 11.0, 12.5, 20.5, 21.5})
        EXPECT_NE(labelAt(*r, at), TalkLabel::Silence) << at;
    for (double at : {2.0, 4.5, 14.0, 18.0, 22.4, 22.5, 22.7, 23.0, 25.0, 28.0})
        EXPECT_EQ(labelAt(*r, at), TalkLabel::Silence) << at;
}

TEST(TalkAnalyzer, PausesAreMeasuredBetweenVoicesNotBetweenTheirEchoes) {
    // Three phrases of one teacher, 2 s each, with a long pause and then a 0.15 s one; each
    // phrase's last sound rings on in the room after the voice stops. Annotators (and NIST's
    // scoring) join turns less than 0.3 s apart: the long pause is silence, the short one talk.
    auto lesson = [](double noiseRms, double ringAmplitude, double rt60, double longPause) {
        auto x = whiteNoise(12.0, noiseRms);
        const auto ring = decaying(voice(150, 0.8, ringAmplitude, false), rt60);
        for (double start : {2.0, 4.0 + longPause, 6.15 + longPause}) {
            addInto(x, voice(150, 2.0, 0.3), static_cast<size_t>(16000 * start));
            addInto(x, ring, static_cast<size_t>(16000 * (start + 2.0)));
        }
        auto r = analyzeTalk(x);
        EXPECT_TRUE(r.ok());
        if (r.ok()) expectCovers(*r);
        return r;
    };
    // A quiet room (RT60 1.2 s) whose echo of each phrase's end stays loud for most of a 0.6 s
    // pause: measured between the echoes, the pause would be under 0.3 s. Tails are trimmed
    // before pauses are measured.
    const auto loud = lesson(0.003, 0.3, 1.2, 0.6);
    ASSERT_TRUE(loud.ok());
    for (double at : {3.0, 5.5, 6.7, 7.5}) EXPECT_NE(labelAt(*loud, at), TalkLabel::Silence) << at;
    for (double at : {1.0, 4.35, 4.45, 4.55, 10.0})
        EXPECT_EQ(labelAt(*loud, at), TalkLabel::Silence) << at;
    // A noisier room (RT60 1.5 s), soft echoes, a 0.5 s pause: the short pause, widened by the
    // trimmed ends of the phrases around it, is still under 0.3 s (talk-v5 made it silence: it
    // joined only pauses under 0.25 s).
    const auto soft = lesson(0.01, 0.12, 1.5, 0.5);
    ASSERT_TRUE(soft.ok());
    for (double at : {3.0, 5.5, 6.45, 6.55, 6.6, 7.5})
        EXPECT_NE(labelAt(*soft, at), TalkLabel::Silence) << at;
    for (double at : {1.0, 4.1, 4.2, 4.3, 4.4, 10.0})
        EXPECT_EQ(labelAt(*soft, at), TalkLabel::Silence) << at;
}

TEST(TalkAnalyzer, GroupWorkIsSeveralVoicesFromItsFirstSecondToItsLast) {
    // 40 s of six children and adults talking at once, between quiet stretches. The cue window
    // (5 s) straddling the silence before the babble starts, or after it stops, sees the pauses
    // a single talker leaves; talk-v3 gave the group work's first and last 2 s to a student.
    auto x = whiteNoise(70.0, 0.002);
    addSixVoices(x, 15.0, 40.0);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {15.6, 16.5, 17.5, 30.0, 52.5, 53.5, 54.4})
        EXPECT_EQ(labelAt(*r, at), TalkLabel::Multiple) << at;
    for (double at : {5.0, 14.0, 56.0, 65.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Silence) << at;
}

TEST(TalkAnalyzer, ShortPairTalkIsSeveralVoicesFromItsFirstSecondToItsLast) {
    // 16 s of six voices at once ("turn to your partner"), between a teacher's questions. The
    // cue window straddles the quiet before and after, so only the middle scores as several
    // voices; its first and last 2 s read as one voice. Too short to be group work, the stretch
    // is tested as one voice first and stays several voices; then its fringes are several
    // voices too. talk-v9 gave them to a student or the teacher.
    auto x = whiteNoise(50.0, 0.002);
    for (double t : {2.0, 9.0, 36.0, 43.0})
        addInto(x, voice(110, 5.0, 0.2), static_cast<size_t>(t * 16000));
    addSixVoices(x, 17.0, 16.0);
    auto r = analyzeTalk(x);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {17.3, 18.5, 25.0, 31.5, 32.7})
        EXPECT_EQ(labelAt(*r, at), TalkLabel::Multiple) << at;
    for (double at : {4.0, 11.0, 38.0, 45.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    for (double at : {15.0, 34.5}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Silence) << at;

    TalkParams v9;
    v9.multiFringeMinS = 0.0f;
    auto before = analyzeTalk(x, v9);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(labelAt(*before, 25.0), TalkLabel::Multiple);
    for (double at : {17.3, 32.7}) EXPECT_NE(labelAt(*before, at), TalkLabel::Multiple) << at;
}

TEST(VoiceActivity, NoiseLiftedByGainControlBeforeTalkIsNotTalk) {
    // A camcorder's automatic gain lifts the room's air noise during a long pause: here 4 s of
    // it 13 dB over the room's usual level (frame to frame within +-3 dB, barely voiced, with a
    // flat spectrum), right before the teacher starts at 24 s. The teacher is talk from her
    // first syllable; the lifted noise is not, however long and loud it is. (talk-v3 counted
    // it as talk through its "long, loud and a little voiced" rule, and its edge trim stopped
    // at the first noise frame that flickered above the line.)
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> jitter(-3.0f, 3.0f);
    std::vector<FrameFeatures> frames(3600);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        const bool talk = (i >= 2400 && i < 3000);
        const bool lifted = i >= 2000 && i < 2400;
        if (talk) {
            const float phase = static_cast<float>(i % 25) / 25.0f;
            f.logEnergy = -40.0f + 4.0f * std::sin(6.2831853f * phase);
            f.flatness = 0.15f;
            f.voicing = 0.85f;
            f.pitchHz = speakingPitch(200.0f, i);
        } else {
            f.logEnergy = (lifted ? -47.0f : -60.0f) + jitter(rng);
            f.flatness = 0.5f;
            f.voicing = i % 3 == 0 ? 0.3f : 0.2f;
            f.pitchHz = 100.0f + static_cast<float>(i % 7) * 40.0f;
        }
    }
    const auto va = voiceActivityOf(frames);
    for (size_t i = 2000; i < 2380; i += 20) EXPECT_EQ(va.speech[i], 0) << i;
    for (size_t i = 2410; i < 2990; i += 20) EXPECT_EQ(va.speech[i], 1) << i;
}

TEST(VoiceActivity, AFanTheSpeechModelHasLearnedIsNotTalkButBabbleIsTalk) {
    // Frame features of a room where a projector fan runs from 20 s to 60 s, 11 dB over the
    // room's quiet level with an uneven spectrum (flatness 0.3) and a chance voiced pair of
    // frames every quarter second: long, loud and a little voiced, like babble in a
    // reverberant room. The speech model's noise estimate has followed the fan (speechLlr 0);
    // it has not followed the babble from 70 s to 90 s, which is otherwise the same
    // (speechLlr 3). talk-v6 counted the fan as talk.
    std::mt19937 rng(17);
    std::uniform_real_distribution<float> jitter(-2.0f, 2.0f);
    std::vector<FrameFeatures> frames(10000);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        const bool fan = i >= 2000 && i < 6000;
        const bool babble = i >= 7000 && i < 9000;
        if (fan || babble) {
            f.logEnergy = -49.0f + jitter(rng);
            f.flatness = 0.3f;
            const bool voiced = i % 25 < 2;
            f.voicing = voiced ? 0.5f : 0.25f;
            f.pitchHz = voiced ? 150.0f : 0.0f;
            f.speechLlr = babble ? 3.0f : 0.0f;
        } else {
            f.logEnergy = -60.0f + jitter(rng);
            f.flatness = 0.5f;
            f.voicing = 0.2f;
        }
    }
    const auto va = voiceActivityOf(frames);
    for (size_t i = 2200; i < 5800; i += 100) EXPECT_EQ(va.speech[i], 0) << i;
    for (size_t i = 7200; i < 8800; i += 100) EXPECT_EQ(va.speech[i], 1) << i;
}

TEST(VoiceActivity, ACoughIsNotTalkThoughSomeOfItsFramesLookVoiced) {
    // A loud 0.4 s cough whose every other frame looks voiced, at pitches that jump about
    // (90-420 Hz), and a 0.4 s "Yes." whose pitch glides from 220 to 200 Hz. Only the answer is
    // talk. (talk-v4 kept any island with 5 voiced-looking frames: the cough too.)
    std::vector<FrameFeatures> frames(3000);
    const std::array<float, 4> jumps{90.0f, 350.0f, 140.0f, 420.0f};
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        const bool cough = i >= 1000 && i < 1040;
        const bool yes = i >= 2000 && i < 2040;
        f.logEnergy = cough ? -30.0f : yes ? -35.0f : -60.0f;
        f.flatness = cough || yes ? 0.2f : 0.5f;
        f.voicing = yes || (cough && i % 2 == 0) ? 0.7f : 0.2f;
        f.pitchHz = yes ? 220.0f - static_cast<float>(i - 2000) * 0.5f : jumps[(i / 2) % 4];
    }
    const auto va = voiceActivityOf(frames);
    for (size_t i = 1000; i < 1040; i += 5) EXPECT_EQ(va.speech[i], 0) << i;
    for (size_t i = 2005; i < 2035; i += 5) EXPECT_EQ(va.speech[i], 1) << i;
    TalkParams anyVoiced;
    anyVoiced.islandSteadyOct = 0.0f;
    EXPECT_EQ(voiceActivityOf(frames, anyVoiced).speech[1020], 1);
}

TEST(TalkAnalyzer, ShortUnbrokenTalkInOnePitchIsOneVoiceAndShortBabbleIsNot) {
    // Frame features of a reverberant room: a teacher (110 Hz) in sentences with pauses; 8 s of
    // a student whose pauses and syllable dips the room has filled (a steady level, voiced
    // throughout, pitch gliding around 220 Hz; what a room leaves of her syllables, +-1.5 dB, is
    // what the modulation transfer function leaves of speech's at a reverberation time of 3 s);
    // and 8 s of five voices at once (a level as steady, pitch hopping between 130 and 290 Hz).
    // By level alone the student and the babble
    // are both several voices; the student's pitch stays in one narrow band, so it is one
    // voice, and the babble stays several voices (its middle: its edges are another matter).
    std::mt19937 rng(5);
    std::normal_distribution<float> n01(0.0f, 1.0f);
    std::vector<FrameFeatures> frames(6000);
    for (size_t i = 0; i < frames.size(); ++i) {
        auto& f = frames[i];
        const bool one = i >= 1000 && i < 1800;
        const bool many = i >= 3500 && i < 4300;
        // the teacher, at 110 Hz, in sentences with pauses, before and after
        const bool teacher =
            ((i >= 100 && i < 900) || (i >= 2000 && i < 3300) || (i >= 4500 && i < 5800)) &&
            i % 300 < 240;
        if (teacher) {
            f.logEnergy = -32.0f + 6.0f * std::sin(static_cast<float>(i) / 4.0f);
            f.flatness = 0.2f;
            f.voicing = 0.8f;
            f.pitchHz = 110.0f * std::exp2(0.05f * std::sin(static_cast<float>(i) / 30.0f));
        } else if (one || many) {
            f.logEnergy =
                -30.0f + 0.5f * n01(rng) +
                (one ? 1.5f * std::sin(static_cast<float>(i) * 6.2831853f / 25.0f) : 0.0f);
            f.flatness = 0.2f;
            f.voicing = 0.8f;
            f.pitchHz = one ? 220.0f * std::exp2(0.06f * std::sin(static_cast<float>(i) / 40.0f))
                            : babblePitch(i);
        } else {
            f.logEnergy = -60.0f + n01(rng);
            f.flatness = 0.5f;
            f.voicing = 0.2f;
            f.pitchHz = 0.0f;
        }
        for (int d = 0; d < kMfccCount; ++d) f.setMfcc(d, (teacher ? 2.0f : 0.0f) + n01(rng));
    }
    auto r = analyzeFrames(frames);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {10.5, 12.0, 14.0, 16.0, 17.5})
        EXPECT_EQ(labelAt(*r, at), TalkLabel::Student) << at;
    for (double at : {38.5, 39.0, 39.5}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Multiple) << at;
    EXPECT_EQ(labelAt(*r, 5.0), TalkLabel::Teacher);
}

TEST(TalkAnalyzer, ATeacherWhosePitchTrackFailsIsAloneByHerSpectra) {
    // Frame features of a radio-like teacher: her pitch track jumps between harmonics (80-500
    // Hz), so an 8 s stretch without pauses reads as several voices by level and pitch hops
    // alike. Its spectra (MFCCs) are hers, though, so she was alone; 8 s of babble, whose
    // spectra are no one's in particular, stays several voices.
    const auto frames = radioTeacherLesson(6000, 9, [](size_t i) {
        const bool sentences =
            ((i >= 100 && i < 900) || (i >= 2000 && i < 3300) || (i >= 4500 && i < 5800)) &&
            i % 300 < 240;
        if (sentences) return Sound::Sentence;
        if (i >= 1000 && i < 1800) return Sound::Unbroken;
        return i >= 3500 && i < 4300 ? Sound::Babble : Sound::Quiet;
    });
    auto r = analyzeFrames(frames);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    EXPECT_EQ(labelAt(*r, 5.0), TalkLabel::Teacher);
    for (double at : {12.0, 14.0, 16.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    for (double at : {38.5, 39.0, 39.5}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Multiple) << at;
}

TEST(TalkAnalyzer, AShortPhraseThatSoundsLikeSeveralVoicesIsStillTalk) {
    // Frame features of a reverberant room with a radio-like teacher (pitch jumping between
    // harmonics) and six one-second student answers at the end: between 28 and 34 s the room's
    // own reverberation holds the level a few dB over the floor, and in the middle she says
    // one unbroken 1.3 s phrase. Its level is as steady as babble's and its pitch hops, so it
    // scores as several voices. Her spectra are hers, so she was alone. talk-v6 gave the
    // phrase its neighbours' label, silence, and it was gone.
    const auto frames = radioTeacherLesson(
        7500, 13,
        [](size_t i) {
            if (((i >= 100 && i < 2500) || (i >= 3700 && i < 5800)) && i % 300 < 240)
                return Sound::Sentence;
            if (i >= 3000 && i < 3130) return Sound::Unbroken;  // the phrase, quieter
            if (i >= 6000 && i < 7200 && i % 200 < 100) return Sound::Answer;
            return i >= 2800 && i < 3400 ? Sound::Hum : Sound::Quiet;
        },
        -45.0f);
    auto r = analyzeFrames(frames);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {30.2, 30.6, 31.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    for (double at : {29.0, 33.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Silence) << at;
    EXPECT_EQ(labelAt(*r, 60.5), TalkLabel::Student);
}

TEST(TalkAnalyzer, TheTeachersOwnUnbrokenStretchesDoNotTeachTheRivalModel) {
    // The same radio-like teacher, with three 10 s stretches that read as several voices. Her
    // voice there is hers, duller than in her sentences (cepstra 0.5 against 2, as an unbroken
    // stretch in a reverberant room), and six one-second student answers are the only other
    // talk. Those stretches are on trial: had they joined the students in the rival model
    // (talk-v4), it would fit them better than her own model does, and she would stay "several
    // voices" in all three.
    const auto frames = radioTeacherLesson(
        10200, 11,
        [&](size_t i) {
            if (within(i, {{100, 1900}, {3100, 4300}, {5500, 6700}, {7900, 8700}}) && i % 300 < 240)
                return Sound::Sentence;
            if (within(i, {{2000, 3000}, {4400, 5400}, {6800, 7800}})) return Sound::Unbroken;
            return i >= 8800 && i < 10000 && i % 200 < 100 ? Sound::Answer : Sound::Quiet;
        },
        -30.0f, 0.5f);
    auto r = analyzeFrames(frames, [] {
        TalkParams p;
        p.multiHysteresis = 8.0f;  // the whole stretch reads as several voices, edges included
        return p;
    }());
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {5.0, 35.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    for (double at : {25.0, 49.0, 73.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    for (double at : {88.5, 92.5, 96.5}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Student) << at;
}

TEST(TalkAnalyzer, ALecturesLoneBurstsOfSeveralVoicesAreTheTeacherButGroupWorkIsNot) {
    // The radio-like teacher, whose sentences fall into two phonetic groups (cepstra 2 and
    // -0.5), and six one-second student answers at the end (cepstra -1.2). Three times she
    // talks on for 8 s without a pause, in her duller group (-0.5) at a steady level: each
    // burst reads as several voices, and one Gaussian over her frames, centred between her
    // groups, fits it worse than the students' Gaussian does. No group work comes near, and a
    // mixture over her frames has a part for that group: the bursts are hers. talk-v7 left them
    // several voices. The same sound in three 12 s stretches 3 s apart is group work (36 s of
    // several voices) and stays several voices.
    auto lesson = [&](std::initializer_list<std::pair<size_t, size_t>> bursts) {
        return radioTeacherLesson(
            10200, 17,
            [&](size_t i) {
                if (within(i, bursts)) return Sound::Unbroken;
                if (i >= 8800 && i < 10000) return i % 200 < 100 ? Sound::Answer : Sound::Quiet;
                const bool nearBurst = std::any_of(bursts.begin(), bursts.end(), [&](auto& b) {
                    return i + 100 >= b.first && i < b.second + 100;
                });
                return !nearBurst && i >= 100 && i % 300 < 240 ? Sound::TwoGroupSentence
                                                               : Sound::Quiet;
            },
            -30.0f, -0.5f, -1.2f);
    };
    TalkParams params;
    params.multiHysteresis = 8.0f;  // each burst reads as several voices, edges included
    const auto lone = lesson({{1500, 2300}, {4000, 4800}, {6500, 7300}});
    auto r = analyzeFrames(lone, params);
    ASSERT_TRUE(r.ok());
    expectCovers(*r);
    for (double at : {17.0, 19.0, 44.5, 69.0}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Teacher) << at;
    EXPECT_EQ(labelAt(*r, 10.0), TalkLabel::Teacher);
    for (double at : {88.5, 92.5, 96.5}) EXPECT_EQ(labelAt(*r, at), TalkLabel::Student) << at;
    // Without the rule, as talk-v7: several voices.
    TalkParams v7 = params;
    v7.multiIsolatedS = 0.0f;
    auto before = analyzeFrames(lone, v7);
    ASSERT_TRUE(before.ok());
    for (double at : {17.0, 19.0, 44.5, 69.0})
        EXPECT_EQ(labelAt(*before, at), TalkLabel::Multiple) << at;

    const auto groupWork = lesson({{3000, 4200}, {4500, 5700}, {6000, 7200}});
    auto g = analyzeFrames(groupWork, params);
    ASSERT_TRUE(g.ok());
    expectCovers(*g);
    for (double at : {36.0, 51.0, 66.0}) EXPECT_EQ(labelAt(*g, at), TalkLabel::Multiple) << at;
    EXPECT_EQ(labelAt(*g, 10.0), TalkLabel::Teacher);
}
