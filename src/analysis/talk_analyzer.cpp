#include "analysis/talk_analyzer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include "analysis/speaker_clustering.h"
#include "analysis/voice_activity.h"

namespace ll::analysis {

namespace {

constexpr int64_t kFrameMicros = 10'000;
enum : uint8_t { kSil = 0, kTeacher = 1, kStudent = 2, kMulti = 3, kSingle = 4 };

int framesOf(float seconds) {
    return std::max(1, static_cast<int>(std::lround(seconds * 100.0f)));
}
float sigmoid(float x) {
    return 1.0f / (1.0f + std::exp(-x));
}

// Single-voice runs shorter than 1 s between two other runs. Next to several voices they are
// a brief lull in babble: several voices. Between two silences they are a short answer ("Yes.",
// "Seven.") when they last answerMinS and are mostly voiced, else a noise (a cough, a dropped
// pen, a door): silence. (talk-v2 made every one between two silences silence, answers too.)
// Group work (several voices for longer than multiOneVoiceMaxS) also takes the single-voice
// runs up to half a cue window long that touch it: the window straddling the silence before
// the babble starts, or after it stops, sees the silence's dips and calls the babble one voice
// (talk-v3 gave the first and last 2 s of every group work to a student).
void settleShortSingleVoiceRuns(std::span<const FrameFeatures> frames, const TalkParams& params,
                                std::vector<uint8_t>& lab) {
    const size_t n = lab.size();
    const int groupWork = framesOf(params.multiOneVoiceMaxS);
    const int edge = framesOf(params.multiWindowS / 2);
    auto groupWorkAt = [&](size_t k, bool forward) {
        int len = 0;
        for (; k < n && lab[k] == kMulti && len <= groupWork; k = forward ? k + 1 : k - 1) ++len;
        return len > groupWork;
    };
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        const bool fringe =
            lab[i] == kSingle && static_cast<int>(j - i) <= edge &&
            ((i > 0 && groupWorkAt(i - 1, false)) || (j < n && groupWorkAt(j, true)));
        if (fringe) {
            std::fill(lab.begin() + static_cast<std::ptrdiff_t>(i),
                      lab.begin() + static_cast<std::ptrdiff_t>(j), kMulti);
        } else if (lab[i] == kSingle && static_cast<int>(j - i) < framesOf(1.0f) && i > 0 &&
                   j < n) {
            uint8_t to = kSingle;
            if (lab[i - 1] == kMulti || lab[j] == kMulti) {
                to = kMulti;
            } else if (lab[i - 1] == kSil && lab[j] == kSil) {
                const auto voiced =
                    std::count_if(frames.begin() + static_cast<std::ptrdiff_t>(i),
                                  frames.begin() + static_cast<std::ptrdiff_t>(j),
                                  [&](const FrameFeatures& f) { return isVoiced(f, params); });
                if (static_cast<int>(j - i) < framesOf(params.answerMinS) ||
                    static_cast<float>(voiced) <
                        params.answerVoicedShare * static_cast<float>(j - i))
                    to = kSil;
            }
            std::fill(lab.begin() + static_cast<std::ptrdiff_t>(i),
                      lab.begin() + static_cast<std::ptrdiff_t>(j), to);
        }
        i = j;
    }
}

// Whether the voiced pitch of frames [from, to) stays with one voice: at least `share` of its
// voiced frames within linkMaxPitchOct of `centre` (log2 Hz; 0: the stretch's own median) and an
// interquartile spread of at most `maxIqrOct`. Needs 20 voiced frames. `pitch` is scratch space.
bool pitchStaysNear(std::span<const FrameFeatures> frames, const TalkParams& params, size_t from,
                    size_t to, float centre, float share, float maxIqrOct,
                    std::vector<float>& pitch) {
    pitch.clear();
    for (size_t k = from; k < to; ++k)
        if (isVoiced(frames[k], params)) pitch.push_back(std::log2(frames[k].pitchHz));
    if (pitch.size() < 20) return false;
    std::sort(pitch.begin(), pitch.end());
    if (centre <= 0) centre = pitch[pitch.size() / 2];
    const float iqr = pitch[pitch.size() * 3 / 4] - pitch[pitch.size() / 4];
    const auto near = std::count_if(pitch.begin(), pitch.end(), [&](float p) {
        return std::abs(p - centre) < params.linkMaxPitchOct;
    });
    return iqr <= maxIqrOct && static_cast<float>(near) >= share * static_cast<float>(pitch.size());
}

// A short several-voices region whose voiced pitch stays in one narrow band is one voice
// talking on without pauses (a reverberant room fills them), whoever it is: several voices
// spread over octaves. It goes to the speaker models like any single voice.
void relabelOneVoiceRuns(std::span<const FrameFeatures> frames, const TalkParams& params,
                         std::vector<uint8_t>& lab) {
    const size_t n = lab.size();
    std::vector<float> pitch;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] == kMulti && static_cast<int>(j - i) <= framesOf(params.oneVoiceMaxS) &&
            pitchStaysNear(frames, params, i, j, 0.0f, params.oneVoiceShare, params.oneVoiceIqrOct,
                           pitch))
            std::fill(lab.begin() + static_cast<std::ptrdiff_t>(i),
                      lab.begin() + static_cast<std::ptrdiff_t>(j), kSingle);
        i = j;
    }
}

// A teacher lecturing steadily, without pauses, can look like babble by level alone. A short
// several-voices region is the teacher alone if its pitch stays with the teacher's, or if its
// spectra fit the teacher's own (a diagonal Gaussian over her frames' MFCCs) better than the
// other talk's (students' and several voices') by multiTeacherLlr per frame: babble's spectra
// are no one's in particular, and a pitch track can fail where the spectra do not (a band-limited
// or radio-compressed voice). Only the teacher and only short regions: long group work is
// babble whatever it sounds like.
void relabelTeacherAlone(std::span<const FrameFeatures> frames, const TalkParams& params,
                         const SpeakerClusters& clusters, int teacher, std::vector<uint8_t>& lab,
                         std::vector<int16_t>& speaker, std::vector<float>& conf) {
    const size_t n = lab.size();
    const float centre = clusters.clusterPitchHz[static_cast<size_t>(teacher)] > 0
                             ? std::log2(clusters.clusterPitchHz[static_cast<size_t>(teacher)])
                             : 0.0f;
    // MFCC statistics of the teacher's frames and of the other talk: students' and group work's.
    // The short several-voices regions on trial stay out of the other talk: many of them are the
    // teacher, and in her model's rival they would make her fit it (talk-v4 kept them in). They
    // come back in only when the other talk is too little to model without them.
    GaussianStats teacherStats, otherStats, onTrial;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        const bool trial =
            lab[i] == kMulti && static_cast<int>(j - i) <= framesOf(params.multiOneVoiceMaxS);
        GaussianStats& stats = lab[i] == kTeacher ? teacherStats : trial ? onTrial : otherStats;
        if (lab[i] != kSil)
            for (size_t k = i; k < j; ++k) stats.add(frames[k], false);
        i = j;
    }
    if (otherStats.frames() < 500) otherStats.merge(onTrial);
    const double tN = teacherStats.frames(), aN = otherStats.frames();
    std::array<double, kMfccCount> tMean{}, tInv{}, aMean{}, aInv{};
    double logNorm = 0;  // the two models' log-determinant difference, per frame
    for (int d = 0; d < kMfccCount && tN >= 500 && aN >= 500; ++d) {
        tMean[d] = teacherStats.sum[d] / tN;
        aMean[d] = otherStats.sum[d] / aN;
        const double tVar = std::max(1e-3, teacherStats.sumSq[d] / tN - tMean[d] * tMean[d]);
        const double aVar = std::max(1e-3, otherStats.sumSq[d] / aN - aMean[d] * aMean[d]);
        tInv[d] = 1.0 / tVar;
        aInv[d] = 1.0 / aVar;
        logNorm += 0.5 * (std::log(aVar) - std::log(tVar));
    }
    auto teacherLlr = [&](size_t from, size_t to) {
        double sum = 0;
        for (size_t k = from; k < to; ++k) {
            double q = 0;
            for (int d = 0; d < kMfccCount; ++d) {
                const double x = frames[k].mfcc(d);
                q += (x - aMean[d]) * (x - aMean[d]) * aInv[d] -
                     (x - tMean[d]) * (x - tMean[d]) * tInv[d];
            }
            sum += 0.5 * q + logNorm;
        }
        return sum / static_cast<double>(to - from);
    };
    std::vector<float> pitch;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] == kMulti && static_cast<int>(j - i) <= framesOf(params.multiOneVoiceMaxS)) {
            bool alone = centre > 0 && params.multiOneVoiceShare < 1.0f &&
                         pitchStaysNear(frames, params, i, j, centre, params.multiOneVoiceShare,
                                        params.multiOneVoiceIqrOct, pitch);
            if (!alone && tN >= 500 && aN >= 500 && params.multiTeacherLlr < 1e9f)
                alone = teacherLlr(i, j) >= params.multiTeacherLlr;
            if (alone) {
                for (size_t k = i; k < j; ++k) {
                    lab[k] = kTeacher;
                    speaker[k] = static_cast<int16_t>(teacher);
                    conf[k] = 0.6f;
                }
            }
        }
        i = j;
    }
}

// A several-voices region on trial that the tests above left several voices, with no group work
// near it, is the teacher alone if her voice fits it better than the students' do. Group work
// is several voices for longer than multiOneVoiceMaxS, counting stretches of it joined across
// gaps shorter than multiGroupGapS (a room quietening between bursts of discussion); "near" is
// within multiIsolatedS. The voices are two mixtures over the MFCCs of the frames already
// labelled the teacher's and the students' (as in reassignByMixtures, which can model a voice's
// several phonetic groups where one Gaussian cannot), trained only when such a region exists.
// A lecture's lone bursts of "several voices" were the teacher or a student on every simulated
// set. A lone burst that fits the students better stays several voices: it may be a student,
// but a class answering in chorus sounds the same.
void giveLoneSeveralVoicesToTeacher(std::span<const FrameFeatures> frames, const TalkParams& params,
                                    int teacher, std::vector<uint8_t>& lab,
                                    std::vector<int16_t>& speaker, std::vector<float>& conf) {
    if (params.multiIsolatedS <= 0 || params.mixtureComponents <= 0) return;
    const size_t n = lab.size();
    std::vector<std::pair<size_t, size_t>> runs, groupWork, lone;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] == kMulti) runs.emplace_back(i, j);
        i = j;
    }
    const auto gap = static_cast<size_t>(framesOf(params.multiGroupGapS));
    for (size_t r = 0; r < runs.size();) {
        size_t e = r;
        size_t talk = runs[r].second - runs[r].first;
        while (e + 1 < runs.size() && runs[e + 1].first < runs[e].second + gap) {
            ++e;
            talk += runs[e].second - runs[e].first;
        }
        if (static_cast<int>(talk) > framesOf(params.multiOneVoiceMaxS))
            groupWork.emplace_back(runs[r].first, runs[e].second);
        r = e + 1;
    }
    const auto reach = static_cast<size_t>(framesOf(params.multiIsolatedS));
    for (const auto& run : runs) {
        const bool nearGroupWork =
            std::any_of(groupWork.begin(), groupWork.end(), [&](const auto& g) {
                return g.first < run.second + reach && run.first < g.second + reach;
            });
        if (!nearGroupWork &&
            static_cast<int>(run.second - run.first) <= framesOf(params.multiOneVoiceMaxS))
            lone.push_back(run);
    }
    if (lone.empty()) return;
    // lab's teacher and student values are fitVoiceModels' sides 1 and 2.
    static_assert(kTeacher == 1 && kStudent == 2);
    const auto models = fitVoiceModels(frames, lab, params);
    if (!models) return;
    const VoiceMixture& teacherModel = models->teacher;
    const VoiceMixture& studentModel = models->other;
    VoiceMixture::Parts partsT{}, partsS{};
    for (const auto& [i, j] : lone) {
        double sum = 0;
        for (size_t k = i; k < j; ++k) {
            const auto x = VoiceMixture::cepstra(frames[k]);
            sum += teacherModel.logLik(x, partsT) - studentModel.logLik(x, partsS);
        }
        const double margin = sum / static_cast<double>(j - i) - params.multiIsolatedLlr;
        if (margin < 0) continue;
        for (size_t k = i; k < j; ++k) {
            lab[k] = kTeacher;
            speaker[k] = static_cast<int16_t>(teacher);
            conf[k] = static_cast<float>(1.0 / (1.0 + std::exp(-margin)));
        }
    }
}

// A several-voices run of at least multiFringeMinS that every one-voice test left several voices
// also takes the teacher or student run touching it on either side, if that run is at most half
// a cue window long. The window straddling the quiet before the voices start, or after they
// stop, sees its pauses and calls their first and last seconds one voice. (Before the tests,
// settleShortSingleVoiceRuns does this for group work; shorter runs must pass the tests first.)
// The frames taken get the run's mean confidence: their own cue scores are the window's artefact.
void widenSeveralVoices(const TalkParams& params, std::vector<uint8_t>& lab,
                        std::vector<int16_t>& speaker, std::vector<float>& conf) {
    if (params.multiFringeMinS <= 0) return;
    const size_t n = lab.size();
    const auto edge = static_cast<size_t>(framesOf(params.multiWindowS / 2));
    const auto minRun = static_cast<size_t>(framesOf(params.multiFringeMinS));
    auto oneVoice = [&](size_t k) { return lab[k] == kTeacher || lab[k] == kStudent; };
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] != kMulti || j - i < minRun) {
            i = j;
            continue;
        }
        double sum = 0;
        for (size_t k = i; k < j; ++k) sum += conf[k];
        const auto mean = static_cast<float>(sum / static_cast<double>(j - i));
        auto take = [&](size_t from, size_t to) {
            for (size_t k = from; k < to; ++k) {
                lab[k] = kMulti;
                speaker[k] = -1;
                conf[k] = mean;
            }
        };
        if (i > 0 && oneVoice(i - 1)) {
            size_t a = i - 1;
            while (a > 0 && lab[a - 1] == lab[i - 1] && i - a <= edge) --a;
            if (i - a <= edge && (a == 0 || lab[a - 1] != lab[i - 1])) take(a, i);
        }
        if (j < n && oneVoice(j)) {
            size_t b = j + 1;
            while (b < n && lab[b] == lab[j] && b - j <= edge) ++b;
            if (b - j <= edge) take(j, b);
        }
        i = j;
    }
}

// Silences shorter than `maxFrames` between two runs of student talk become student talk, as
// sure as the less sure side and the left side's voice. See TalkParams::studentPauseS. (Only
// between runs of the same voice gained less: students' voices are told apart less surely.)
void bridgeStudentPauses(std::vector<uint8_t>& lab, std::vector<int16_t>& speaker,
                         std::vector<float>& conf, int maxFrames) {
    const size_t n = lab.size();
    for (size_t i = 1; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] == kSil && j < n && lab[i - 1] == kStudent && lab[j] == kStudent &&
            static_cast<int>(j - i) < maxFrames) {
            const float c = std::min(conf[i - 1], conf[j]);
            for (size_t k = i; k < j; ++k) {
                lab[k] = kStudent;
                speaker[k] = speaker[i - 1];
                conf[k] = c;
            }
        }
        i = j;
    }
}

// A run of student talk alone between silences (or the clip's ends), at most chorusMaxS long,
// becomes several voices when it sounds like a class answering together. Four cues over the
// run's frames, each against one voice: the mean spectral flatness of its louder half (many
// voices' harmonics fill each other's gaps), how far its 90th-percentile level stands above the
// recording's median talk level (many voices are louder than one), the share of consecutive
// voiced frames whose pitch jumps more than 0.12 octave (the tracker hops between voices), and
// the share of voiced frames (someone is always voicing). A logistic fit of "at least half
// several voices" on the looked-at lessons' student runs (216 lessons and 18 recitations), checked
// on recitations and lessons with other voices; the run's probability is its confidence.
void hearChoruses(std::span<const FrameFeatures> frames, const TalkParams& params,
                  std::vector<uint8_t>& lab, std::vector<int16_t>& speaker,
                  std::vector<float>& conf) {
    if (params.chorusMaxS <= 0) return;
    const size_t n = std::min(lab.size(), frames.size());
    // the recording's median talk level, from every fifth frame (memory, on long recordings)
    std::vector<float> levels;
    for (size_t i = 0; i < n; i += 5)
        if (lab[i] != kSil) levels.push_back(frames[i].logEnergy);
    if (levels.empty()) return;
    const auto mid = levels.begin() + static_cast<std::ptrdiff_t>(levels.size() / 2);
    std::nth_element(levels.begin(), mid, levels.end());
    const float talkLevel = *mid;
    const auto maxRun = static_cast<size_t>(framesOf(params.chorusMaxS));
    std::vector<float> run;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && (lab[j] == kSil) == (lab[i] == kSil)) ++j;
        const bool talk = lab[i] != kSil;
        const bool allStudent = talk && std::all_of(lab.begin() + static_cast<std::ptrdiff_t>(i),
                                                    lab.begin() + static_cast<std::ptrdiff_t>(j),
                                                    [](uint8_t l) { return l == kStudent; });
        if (!allStudent || j - i > maxRun) {
            i = j;
            continue;
        }
        const size_t len = j - i;
        run.clear();
        for (size_t k = i; k < j; ++k) run.push_back(frames[k].logEnergy);
        std::sort(run.begin(), run.end());
        const float median = run[len / 2];
        const float p90 = run[len * 9 / 10];
        double flat = 0;
        int loud = 0, voiced = 0, pairs = 0, jumps = 0;
        for (size_t k = i; k < j; ++k) {
            if (frames[k].logEnergy >= median) {
                flat += frames[k].flatness;
                ++loud;
            }
            if (!isVoiced(frames[k], params)) continue;
            ++voiced;
            if (k > i && isVoiced(frames[k - 1], params)) {
                ++pairs;
                if (pitchHops(frames[k - 1], frames[k])) ++jumps;
            }
        }
        const double z = -11.637 + 22.289 * (flat / std::max(loud, 1)) +
                         0.358 * static_cast<double>(p90 - talkLevel) +
                         4.167 * jumps / std::max(pairs, 1) +
                         4.615 * voiced / static_cast<double>(len);
        const auto p = static_cast<float>(1.0 / (1.0 + std::exp(-z)));
        if (p >= params.chorusMinP) {
            std::fill(lab.begin() + static_cast<std::ptrdiff_t>(i),
                      lab.begin() + static_cast<std::ptrdiff_t>(j), kMulti);
            std::fill(speaker.begin() + static_cast<std::ptrdiff_t>(i),
                      speaker.begin() + static_cast<std::ptrdiff_t>(j), int16_t{-1});
            std::fill(conf.begin() + static_cast<std::ptrdiff_t>(i),
                      conf.begin() + static_cast<std::ptrdiff_t>(j), p);
        }
        i = j;
    }
}

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelledError() {
    return Error::make(Error::Code::Cancelled, "The talk analysis was stopped.");
}

}  // namespace

TimeRange frameRange(int64_t first, int64_t end, MediaTime duration) {
    const MediaTime a = MediaTime::fromMicros(first * kFrameMicros);
    const MediaTime b = MediaTime::fromMicros(end * kFrameMicros);
    return {std::min(a, duration), std::min(b, duration)};
}

TalkAnalyzer::TalkAnalyzer(TalkParams params) : m_params(std::move(params)) {}

void TalkAnalyzer::push(std::span<const float> samples16k) {
    assert(!m_finished);
    m_features.push(samples16k);
}

void TalkAnalyzer::expectDuration(MediaTime duration) {
    // Up to 4 hours (58 MB of address space, touched only as frames arrive): a container's
    // length may be bogus. Room for 5 % and 10 s more, also untouched unless used: the audio
    // can outlast the container's length (gaps in its timestamps are decoded as silence, and a
    // camera's joined files have them). Without the room, the last frames' growth copied the
    // whole array with old and new alive: a 3-hour 1080p lesson peaked 26 MB higher, at 166 MB.
    constexpr int64_t kMaxMicros = int64_t{4} * 3600 * 1'000'000;
    if (duration <= MediaTime::zero()) return;
    const int64_t known = std::min(duration.micros(), kMaxMicros);
    const int64_t us = known + known / 20 + 10'000'000;
    m_features.expectSamples(us * kSampleRate / 1'000'000);
}

Result<TalkResult> TalkAnalyzer::finish(std::optional<MediaTime> teacherHint,
                                        const std::atomic<bool>* cancel,
                                        std::function<void(float)> progress) {
    if (m_finished) return Error::invalid("The talk analysis was already finished.");
    m_finished = true;
    m_features.finish();
    const auto frames = m_features.takeFrames();
    return analyzeTalk(frames, m_features.samplesSeen(), m_params, teacherHint, cancel, progress);
}

Result<TalkResult> analyzeTalk(std::span<const float> samples16k, const TalkParams& params,
                               std::optional<MediaTime> teacherHint) {
    TalkAnalyzer analyzer(params);
    analyzer.push(samples16k);
    return analyzer.finish(teacherHint);
}

Result<TalkResult> analyzeTalk(std::span<const FrameFeatures> frames, int64_t sampleCount,
                               const TalkParams& params, std::optional<MediaTime> teacherHint,
                               const std::atomic<bool>* cancel,
                               const std::function<void(float)>& progress) {
    auto report = [&](float p) {
        if (progress) progress(p);
    };
    TalkResult result;
    result.version = params.version;
    result.params = params.toKeyValues();
    result.duration = MediaTime::fromMicros(sampleCount * 1'000'000 / kSampleRate);
    const size_t n = frames.size();
    if (n == 0 || sampleCount <= 0) {
        if (sampleCount > 0)
            result.segments.push_back(
                {{MediaTime::zero(), result.duration}, TalkLabel::Silence, 1.0f, -1});
        report(1.0f);
        return result;
    }

    // 1. Voice activity and several-voices detection.
    const auto floor = estimateNoiseFloor(frames, params);
    const auto activity = detectVoiceActivity(frames, floor, params);
    if (cancelled(cancel)) return cancelledError();
    report(0.2f);
    const auto multiScore = multiVoiceScore(frames, activity, params);
    std::vector<uint8_t> lab(n, kSil);
    for (size_t i = 0; i < n; ++i)
        if (activity.speech[i]) lab[i] = multiScore[i] > params.multiThreshold ? kMulti : kSingle;
    // Hysteresis: several-voices regions grow through talk whose score is only a little lower.
    const float low = params.multiThreshold - params.multiHysteresis;
    for (int pass = 0; pass < 2; ++pass) {
        const bool forward = pass == 0;
        for (size_t k = 1; k < n; ++k) {
            const size_t i = forward ? k : n - 1 - k;
            const size_t prev = forward ? i - 1 : i + 1;
            if (lab[i] == kSingle && lab[prev] == kMulti && multiScore[i] > low) lab[i] = kMulti;
        }
    }
    settleShortSingleVoiceRuns(frames, params, lab);
    // Several-voices runs shorter than multiMinS that touch other talk are part of it: one
    // voice. One standing alone between silences stays several voices until the teacher-alone
    // test (relabelTeacherAlone) has heard it: it is often a teacher's unbroken phrase whose
    // level a reverberant room held as steady as babble's, and sometimes a chorus of answers.
    // talk-v6 gave it its neighbours' label, silence, and so deleted whole phrases; made one
    // voice, those phrases joined the student models and taught them the teacher's voice.
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        const bool alone = (i == 0 || lab[i - 1] == kSil) && (j == n || lab[j] == kSil);
        if (lab[i] == kMulti && static_cast<int>(j - i) < framesOf(params.multiMinS) && !alone)
            std::fill(lab.begin() + static_cast<std::ptrdiff_t>(i),
                      lab.begin() + static_cast<std::ptrdiff_t>(j), kSingle);
        i = j;
    }
    if (params.oneVoiceShare < 1.0f) relabelOneVoiceRuns(frames, params, lab);
    if (cancelled(cancel)) return cancelledError();
    report(0.4f);

    // 2. Single-voice talk in chunks, clustered into speakers.
    std::vector<SpeakerItem> items;
    const int chunk = framesOf(params.chunkS);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        if (lab[i] == kSingle) {
            const auto len = static_cast<int64_t>(j - i);
            const int64_t pieces = std::max<int64_t>(1, (len + chunk / 2) / chunk);
            for (int64_t p = 0; p < pieces; ++p)
                items.push_back({static_cast<int64_t>(i) + len * p / pieces,
                                 static_cast<int64_t>(i) + len * (p + 1) / pieces});
        }
        i = j;
    }
    std::vector<uint8_t> usable(n, 0);
    for (size_t i = 0; i < n; ++i) usable[i] = lab[i] == kSingle ? 1 : 0;
    auto clusters = clusterSpeakers(frames, usable, items, params, cancel);
    if (cancelled(cancel)) return cancelledError();
    report(0.8f);

    // 3. The teacher: the cluster talking at the hint, else the dominant voice.
    int teacher = -1;
    int hinted = -1;  // the item the hint fell in or next to
    if (teacherHint && !items.empty()) {
        const int64_t hf = teacherHint->micros() / kFrameMicros;
        int64_t bestDist = 300;  // the hint may fall in a short pause: look up to 3 s away
        for (size_t i = 0; i < items.size(); ++i) {
            if (clusters.itemCluster[i] < 0) continue;
            const int64_t d = hf < items[i].begin
                                  ? items[i].begin - hf
                                  : (hf >= items[i].end ? hf - items[i].end + 1 : 0);
            if (d < bestDist) {
                bestDist = d;
                teacher = clusters.itemCluster[i];
                hinted = static_cast<int>(i);
            }
        }
    }
    if (teacher < 0 && clusters.clusterCount() > 0)
        teacher = static_cast<int>(
            std::max_element(clusters.clusterFrames.begin(), clusters.clusterFrames.end()) -
            clusters.clusterFrames.begin());
    separateFromTeacher(frames, usable, items, params, teacher, clusters);
    reassignByMixtures(frames, usable, items, params, teacher, clusters, hinted);
    result.teacherSpeaker = teacher;
    result.speakerCount = clusters.clusterCount();
    for (int c = 0; c < clusters.clusterCount(); ++c)
        result.speakers.push_back(
            {MediaTime::fromMicros(
                 static_cast<int64_t>(clusters.clusterFrames[static_cast<size_t>(c)]) *
                 kFrameMicros),
             clusters.clusterPitchHz[static_cast<size_t>(c)],
             clusters.clusterPitchHops[static_cast<size_t>(c)]});

    std::vector<int16_t> speaker(n, -1);
    std::vector<float> conf(n, 0.5f);
    std::vector<uint8_t> side(n, 0);  // 1: the teacher, 2: another voice
    for (size_t i = 0; i < items.size(); ++i) {
        const int c = clusters.itemCluster[i];
        for (int64_t f = items[i].begin; f < items[i].end && c >= 0; ++f)
            side[static_cast<size_t>(f)] = c == teacher ? 1 : 2;
    }
    if (teacher >= 0) resegmentRunEnds(frames, items, params, hinted, side);
    for (size_t i = 0; i < items.size(); ++i) {
        const int c = clusters.itemCluster[i];
        for (int64_t f = items[i].begin; f < items[i].end; ++f) {
            const auto k = static_cast<size_t>(f);
            if (c >= 0 && side[k] != (c == teacher ? 1 : 2)) {
                // moved by resegmentRunEnds to the other side: a frame-level call, less sure
                // than an item's; another voice's frames go to no cluster in particular
                lab[k] = side[k] == 1 ? kTeacher : kStudent;
                speaker[k] = static_cast<int16_t>(side[k] == 1 ? teacher : -1);
                conf[k] = 0.6f;
                continue;
            }
            lab[k] = c == teacher ? kTeacher : kStudent;
            speaker[k] = static_cast<int16_t>(c);
            conf[k] = std::max(0.5f, clusters.itemConfidence[i]);
        }
    }
    if (teacher >= 0) {
        relabelTeacherAlone(frames, params, clusters, teacher, lab, speaker, conf);
        giveLoneSeveralVoicesToTeacher(frames, params, teacher, lab, speaker, conf);
    }
    for (size_t i = 0; i < n; ++i) {
        if (lab[i] == kSil)
            conf[i] = sigmoid((params.speechSnrDb - activity.snrDb[i]) / 3.0f);
        else if (lab[i] == kMulti)
            conf[i] = sigmoid(multiScore[i] - params.multiThreshold);
        else if (lab[i] == kSingle)
            lab[i] = kStudent;  // unclustered single voice (no usable frames)
    }
    widenSeveralVoices(params, lab, speaker, conf);
    // 4. Smoothing: very short teacher/student runs take their neighbours' label.
    removeShortRuns(lab, kStudent, framesOf(params.minTurnS), kStudent);
    removeShortRuns(lab, kTeacher, framesOf(params.minTurnS), kTeacher);
    if (params.studentPauseS > 0.0f)
        bridgeStudentPauses(lab, speaker, conf, framesOf(params.studentPauseS));
    hearChoruses(frames, params, lab, speaker, conf);

    // 5. Runs to segments.
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && lab[j] == lab[i]) ++j;
        TalkSegment seg;
        seg.range = frameRange(static_cast<int64_t>(i), static_cast<int64_t>(j), result.duration);
        if (j == n) seg.range.end = result.duration;
        seg.label = lab[i] == kTeacher   ? TalkLabel::Teacher
                    : lab[i] == kStudent ? TalkLabel::Student
                    : lab[i] == kMulti   ? TalkLabel::Multiple
                                         : TalkLabel::Silence;
        double c = 0;
        for (size_t k = i; k < j; ++k) c += conf[k];
        seg.confidence = static_cast<float>(c / static_cast<double>(j - i));
        if (seg.label == TalkLabel::Teacher)
            seg.speaker = teacher;
        else if (seg.label == TalkLabel::Student) {
            // the cluster covering most of the run
            std::vector<int> votes(static_cast<size_t>(std::max(1, clusters.clusterCount())), 0);
            for (size_t k = i; k < j; ++k)
                if (speaker[k] >= 0 && speaker[k] != teacher)
                    ++votes[static_cast<size_t>(speaker[k])];
            const auto top = std::max_element(votes.begin(), votes.end());
            seg.speaker = *top > 0 ? static_cast<int>(top - votes.begin()) : -1;
        }
        if (!seg.range.empty()) {
            if (!result.segments.empty() && result.segments.back().label == seg.label &&
                result.segments.back().speaker == seg.speaker)
                result.segments.back().range.end = seg.range.end;
            else
                result.segments.push_back(seg);
        }
        i = j;
    }
    report(1.0f);
    return result;
}

}  // namespace ll::analysis
