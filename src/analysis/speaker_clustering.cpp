#include "analysis/speaker_clustering.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <numeric>

#include "analysis/voice_activity.h"

namespace ll::analysis {

namespace {

constexpr int kDims = GaussianStats::kDims;
constexpr int kPitchDim = kMfccCount;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMixtureIterations = 8;
constexpr float kNegligible = 30.0f;  // see VoiceMixture::logLik
constexpr float kHuge = 1e30f;

struct Model {
    std::array<double, kDims> mean{};
    std::array<double, kDims> var{};
    std::array<double, kDims> logVar{};  // std::log(var), computed once per model
    std::array<bool, kDims> has{};
};

class Scorer {
public:
    Scorer(const GaussianStats& global, const TalkParams& params) : m_params(params) {
        for (int d = 0; d < kDims; ++d) {
            const double n = std::max(1.0, global.count[d]);
            const double m = global.sum[d] / n;
            m_varFloor[d] = std::max(1e-4, 0.02 * (global.sumSq[d] / n - m * m));
            m_weight[d] = d == kPitchDim ? params.pitchWeight : 1.0;
        }
    }

    // n_d * log(var_d), summed with dimension weights: twice the negative max log-likelihood.
    // The MFCC dimensions share one frame count and weight 1, so their logs add up to the log of
    // the product of variances (floored at 1e-4 and far below 1e20 each: 12 of them stay well
    // inside double's range): two logs per call instead of 13. This runs for every pair of
    // clusters.
    double logDetTerm(const GaussianStats& s) const {
        double t = 0;
        const double n = s.count[0];
        if (n >= 2) {
            double prod = 1.0;
            for (int d = 0; d < kMfccCount; ++d) {
                const double m = s.sum[d] / n;
                prod *= std::max(m_varFloor[d], s.sumSq[d] / n - m * m);
            }
            t += n * std::log(prod);
        }
        const double np = s.count[kPitchDim];
        if (np >= 2) {
            const double m = s.sum[kPitchDim] / np;
            const double v = std::max(m_varFloor[kPitchDim], s.sumSq[kPitchDim] / np - m * m);
            t += m_weight[kPitchDim] * np * std::log(v);
        }
        return t;
    }

    // The costly, symmetric part of deltaBic (the merged model's log-determinant and penalty):
    // computed once for a pair and used for both orders, which round differently.
    struct Joint {
        double term;
        double penalty;
    };
    Joint joint(const GaussianStats& a, const GaussianStats& b) const {
        GaussianStats ab = a;
        ab.merge(b);
        const double n = ab.frames();
        return {logDetTerm(ab),
                m_params.bicLambda * 0.5 * (2.0 * kDims) * std::log(std::max(2.0, n))};
    }
    // Negative: one model explains both better than two, after the BIC penalty.
    static double deltaBic(const Joint& j, double termA, double termB) {
        return 0.5 * (j.term - termA - termB) - j.penalty;
    }

    Model model(const GaussianStats& s) const {
        Model m;
        for (int d = 0; d < kDims; ++d) {
            const double n = s.count[d];
            m.has[d] = n >= 2;
            if (!m.has[d]) continue;
            m.mean[d] = s.sum[d] / n;
            m.var[d] = std::max(m_varFloor[d], s.sumSq[d] / n - m.mean[d] * m.mean[d]);
            m.logVar[d] = std::log(m.var[d]);
        }
        return m;
    }

    // x: the frame's 12 MFCCs and, when voiced, log2 pitch (see frameVector).
    double frameLogLik(const Model& m, const std::array<double, kDims>& x, bool voiced) const {
        double ll = 0;
        for (int d = 0; d < kDims; ++d) {
            if (d == kPitchDim && !voiced) continue;
            if (!m.has[d]) continue;
            const double z = x[d] - m.mean[d];
            ll += -0.5 * m_weight[d] * (m.logVar[d] + z * z / m.var[d]);
        }
        return ll;
    }

private:
    const TalkParams& m_params;
    std::array<double, kDims> m_varFloor{};
    std::array<double, kDims> m_weight{};
};

std::array<double, kDims> frameVector(const FrameFeatures& f, bool voiced) {
    std::array<double, kDims> x{};
    for (int d = 0; d < kMfccCount; ++d) x[d] = f.mfcc(d);
    x[kPitchDim] = voiced ? std::log2(static_cast<double>(f.pitchHz)) : 0.0;
    return x;
}

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Appends the pitch of every usable voiced frame of `item`, in time order.
void appendVoicedPitches(std::span<const FrameFeatures> frames, std::span<const uint8_t> usable,
                         const SpeakerItem& item, const TalkParams& params,
                         std::vector<float>& out) {
    for (int64_t f = item.begin; f < item.end; ++f) {
        const auto& fr = frames[static_cast<size_t>(f)];
        if (usable[static_cast<size_t>(f)] && isVoiced(fr, params)) out.push_back(fr.pitchHz);
    }
}

// log2 of the median of `pitches` (reordered), or 0 with fewer than `minCount` of them.
double medianLog2(std::vector<float>& pitches, size_t minCount) {
    if (pitches.size() < minCount) return 0.0;
    std::nth_element(pitches.begin(),
                     pitches.begin() + static_cast<std::ptrdiff_t>(pitches.size() / 2),
                     pitches.end());
    return std::log2(static_cast<double>(pitches[pitches.size() / 2]));
}

// Each item's statistics over its usable frames; `global` gets all of them merged, in order.
std::vector<GaussianStats> itemStats(std::span<const FrameFeatures> frames,
                                     std::span<const uint8_t> usable,
                                     std::span<const SpeakerItem> items, const TalkParams& params,
                                     GaussianStats& global) {
    std::vector<GaussianStats> stats(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        for (int64_t k = items[i].begin; k < items[i].end; ++k) {
            if (!usable[static_cast<size_t>(k)]) continue;
            const auto& f = frames[static_cast<size_t>(k)];
            stats[i].add(f, isVoiced(f, params));
        }
        global.merge(stats[i]);
    }
    return stats;
}

// How likely an item's side (teacher, or another voice) is right, from the margin of its mean
// per-frame mixture log-likelihood ratio past the decision threshold (`margin`, signed: positive
// towards the teacher) and the number of frames weighed. Two logistic fits, one per side, made on
// the looked-at lessons (tuning 12, held-out 36, real 12, unseen 12: 3,157 items) and checked on
// eight measured-once sets (3,977 items). A wide margin is surer than a narrow one on both sides,
// but the other-voice side is the weaker: a long item there is as often the teacher's own
// split-off piece as a student. The margin towards the chosen side (never negative) is clipped
// at 6: the fits found nothing surer beyond it.
float sideConfidence(bool teacherSide, double margin, int weighed) {
    const double m = std::clamp(teacherSide ? margin : -margin, 0.0, 6.0);
    const double logN = std::log(static_cast<double>(std::max(1, weighed)));
    const double z =
        teacherSide ? -0.687 + 0.854 * m + 0.298 * logN : 1.633 + 0.286 * m - 0.280 * logN;
    return static_cast<float>(1.0 / (1.0 + std::exp(-z)));
}

}  // namespace

void GaussianStats::add(const FrameFeatures& f, bool voiced) {
    for (int d = 0; d < kMfccCount; ++d) {
        count[d] += 1;
        const double x = f.mfcc(d);
        sum[d] += x;
        sumSq[d] += x * x;
    }
    if (voiced) {
        const double lp = std::log2(static_cast<double>(f.pitchHz));
        count[kPitchDim] += 1;
        sum[kPitchDim] += lp;
        sumSq[kPitchDim] += lp * lp;
    }
}

void GaussianStats::merge(const GaussianStats& o) {
    for (int d = 0; d < kDims; ++d) {
        count[d] += o.count[d];
        sum[d] += o.sum[d];
        sumSq[d] += o.sumSq[d];
    }
}

SpeakerClusters clusterSpeakers(std::span<const FrameFeatures> frames,
                                std::span<const uint8_t> usable, std::span<const SpeakerItem> items,
                                const TalkParams& params, const std::atomic<bool>* cancel) {
    SpeakerClusters out;
    const size_t nItems = items.size();
    out.itemCluster.assign(nItems, -1);
    out.itemConfidence.assign(nItems, 0.5f);
    GaussianStats global;
    const std::vector<GaussianStats> stats = itemStats(frames, usable, items, params, global);
    Scorer scorer(global, params);

    // Seeds: the longest items, at most maxClusterItems of them, each of at least clusterMinS.
    const double minFrames = params.clusterMinS * 100.0;
    std::vector<size_t> order(nItems);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return stats[a].frames() > stats[b].frames(); });
    std::vector<size_t> seeds;
    for (size_t i : order)
        if (stats[i].frames() >= minFrames &&
            static_cast<int>(seeds.size()) < params.maxClusterItems)
            seeds.push_back(i);
    if (seeds.empty() && !order.empty() && stats[order[0]].frames() > 0) seeds.push_back(order[0]);
    if (seeds.empty()) return out;

    // Agglomerative clustering with a cached best partner per cluster.
    const size_t m = seeds.size();
    std::vector<GaussianStats> cs(m);
    std::vector<double> term(m);
    std::vector<std::vector<size_t>> members(m);
    std::vector<uint8_t> alive(m, 1);
    for (size_t c = 0; c < m; ++c) {
        cs[c] = stats[seeds[c]];
        term[c] = scorer.logDetTerm(cs[c]);
        members[c] = {seeds[c]};
    }
    std::vector<size_t> best(m, 0);
    std::vector<double> bestD(m, kInf);
    // pair[c * m + o] = deltaBic(c, o) for the current clusters c and o (not symmetric to the
    // last bit, so both orders are kept): a merge recomputes one row and one column, and a
    // cluster that lost its best partner rescans its row instead of recomputing it.
    // 1500 seeds: 18 MB.
    std::vector<double> pair(m * m, kInf);
    // The diagonal and the columns of merged-away clusters hold +inf, which never wins: the
    // scan needs no liveness test.
    // The row's smallest value in four lanes (min is exact, so lane order does not matter; a
    // NaN never wins, as `v < lo` is false), then the first column holding it: the same column
    // as a strict `<` scan, without its compare-and-branch chain (this runs on every merge).
    auto rescan = [&](size_t c) {
        const double* row = pair.data() + c * m;
        using Vec2 = double __attribute__((vector_size(16)));
        Vec2 loA = {kInf, kInf}, loB = loA;
        size_t o = 0;
        for (; o + 4 <= m; o += 4) {
            Vec2 a, b;
            std::memcpy(&a, row + o, sizeof a);
            std::memcpy(&b, row + o + 2, sizeof b);
            loA = a < loA ? a : loA;
            loB = b < loB ? b : loB;
        }
        double bd = kInf;
        for (double v : {loA[0], loA[1], loB[0], loB[1]})
            if (v < bd) bd = v;
        for (; o < m; ++o)
            if (row[o] < bd) bd = row[o];
        if (bd < kInf) {
            size_t bo = 0;
            while (!(row[bo] == bd)) ++bo;
            best[c] = bo;
            bestD[c] = row[bo];
        } else {
            bestD[c] = kInf;  // best[c] stays, as in a scan that finds nothing below +inf
        }
    };
    for (size_t c = 0; c < m; ++c) {
        if ((c & 63) == 0 && cancelled(cancel)) return out;
        for (size_t o = c + 1; o < m; ++o) {
            const auto j = scorer.joint(cs[c], cs[o]);
            pair[c * m + o] = Scorer::deltaBic(j, term[c], term[o]);
            pair[o * m + c] = Scorer::deltaBic(j, term[o], term[c]);
        }
    }
    for (size_t c = 0; c < m; ++c) rescan(c);
    for (;;) {
        size_t a = m;
        double d = 0.0;
        for (size_t c = 0; c < m; ++c)
            if (alive[c] && bestD[c] < d) {
                d = bestD[c];
                a = c;
            }
        if (a == m) break;  // no merge lowers the BIC
        if (cancelled(cancel)) return out;
        const size_t b = best[a];
        cs[a].merge(cs[b]);
        term[a] = scorer.logDetTerm(cs[a]);
        members[a].insert(members[a].end(), members[b].begin(), members[b].end());
        alive[b] = 0;
        for (size_t c = 0; c < m; ++c) pair[c * m + b] = kInf;
        for (size_t c = 0; c < m; ++c) {
            if (!alive[c] || c == a) continue;
            const auto j = scorer.joint(cs[a], cs[c]);
            pair[a * m + c] = Scorer::deltaBic(j, term[a], term[c]);
            pair[c * m + a] = Scorer::deltaBic(j, term[c], term[a]);
        }
        rescan(a);
        for (size_t c = 0; c < m; ++c) {
            if (!alive[c] || c == a) continue;
            if (best[c] == a || best[c] == b) {
                rescan(c);
            } else {
                const double dc = pair[c * m + a];
                if (dc < bestD[c]) {
                    bestD[c] = dc;
                    best[c] = a;
                }
            }
        }
    }

    // Linking: BIC keeps one voice heard from different places (near, far, turned away) apart,
    // because the room colours the MFCCs. Pitch does not change with distance, so clusters with
    // the same median pitch and nearby cepstra are joined, largest first. A round of linking
    // changes the joined clusters' median pitch and model, so rounds repeat until none joins
    // (talk-v3 ran one: a teacher whose first pieces had gathered around her questions' higher
    // pitch stayed two "voices" 0.04 octave apart). Every round that joins removes a cluster.
    auto linkRound = [&] {
        bool joined = false;
        std::vector<GaussianStats> linked(cs);
        std::vector<size_t> byFrames;
        for (size_t c = 0; c < m; ++c)
            if (alive[c]) byFrames.push_back(c);
        std::stable_sort(byFrames.begin(), byFrames.end(),
                         [&](size_t a, size_t b) { return cs[a].frames() > cs[b].frames(); });
        // Median log2 pitch per cluster: robust to the octave errors of distant, reverberant talk.
        std::vector<double> medianPitch(m, 0.0);
        for (size_t c : byFrames) {
            std::vector<float> p;
            for (size_t it : members[c]) appendVoicedPitches(frames, usable, items[it], params, p);
            medianPitch[c] = medianLog2(p, 10);
        }
        std::vector<size_t> anchors;
        for (size_t c : byFrames) {
            const Model mc = scorer.model(cs[c]);
            size_t into = m;
            for (size_t a : anchors) {
                const Model ma = scorer.model(cs[a]);
                if (medianPitch[c] <= 0 || medianPitch[a] <= 0) continue;
                double dist = 0;
                for (int d = 0; d < kMfccCount; ++d) {
                    const double z = mc.mean[d] - ma.mean[d];
                    dist += z * z / ma.var[d];
                }
                const double dPitch = std::abs(medianPitch[c] - medianPitch[a]);
                const double dCep = std::sqrt(dist / kMfccCount);
                if (dPitch <= params.linkMaxPitchOct &&
                    dPitch / params.linkPitchOct + dCep / params.linkCepstralDistance <=
                        params.linkThreshold) {
                    into = a;
                    break;
                }
            }
            if (into == m) {
                anchors.push_back(c);
                continue;
            }
            members[into].insert(members[into].end(), members[c].begin(), members[c].end());
            alive[c] = 0;
            linked[into].merge(cs[c]);
            joined = true;
        }
        for (size_t a : anchors) cs[a] = linked[a];
        return joined;
    };
    // A round costs a model comparison per pair of clusters left; rounds after the first join
    // few (one or two joining rounds settle each of 168 simulated lessons), so a bound keeps a
    // pathological recording from paying that once per cluster.
    for (int round = 0; round < 8 && linkRound(); ++round) {
        if (cancelled(cancel)) return out;
    }

    // Final clusters, then every item (seed or not) goes to the model that explains it best.
    std::vector<Model> models;
    std::vector<GaussianStats> finalStats;
    for (size_t c = 0; c < m; ++c) {
        if (!alive[c]) continue;
        models.push_back(scorer.model(cs[c]));
        finalStats.push_back(cs[c]);
    }
    const size_t k = models.size();
    std::vector<int> seedCluster(nItems, -1);
    {
        int idx = 0;
        for (size_t c = 0; c < m; ++c) {
            if (!alive[c]) continue;
            for (size_t it : members[c]) seedCluster[it] = idx;
            ++idx;
        }
    }
    // Median log2 pitch of each final cluster (from its seeds) and of each item.
    auto medianLogPitch = [&](auto&& forFrames) {
        std::vector<float> p;
        forFrames([&](int64_t f) {
            const auto& fr = frames[static_cast<size_t>(f)];
            if (usable[static_cast<size_t>(f)] && isVoiced(fr, params)) p.push_back(fr.pitchHz);
        });
        return medianLog2(p, 5);
    };
    std::vector<double> clusterLogPitch(k, 0.0);
    {
        size_t idx = 0;
        for (size_t c = 0; c < m; ++c) {
            if (!alive[c]) continue;
            clusterLogPitch[idx++] = medianLogPitch([&](auto&& use) {
                for (size_t it : members[c])
                    for (int64_t f = items[it].begin; f < items[it].end; ++f) use(f);
            });
        }
    }
    int otherVoices = -1;  // a cluster for short items unlike every known voice
    out.clusterFrames.assign(k, 0.0);
    std::vector<std::vector<float>> pitches(k);
    std::vector<double> ll(k);
    for (size_t i = 0; i < nItems; ++i) {
        if ((i & 63) == 0 && cancelled(cancel)) return out;
        if (stats[i].frames() < 1) continue;
        std::fill(ll.begin(), ll.end(), 0.0);
        for (int64_t f = items[i].begin; f < items[i].end; ++f) {
            if (!usable[static_cast<size_t>(f)]) continue;
            const auto& fr = frames[static_cast<size_t>(f)];
            const bool v = isVoiced(fr, params);
            const auto x = frameVector(fr, v);
            for (size_t c = 0; c < k; ++c) ll[c] += scorer.frameLogLik(models[c], x, v);
        }
        size_t top = 0;
        for (size_t c = 1; c < k; ++c)
            if (ll[c] > ll[top]) top = c;
        double second = -kInf;
        for (size_t c = 0; c < k; ++c)
            if (c != top) second = std::max(second, ll[c]);
        int chosen = seedCluster[i] >= 0 ? seedCluster[i] : static_cast<int>(top);
        if (seedCluster[i] < 0) {
            // Too short to model: trust the cepstra only among clusters of a similar pitch.
            const double lp = medianLogPitch([&](auto&& use) {
                for (int64_t f = items[i].begin; f < items[i].end; ++f) use(f);
            });
            auto near = [&](size_t c) {
                return lp <= 0 || clusterLogPitch[c] <= 0 ||
                       std::abs(lp - clusterLogPitch[c]) <= params.linkMaxPitchOct;
            };
            if (!near(top)) {
                int alt = -1;
                for (size_t c = 0; c < k; ++c)
                    if (near(c) && (alt < 0 || ll[c] > ll[static_cast<size_t>(alt)]))
                        alt = static_cast<int>(c);
                if (alt < 0) {
                    if (otherVoices < 0) {
                        otherVoices = static_cast<int>(out.clusterFrames.size());
                        out.clusterFrames.push_back(0.0);
                        pitches.emplace_back();
                    }
                    alt = otherVoices;
                }
                chosen = alt;
            }
        }
        out.itemCluster[i] = chosen;
        // Per-frame log-likelihood margin against the best rival, squashed to 0.5..1.
        const double chosenLl =
            static_cast<size_t>(chosen) < k ? ll[static_cast<size_t>(chosen)] : ll[top];
        const double margin =
            k > 1 ? (chosenLl - (static_cast<size_t>(chosen) == top ? second : ll[top])) /
                        stats[i].frames()
                  : 4.0;
        out.itemConfidence[i] = static_cast<float>(1.0 / (1.0 + std::exp(-2.0 * margin)));
        out.clusterFrames[static_cast<size_t>(chosen)] += stats[i].frames();
        appendVoicedPitches(frames, usable, items[i], params, pitches[static_cast<size_t>(chosen)]);
    }
    std::vector<double> hops(out.clusterFrames.size(), 0.0), pairs(out.clusterFrames.size(), 0.0);
    for (size_t i = 0; i < nItems; ++i) {
        const int c = out.itemCluster[i];
        if (c < 0) continue;
        for (int64_t f = items[i].begin + 1; f < items[i].end; ++f) {
            const auto& a = frames[static_cast<size_t>(f - 1)];
            const auto& b = frames[static_cast<size_t>(f)];
            if (!isVoiced(a, params) || !isVoiced(b, params)) continue;
            pairs[static_cast<size_t>(c)] += 1;
            if (pitchHops(a, b)) hops[static_cast<size_t>(c)] += 1;
        }
    }
    out.clusterPitchHops.assign(out.clusterFrames.size(), 0.0f);
    for (size_t c = 0; c < out.clusterFrames.size(); ++c)
        out.clusterPitchHops[c] = pairs[c] > 0 ? static_cast<float>(hops[c] / pairs[c]) : 0.0f;
    out.clusterPitchHz.assign(out.clusterFrames.size(), 0.0f);
    for (size_t c = 0; c < out.clusterFrames.size(); ++c) {
        auto& p = pitches[c];
        if (p.empty()) continue;
        std::nth_element(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(p.size() / 2), p.end());
        out.clusterPitchHz[c] = p[p.size() / 2];
    }
    return out;
}

int separateFromTeacher(std::span<const FrameFeatures> frames, std::span<const uint8_t> usable,
                        std::span<const SpeakerItem> items, const TalkParams& params, int teacher,
                        SpeakerClusters& clusters) {
    const size_t nItems = items.size();
    if (teacher < 0 || params.teacherOutlierZ <= 0) return 0;
    GaussianStats global, teacherStats;
    const std::vector<GaussianStats> stats = itemStats(frames, usable, items, params, global);
    for (size_t i = 0; i < nItems; ++i)
        if (clusters.itemCluster[i] == teacher) teacherStats.merge(stats[i]);
    if (teacherStats.frames() < 100) return 0;
    const Scorer scorer(global, params);
    const Model t = scorer.model(teacherStats);
    // Per item: how far its mean MFCCs sit from the teacher's, in the teacher's own spread
    // (RMS z over the 12 dimensions), and its median pitch against the teacher's.
    auto itemPitch = [&](size_t i) {
        std::vector<float> p;
        appendVoicedPitches(frames, usable, items[i], params, p);
        return medianLog2(p, 5);
    };
    const double teacherPitch = t.has[kPitchDim] ? t.mean[kPitchDim] : 0.0;
    std::vector<double> dist(nItems, -1.0), dPitch(nItems, 0.0);
    std::vector<double> ref;
    const double minFrames = 20;
    for (size_t i = 0; i < nItems; ++i) {
        if (clusters.itemCluster[i] != teacher || stats[i].frames() < minFrames) continue;
        double d = 0;
        for (int dd = 0; dd < kMfccCount; ++dd) {
            const double z = stats[i].sum[dd] / stats[i].count[dd] - t.mean[dd];
            d += z * z / t.var[dd];
        }
        dist[i] = std::sqrt(d / kMfccCount);
        const double lp = itemPitch(i);
        dPitch[i] = lp > 0 && teacherPitch > 0 ? lp - teacherPitch : kInf;
        if (stats[i].frames() >= params.clusterMinS * 100.0) ref.push_back(dist[i]);
    }
    // Robust centre and spread of the teacher's own items (most of the cluster is the teacher).
    auto medianOf = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    auto centreAndScale = [&](const std::vector<double>& v, double minScale) {
        const double m = medianOf(v);
        std::vector<double> dev;
        for (double x : v) dev.push_back(std::abs(x - m));
        return std::pair{m, 1.4826 * medianOf(dev) + minScale};
    };
    std::vector<double> refPitch;
    for (size_t i = 0; i < nItems; ++i)
        if (dist[i] >= 0 && dPitch[i] < kInf && stats[i].frames() >= params.clusterMinS * 100.0)
            refPitch.push_back(dPitch[i]);
    if (ref.size() < 8 || refPitch.size() < 8) return 0;
    // Floors on the spreads: a very steady teacher must not make every small wobble an outlier.
    const auto [cepCentre, cepScale] = centreAndScale(ref, 0.02);
    const auto [pitchCentre, pitchScale] = centreAndScale(refPitch, 0.02);
    int moved = 0;
    int into = -1;
    for (size_t i = 0; i < nItems; ++i) {
        if (dist[i] < 0) continue;
        const double zc = std::max(0.0, (dist[i] - cepCentre) / cepScale);
        const double zp = dPitch[i] < kInf ? std::abs(dPitch[i] - pitchCentre) / pitchScale : 0.0;
        const double z = std::sqrt(zc * zc + zp * zp);
        // Short items are noisier: they need a clearer difference.
        const double need =
            params.teacherOutlierZ + (stats[i].frames() < params.clusterMinS * 100.0 ? 1.0 : 0.0);
        // Cepstra alone move with distance and room: a voice within teacherOutlierMinOct of the
        // teacher's pitch stays with the teacher. Only higher voices leave: a child who sounds
        // like the teacher speaks higher than she does, while the teacher's own lower pieces
        // (falling sentence ends, creak, a tired voice, a halved pitch track) are hers. talk-v3
        // moved those too: real recorded teachers lost 5-20 % of their talk to "students".
        const bool pitchApart =
            dPitch[i] < kInf && dPitch[i] - pitchCentre >= params.teacherOutlierMinOct;
        if (z <= need || !pitchApart) continue;
        if (into < 0) {
            into = clusters.clusterCount();
            clusters.clusterFrames.push_back(0.0);
            clusters.clusterPitchHz.push_back(0.0f);
            clusters.clusterPitchHops.push_back(0.0f);
        }
        clusters.itemCluster[i] = into;
        clusters.itemConfidence[i] = 0.6f;
        clusters.clusterFrames[static_cast<size_t>(teacher)] -= stats[i].frames();
        clusters.clusterFrames[static_cast<size_t>(into)] += stats[i].frames();
        ++moved;
    }
    if (into >= 0) {
        std::vector<float> p;
        for (size_t i = 0; i < nItems; ++i) {
            if (clusters.itemCluster[i] != into) continue;
            appendVoicedPitches(frames, usable, items[i], params, p);
        }
        if (!p.empty()) {
            std::nth_element(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(p.size() / 2),
                             p.end());
            clusters.clusterPitchHz[static_cast<size_t>(into)] = p[p.size() / 2];
        }
    }
    return moved;
}

VoiceMixture::VoiceMixture(std::span<const Cepstra> x, int k) {
    const size_t n = x.size();
    k = std::clamp(k, 1, std::max(1, std::min(kMaxParts, static_cast<int>(n / 50))));
    std::array<double, kMfccCount> mean{}, var{}, floor{};
    for (const auto& v : x)
        for (int d = 0; d < kMfccCount; ++d) {
            mean[d] += v[d];
            var[d] += static_cast<double>(v[d]) * v[d];
        }
    for (int d = 0; d < kMfccCount; ++d) {
        mean[d] /= static_cast<double>(std::max<size_t>(1, n));
        var[d] = std::max(1e-4,
                          var[d] / static_cast<double>(std::max<size_t>(1, n)) - mean[d] * mean[d]);
        floor[d] = 0.05 * var[d] + 1e-4;
    }
    m_logConst.fill(-kHuge);  // parts beyond k never win
    m_lanes = k <= 4 ? 4 : kMaxParts;
    if (n == 0) return;
    std::array<double, kMaxParts> weight{};
    for (int c = 0; c < k; ++c) {
        const auto& seed = x[(2 * static_cast<size_t>(c) + 1) * n / (2 * static_cast<size_t>(k))];
        for (int d = 0; d < kMfccCount; ++d) {
            m_mean[d][c] = seed[d];
            m_invVar[d][c] = static_cast<float>(1.0 / var[d]);
        }
        weight[c] = 1.0 / k;
    }
    prepare(weight, k);
    Parts resp{};
    for (int iter = 0; iter < kMixtureIterations; ++iter) {
        std::array<double, kMaxParts> sum{};
        // Part by part, the dimensions innermost: one short vector loop per part and frame.
        std::array<std::array<double, kMfccCount>, kMaxParts> sx{}, sxx{};
        for (const auto& v : x) {
            const double total = logLik(v, resp);
            std::array<double, kMfccCount> vd{};
            for (int d = 0; d < kMfccCount; ++d) vd[d] = v[d];
            for (int c = 0; c < k; ++c) {
                if (resp[c] <= total - kNegligible) continue;
                const double r = std::exp(resp[c] - total);
                sum[c] += r;
                for (int d = 0; d < kMfccCount; ++d) {
                    sx[c][d] += r * vd[d];
                    sxx[c][d] += r * vd[d] * vd[d];
                }
            }
        }
        for (int c = 0; c < k; ++c) {
            weight[c] = std::max(sum[c], 1e-3) / static_cast<double>(n);
            if (sum[c] < 2.0) continue;  // a part nobody belongs to keeps its place
            for (int d = 0; d < kMfccCount; ++d) {
                const double m = sx[c][d] / sum[c];
                m_mean[d][c] = static_cast<float>(m);
                m_invVar[d][c] =
                    static_cast<float>(1.0 / std::max(floor[d], sxx[c][d] / sum[c] - m * m));
            }
        }
        prepare(weight, k);
    }
}

double VoiceMixture::logLik(const Cepstra& x, Parts& parts) const {
    return m_lanes == 4 ? logLikOver<4>(x, parts) : logLikOver<kMaxParts>(x, parts);
}

double VoiceMixture::bestPartLogLik(const Cepstra& x) const {
    return m_lanes == 4 ? bestPartOver<4>(x) : bestPartOver<kMaxParts>(x);
}

template <int P>
VoiceMixture::Parts VoiceMixture::partLogDensities(const Cepstra& x) const {
    Parts q{};
    for (int d = 0; d < kMfccCount; ++d)
        for (int c = 0; c < P; ++c) {
            const float z = x[d] - m_mean[d][c];
            q[c] += z * z * m_invVar[d][c];
        }
    Parts out;
    for (int c = 0; c < P; ++c) out[c] = m_logConst[c] - 0.5f * q[c];
    for (int c = P; c < kMaxParts; ++c) out[c] = -kHuge;
    return out;
}

template <int P>
float VoiceMixture::bestPartOver(const Cepstra& x) const {
    const Parts parts = partLogDensities<P>(x);
    float top = -kHuge;
    for (int c = 0; c < P; ++c) top = std::max(top, parts[c]);
    return top;
}

template <int P>
double VoiceMixture::logLikOver(const Cepstra& x, Parts& parts) const {
    parts = partLogDensities<P>(x);
    float top = -kHuge;
    for (int c = 0; c < P; ++c) top = std::max(top, parts[c]);
    // Parts more than kNegligible below the best add less than e^-kNegligible each: skipping
    // their exponentials changes nothing that matters and saves most of them. The best part
    // adds exactly 1, so the sum lies in 1 .. kMaxParts: float's exp and log are exact enough.
    float s = 0;
    for (int c = 0; c < P; ++c)
        if (parts[c] > top - kNegligible) s += std::exp(parts[c] - top);
    return static_cast<double>(top) + static_cast<double>(std::log(s));
}

VoiceMixture::Cepstra VoiceMixture::cepstra(const FrameFeatures& f) {
    Cepstra c{};
    for (int d = 0; d < kMfccCount; ++d) c[static_cast<size_t>(d)] = f.mfcc(d);
    return c;
}

void VoiceMixture::prepare(const std::array<double, kMaxParts>& weight, int k) {
    for (int c = 0; c < k; ++c) {
        double logDet = 0;
        for (int d = 0; d < kMfccCount; ++d)
            logDet += std::log(2.0 * std::numbers::pi / m_invVar[d][c]);
        m_logConst[c] = static_cast<float>(std::log(weight[c]) - 0.5 * logDet);
    }
}

std::optional<VoiceModels> fitVoiceModels(std::span<const FrameFeatures> frames,
                                          std::span<const uint8_t> side, const TalkParams& params) {
    constexpr size_t kMinFrames = 300;
    constexpr size_t kMaxTrain = 4000;
    const auto teacherFrames = static_cast<size_t>(std::count(side.begin(), side.end(), 1));
    const auto otherFrames = static_cast<size_t>(std::count(side.begin(), side.end(), 2));
    if (teacherFrames < kMinFrames || otherFrames < kMinFrames) return std::nullopt;
    const size_t strideT = (teacherFrames + kMaxTrain - 1) / kMaxTrain;
    const size_t strideO = (otherFrames + kMaxTrain - 1) / kMaxTrain;
    std::vector<VoiceMixture::Cepstra> xt, xo;
    size_t seenT = 0, seenO = 0;
    for (size_t k = 0; k < side.size() && k < frames.size(); ++k) {
        if (side[k] == 1 && seenT++ % strideT == 0)
            xt.push_back(VoiceMixture::cepstra(frames[k]));
        else if (side[k] == 2 && seenO++ % strideO == 0)
            xo.push_back(VoiceMixture::cepstra(frames[k]));
    }
    return VoiceModels{VoiceMixture(xt, params.mixtureComponents),
                       VoiceMixture(xo, std::max(1, params.mixtureComponents / 2))};
}

int reassignByMixtures(std::span<const FrameFeatures> frames, std::span<const uint8_t> usable,
                       std::span<const SpeakerItem> items, const TalkParams& params, int teacher,
                       SpeakerClusters& clusters, int hinted) {
    if (teacher < 0 || params.mixtureComponents <= 0) return 0;
    const size_t nItems = items.size();
    auto usableFrames = [&](size_t i, auto&& use) {
        for (int64_t f = items[i].begin; f < items[i].end; ++f)
            if (usable[static_cast<size_t>(f)]) use(frames[static_cast<size_t>(f)]);
    };
    // The usable frames of every clustered item, by side.
    std::vector<uint8_t> side(frames.size(), 0);
    for (size_t i = 0; i < nItems; ++i) {
        if (clusters.itemCluster[i] < 0) continue;
        const uint8_t s = clusters.itemCluster[i] == teacher ? 1 : 2;
        for (int64_t f = items[i].begin; f < items[i].end; ++f)
            if (usable[static_cast<size_t>(f)]) side[static_cast<size_t>(f)] = s;
    }
    const auto models = fitVoiceModels(frames, side, params);
    std::vector<uint8_t>().swap(side);
    if (!models) return 0;  // too little of either to model: nothing to weigh
    const VoiceMixture& teacherModel = models->teacher;
    const VoiceMixture& otherModel = models->other;

    // Each item's mean log-likelihood ratio over every third usable frame: on the looked-at
    // lessons as good as all of them, at a third of the cost.
    VoiceMixture::Parts partsT{}, partsO{};
    int into = -1;
    int changed = 0;
    std::vector<float> movedPitch;
    for (size_t i = 0; i < nItems; ++i) {
        const int c = clusters.itemCluster[i];
        if (c < 0 || static_cast<int>(i) == hinted) continue;
        double sum = 0;
        int count = 0;
        for (int64_t f = items[i].begin; f < items[i].end; f += 3) {
            if (!usable[static_cast<size_t>(f)]) continue;
            const auto x = VoiceMixture::cepstra(frames[static_cast<size_t>(f)]);
            sum += teacherModel.logLik(x, partsT) - otherModel.logLik(x, partsO);
            ++count;
        }
        if (count == 0) continue;
        const double llr = sum / count;
        const bool toTeacher = llr >= params.mixtureLlr;
        clusters.itemConfidence[i] = sideConfidence(toTeacher, llr - params.mixtureLlr, count);
        if (toTeacher == (c == teacher)) continue;
        if (!toTeacher && into < 0) {
            into = clusters.clusterCount();
            clusters.clusterFrames.push_back(0.0);
            clusters.clusterPitchHz.push_back(0.0f);
            clusters.clusterPitchHops.push_back(0.0f);
        }
        const int to = toTeacher ? teacher : into;
        double n = 0;
        usableFrames(i, [&](const FrameFeatures&) { n += 1; });
        clusters.clusterFrames[static_cast<size_t>(c)] -= n;
        clusters.clusterFrames[static_cast<size_t>(to)] += n;
        clusters.itemCluster[i] = to;
        if (!toTeacher) appendVoicedPitches(frames, usable, items[i], params, movedPitch);
        ++changed;
    }
    if (into >= 0 && !movedPitch.empty()) {
        const double lp = medianLog2(movedPitch, 1);
        clusters.clusterPitchHz[static_cast<size_t>(into)] = static_cast<float>(std::exp2(lp));
    }
    return changed;
}

int resegmentRunEnds(std::span<const FrameFeatures> frames, std::span<const SpeakerItem> items,
                     const TalkParams& params, int hinted, std::vector<uint8_t>& side) {
    if (params.resegmentCost <= 0 || params.mixtureComponents <= 0) return 0;
    const size_t n = side.size();
    const auto models = fitVoiceModels(frames, side, params);
    if (!models) return 0;
    const VoiceMixture& teacherModel = models->teacher;
    const VoiceMixture& otherModel = models->other;

    int64_t hintBegin = -1, hintEnd = -1;
    if (hinted >= 0 && static_cast<size_t>(hinted) < items.size()) {
        hintBegin = items[static_cast<size_t>(hinted)].begin;
        hintEnd = items[static_cast<size_t>(hinted)].end;
    }
    auto locked = [&](size_t k) {
        return static_cast<int64_t>(k) >= hintBegin && static_cast<int64_t>(k) < hintEnd;
    };
    const double cost = params.resegmentCost;
    std::vector<uint8_t> from;  // per frame of the run: 2 bits, the best predecessor per state
    std::vector<uint8_t> path;
    int changed = 0;
    for (size_t i = 0; i < n;) {
        if (side[i] == 0) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < n && side[j] != 0) ++j;
        const size_t len = j - i;
        // Viterbi over states 1 (teacher) and 2 (other): the teacher state scores the frame's
        // log-likelihood ratio, the other state 0.
        from.assign(len, 0);
        double score[2] = {0.0, 0.0};
        for (size_t t = 0; t < len; ++t) {
            // Unvoiced frames (fricatives, breath) weigh nothing: they say little about who
            // speaks, and the teacher's mixture, with more talk and twice the parts, fits them
            // better whoever says them (a student's "fifths" lost its "-ths" to her).
            double llr = 0.0;
            if (isVoiced(frames[i + t], params)) {
                const auto x = VoiceMixture::cepstra(frames[i + t]);
                llr = teacherModel.bestPartLogLik(x) - otherModel.bestPartLogLik(x);
            }
            if (t == 0) {
                score[0] = llr;
                score[1] = 0.0;
                continue;
            }
            const double stayT = score[0], switchT = score[1] - cost;
            const double stayO = score[1], switchO = score[0] - cost;
            uint8_t bits = 0;
            if (switchT > stayT) bits |= 1;  // teacher reached from other
            if (switchO > stayO) bits |= 2;  // other reached from teacher
            score[0] = std::max(stayT, switchT) + llr;
            score[1] = std::max(stayO, switchO);
            from[t] = bits;
        }
        path.assign(len, 0);
        int state = score[0] >= score[1] ? 0 : 1;
        for (size_t t = len; t-- > 0;) {
            path[t] = static_cast<uint8_t>(state + 1);
            if (t > 0 && (from[t] >> state) & 1) state = 1 - state;
        }
        for (size_t t = 0; t < len && path[t] != side[i + t] && !locked(i + t); ++t) {
            side[i + t] = path[t];
            ++changed;
        }
        for (size_t t = len; t-- > 0 && path[t] != side[i + t] && !locked(i + t);) {
            side[i + t] = path[t];
            ++changed;
        }
        i = j;
    }
    return changed;
}

}  // namespace ll::analysis
