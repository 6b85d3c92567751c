// playback_bench_library DB CLIP COMMENTS SEGMENTS: fills a library for scripts/bench_app.sh with
// CLIP, COMMENTS comments from five reviewers (a tenth of them ranges, a tenth replies, tags on
// some), a complete talk analysis of SEGMENTS segments tiling the clip, and waveform peaks, so
// the app has the issue's worst case to draw. Deterministic (fixed seed). Not a test.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "jobs/clip_import.h"
#include "media/peak_pyramid.h"
#include "store/library.h"

namespace {

using namespace ll;

Status fill(const std::filesystem::path& dbPath, const std::filesystem::path& clipPath, int comments,
            int segments) {
    LL_ASSIGN(auto lib, store::Library::open(dbPath));
    LL_ASSIGN(auto import, jobs::describeMedia(std::filesystem::absolute(clipPath)));
    LL_ASSIGN(auto added, jobs::addClip(*lib, import));
    const store::Clip clip = added.clip;
    const int64_t durationUs = clip.duration.micros();
    if (durationUs <= 1'000'000) return Error::invalid("the clip must be longer than a second");

    std::mt19937_64 rng(20261123);
    auto uniform = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    static const char* kNames[] = {"Coach Lee", "Ms Okafor", "Mr Brandt", "Dr Silva", "Ana P."};
    static const char* kWords[] = {"students", "waited", "question", "explain", "fractions", "group",
                                   "board",    "noticed", "reasoning", "pair",    "why",       "listen"};
    static const char* kTags[] = {"wait-time", "questioning", "discourse", "pacing"};
    std::vector<Id> reviewers;
    for (const char* name : kNames) {
        LL_ASSIGN(auto r, lib->reviewers().findOrCreate(name));
        reviewers.push_back(r.id);
    }

    LL_TRY(lib->write([&]() -> Status {
        std::vector<Id> topLevel;
        for (int i = 0; i < comments; ++i) {
            store::Comment c;
            c.clipId = clip.id;
            c.authorId = reviewers[static_cast<size_t>(i) % reviewers.size()];
            c.start = MediaTime::fromMicros(uniform(0, durationUs - 1'000'000));
            if (!topLevel.empty() && i % 10 == 9) {
                c.parentId = topLevel[static_cast<size_t>(uniform(0, static_cast<int64_t>(topLevel.size()) - 1))];
                auto parent = lib->comments().get(*c.parentId);
                if (parent && *parent) c.start = (*parent)->start;
            } else if (i % 10 == 4) {
                c.end = c.start + MediaTime::fromMicros(uniform(2'000'000, 40'000'000));
                if (c.end->micros() > durationUs) c.end = clip.duration;
            }
            c.kind = static_cast<store::CommentKind>(i % 4);
            int words = static_cast<int>(uniform(4, 40));
            for (int w = 0; w < words; ++w) {
                if (w) c.text += ' ';
                c.text += kWords[static_cast<size_t>(uniform(0, std::size(kWords) - 1))];
            }
            c.text += " (#" + std::to_string(i) + ")";
            if (i % 3 == 0) c.tags.push_back(kTags[static_cast<size_t>(i) % std::size(kTags)]);
            LL_ASSIGN(auto saved, lib->comments().add(std::move(c)));
            if (!saved.parentId) topLevel.push_back(saved.id);
        }
        return {};
    }));

    // Segments tile [0, duration): random weights, scaled so that exactly `segments` fit.
    LL_ASSIGN(auto run, lib->analyses().startRun(clip.id, "talk", "bench", "{}"));
    if (durationUs / segments < 2) return Error::invalid("too many segments for the clip's length");
    std::vector<double> weights(static_cast<size_t>(segments));
    double total = 0;
    for (auto& w : weights) total += (w = 0.5 + static_cast<double>(uniform(0, 1000)) / 1000.0);
    static const char* kLabels[] = {"teacher", "silence", "student", "teacher", "multiple", "student"};
    std::vector<store::TalkSegmentRow> rows;
    rows.reserve(weights.size());
    double acc = 0;
    int64_t at = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        acc += weights[i];
        int64_t end = i + 1 == weights.size() ? durationUs : static_cast<int64_t>(acc / total * static_cast<double>(durationUs));
        if (end <= at) end = at + 1;
        store::TalkSegmentRow r;
        r.range = {MediaTime::fromMicros(at), MediaTime::fromMicros(end)};
        r.label = kLabels[i % std::size(kLabels)];
        // A quarter unsure (hatched on the strip), the high end of real analyses' share.
        r.confidence = i % 4 == 1 ? 0.6f : 0.8f;
        r.speaker = r.label == std::string("teacher") ? 0 : r.label == std::string("student") ? 1 + static_cast<int>(i % 3) : -1;
        rows.push_back(std::move(r));
        at = end;
    }
    LL_TRY(lib->analyses().saveSegments(run.id, rows));
    LL_TRY(lib->analyses().finishRun(run.id, store::AnalysisRun::Status::Complete));

    // Waveform peaks of a talk-like envelope, as the analysis would store them.
    media::PeakPyramid peaks;
    std::vector<float> block(16000);
    for (int64_t s = 0; s * 1'000'000 < durationUs; ++s) {
        for (size_t j = 0; j < block.size(); ++j) {
            double t = static_cast<double>(s) + static_cast<double>(j) / 16000.0;
            block[j] = static_cast<float>(0.4 * std::sin(t * 1.7) * std::sin(2 * M_PI * 220 * t));
        }
        peaks.add(block);
    }
    peaks.finish();
    auto blob = peaks.serialize();
    LL_TRY(lib->analyses().savePeaks(clip.id, blob));
    std::printf("%s: %d comments, %zu talk segments on %s\n", dbPath.c_str(), comments, rows.size(),
                clip.title.c_str());
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: playback_bench_library DB CLIP COMMENTS SEGMENTS\n");
        return 2;
    }
    int comments = std::atoi(argv[3]), segments = std::atoi(argv[4]);
    if (comments < 0 || segments < 1) {
        std::fprintf(stderr, "playback_bench_library: COMMENTS >= 0 and SEGMENTS >= 1\n");
        return 2;
    }
    if (auto st = fill(argv[1], argv[2], comments, segments); !st) {
        std::fprintf(stderr, "playback_bench_library: %s\n", st.error().describe().c_str());
        return 1;
    }
    return 0;
}
