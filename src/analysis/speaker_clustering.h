#pragma once
// Who spoke when, without knowing the voices beforehand: stretches of single-voice talk are
// modelled as diagonal Gaussians over MFCCs and log-pitch and merged bottom-up while the Bayesian
// information criterion prefers one model to two (Chen & Gopalakrishnan 1998).

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "analysis/feature_extractor.h"
#include "analysis/talk_params.h"

namespace ll::analysis {

// A stretch of frames [begin, end) believed to hold one voice.
struct SpeakerItem {
    int64_t begin = 0;
    int64_t end = 0;
};

struct SpeakerClusters {
    std::vector<int> itemCluster;       // per item: cluster index, or -1 if it had no usable frames
    // per item: how likely its placing is right, about 0.5 (a toss-up) .. 1. The clustering rates
    // the cluster against the nearest rival; reassignByMixtures then rates the side (teacher or
    // not), which is what the labels show.
    std::vector<float> itemConfidence;
    std::vector<double> clusterFrames;  // per cluster: frames of talk
    std::vector<float> clusterPitchHz;  // per cluster: median pitch of voiced frames, 0 if none
    std::vector<float>
        clusterPitchHops;  // per cluster: share of voiced-frame pairs whose pitch jumps
                           // more than 0.12 octave (one voice glides, babble hops)
    int clusterCount() const { return static_cast<int>(clusterFrames.size()); }
};

// Sufficient statistics of a diagonal Gaussian over 12 MFCCs and log2 pitch (voiced frames only).
struct GaussianStats {
    static constexpr int kDims = kMfccCount + 1;
    std::array<double, kDims> count{};
    std::array<double, kDims> sum{};
    std::array<double, kDims> sumSq{};

    void add(const FrameFeatures& f, bool voiced);
    void merge(const GaussianStats& o);
    double frames() const { return count[0]; }
};

// A mixture of at most kMaxParts diagonal Gaussians over a frame's 12 MFCCs, fitted by
// expectation-maximisation from means spread evenly over the data (deterministic), every variance
// floored at 5 % of the data's own. Its numbers are laid out dimension by dimension with the
// parts innermost, so that a frame's distance to every part is one short vector loop.
class VoiceMixture {
public:
    static constexpr int kMaxParts = 8;
    using Cepstra = std::array<float, kMfccCount>;
    using Parts = std::array<float, kMaxParts>;

    VoiceMixture(std::span<const Cepstra> x, int parts);
    // log p(x); `scratch` receives each part's weighted log-likelihood.
    double logLik(const Cepstra& x, Parts& scratch) const;
    // log of the best part's weighted density at x: logLik without the other parts' share (the
    // Viterbi approximation; no exponentials), for frame-by-frame weighing.
    double bestPartLogLik(const Cepstra& x) const;
    static Cepstra cepstra(const FrameFeatures& f);

private:
    void prepare(const std::array<double, kMaxParts>& weight, int k);
    // Each part's weighted log density at x (parts P and beyond: -huge); weighs parts 0 .. P-1.
    template <int P>
    Parts partLogDensities(const Cepstra& x) const;
    template <int P>
    double logLikOver(const Cepstra& x, Parts& scratch) const;  // parts 0 .. P-1 only
    template <int P>
    float bestPartOver(const Cepstra& x) const;
    int m_lanes = kMaxParts;  // parts weighed: 4 when the mixture has at most 4
    std::array<Parts, kMfccCount> m_mean{};
    std::array<Parts, kMfccCount> m_invVar{};
    Parts m_logConst{};
};

// The teacher's voice and everyone else's as two mixtures (params.mixtureComponents parts for
// hers, half as many for theirs), fitted on the frames whose `side` is 1 (the teacher) or 2
// (another voice), each side evenly thinned to at most 4000 frames (500 a part): a 3-hour
// lesson trains on no more than a 3-minute one. Nothing when either side has under 300 frames
// (3 s) to model.
struct VoiceModels {
    VoiceMixture teacher;
    VoiceMixture other;
};
std::optional<VoiceModels> fitVoiceModels(std::span<const FrameFeatures> frames,
                                          std::span<const uint8_t> side, const TalkParams& params);

// `usable[i]` marks frames that may inform the models (single-voice talk). Pure function.
// `cancel`, when set, is polled during clustering; the result is then incomplete (the caller
// checks the flag and discards it).
SpeakerClusters clusterSpeakers(std::span<const FrameFeatures> frames,
                                std::span<const uint8_t> usable, std::span<const SpeakerItem> items,
                                const TalkParams& params,
                                const std::atomic<bool>* cancel = nullptr);

// Moves items that the clustering put with the teacher but whose voice differs from the
// teacher's typical item (mean cepstra and pitch, measured against the spread of the teacher's
// own items) to a cluster of their own. Returns how many items moved.
int separateFromTeacher(std::span<const FrameFeatures> frames, std::span<const uint8_t> usable,
                        std::span<const SpeakerItem> items, const TalkParams& params, int teacher,
                        SpeakerClusters& clusters);

// Decides, item by item, between the teacher and everyone else with two Gaussian mixtures over
// the MFCCs (diagonal; params.mixtureComponents for the teacher's frames, half as many for the
// other voices', fitted on the current assignment). One diagonal Gaussian per voice, as in the
// clustering, is broad enough to take in other voices' short items: a voice's frames fall into
// several phonetic groups, and the average of them lies where nobody's frames are. An item goes
// to the teacher when its mean per-frame log-likelihood ratio reaches params.mixtureLlr; items
// leaving her go to a cluster of their own. Item `hinted` (a reviewer said the teacher speaks
// there; -1 for none) stays hers whatever the models say. Every other item weighed gets, as its
// confidence, the probability that its side is right, from its ratio's margin and its length
// (fitted on the looked-at lessons); it may fall below 0.5 where such items were misplaced more
// often than not. Returns how many items changed sides.
int reassignByMixtures(std::span<const FrameFeatures> frames, std::span<const uint8_t> usable,
                       std::span<const SpeakerItem> items, const TalkParams& params, int teacher,
                       SpeakerClusters& clusters, int hinted = -1);

// Frame-level correction of the item decisions at the ends of each unbroken run of clustered
// talk. `side` holds, per frame, 1 (the teacher), 2 (another voice) or 0 (not clustered talk);
// a run is a stretch of frames with a non-zero side. Two mixtures are fitted again on the
// current sides (as in reassignByMixtures), every voiced frame of a run is weighed between them
// (each mixture's best part; unvoiced frames count for neither), and a two-state Viterbi pass
// with a cost of params.resegmentCost nats per switch labels the run. Only what the pass puts
// on the other side at the run's two ends changes, up to the first frame where it agrees with
// the items: a student's answer bridged onto the teacher's sentence without a pause sits at one
// end, inside a chunk the item decisions could not split. A run's middle stays as the items
// have it (free switches there cost real lectures more than they gained). Frames of item
// `hinted` never change. Returns how many frames changed side; 0 when resegmentCost is 0 or a
// side has too little talk to model.
int resegmentRunEnds(std::span<const FrameFeatures> frames, std::span<const SpeakerItem> items,
                     const TalkParams& params, int hinted, std::vector<uint8_t>& side);

}  // namespace ll::analysis
