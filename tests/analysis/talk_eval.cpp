// Development tool: analyse a WAV, write segments as JSON, optionally score against truth.csv.
//   talk_eval in.wav out.json [--truth truth.csv] [--hint SECONDS] [--repeat N] [name=value ...]
// --repeat N pushes the recording N times in a row (a long-lesson speed and memory check).
// The JSON also holds the coach's metrics of the result ("metrics") and, with --truth, of the
// truth ("truth_metrics"), so the harness can say how far each metric is off.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "analysis/talk_analyzer.h"
#include "analysis/talk_metrics.h"
#include "analysis/talk_scoring.h"
#include "analysis/wav_reader.h"

using namespace ll::analysis;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(
            stderr,
            "usage: talk_eval in.wav out.json [--truth truth.csv] [--hint s] [name=value...]\n");
        return 2;
    }
    TalkParams params;
    std::string truthPath;
    std::optional<ll::MediaTime> hint;
    int repeat = 1;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--truth" && i + 1 < argc)
            truthPath = argv[++i];
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "--hint" && i + 1 < argc)
            hint = ll::MediaTime::fromSeconds(std::atof(argv[++i]));
        else if (auto eq = a.find('='); eq != std::string::npos) {
            if (!params.set(a.substr(0, eq), a.substr(eq + 1))) {
                std::fprintf(stderr, "bad parameter %s\n", a.c_str());
                return 2;
            }
        }
    }
    test::WavData wav;
    std::string err;
    if (!test::readWav(argv[1], wav, &err) || wav.sampleRate != kSampleRate) {
        std::fprintf(stderr, "%s: %s\n", argv[1], err.empty() ? "not 16 kHz" : err.c_str());
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    TalkAnalyzer analyzer(params);
    const size_t block = 16000;
    for (int r = 0; r < repeat; ++r)
        for (size_t i = 0; i < wav.samples.size(); i += block)
            analyzer.push(std::span<const float>(wav.samples)
                              .subspan(i, std::min(block, wav.samples.size() - i)));
    const auto t1 = std::chrono::steady_clock::now();
    auto result = analyzer.finish(hint);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "features %.3f s, decisions %.3f s\n",
                 std::chrono::duration<double>(t1 - t0).count(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
    if (!result) {
        std::fprintf(stderr, "%s\n", result.error().describe().c_str());
        return 1;
    }
    std::vector<TalkLabel> truth;
    if (!truthPath.empty() && repeat == 1 && !test::readTruth(truthPath, truth)) {
        std::fprintf(stderr, "cannot read %s\n", truthPath.c_str());
        return 1;
    }
    auto writeMetrics = [](FILE* out, const char* key, const TalkMetrics& m) {
        std::fprintf(out,
                     ",\n\"%s\":{\"teacher_min\":%.4f,\"student_min\":%.4f,\"exchanges\":%d,"
                     "\"student_turns\":%d,\"median_student_turn_s\":%.2f,\"waits\":%d,"
                     "\"median_wait_s\":%.2f,\"long_wait_share\":%.4f,\"reply_waits\":%d,"
                     "\"median_reply_wait_s\":%.2f,\"long_reply_wait_share\":%.4f,"
                     "\"longest_teacher_s\":%.2f}",
                     key, m.teacherMinutes, m.studentMinutes, m.exchanges, m.studentTurns,
                     m.medianStudentTurn.seconds(), m.waitAfterTeacher.count,
                     m.waitAfterTeacher.median.seconds(), m.waitAfterTeacher.longShare,
                     m.waitAfterStudents.count, m.waitAfterStudents.median.seconds(),
                     m.waitAfterStudents.longShare, m.longestTeacherStretch.seconds());
    };
    FILE* f = std::fopen(argv[2], "w");
    std::fprintf(f, "{\"version\":\"%s\",\"unsure_below\":%.3f,\"segments\":[",
                 result->version.c_str(), static_cast<double>(kUnsureBelow));
    for (size_t i = 0; i < result->segments.size(); ++i) {
        const auto& s = result->segments[i];
        std::fprintf(
            f,
            "%s\n{\"start\":%.2f,\"end\":%.2f,\"label\":\"%s\",\"confidence\":%.3f,\"speaker\":%d}",
            i ? "," : "", s.range.start.seconds(), s.range.end.seconds(),
            std::string(toString(s.label)).c_str(), static_cast<double>(s.confidence), s.speaker);
    }
    std::fprintf(f, "]");
    writeMetrics(f, "metrics", computeTalkMetrics(result->segments, result->duration));
    if (!truth.empty()) {
        const auto truthSegments = test::framesToSegments(truth);
        writeMetrics(f, "truth_metrics",
                     computeTalkMetrics(truthSegments, truthSegments.back().range.end));
    }
    std::fprintf(f, "}\n");
    std::fclose(f);
    const double audio = static_cast<double>(wav.samples.size()) * repeat / kSampleRate;
    std::printf("analysed %.1f s in %.2f s (%.0fx real time), %d speakers, teacher %d\n", audio,
                secs, audio / secs, result->speakerCount, result->teacherSpeaker);
    for (size_t c = 0; c < result->speakers.size(); ++c)
        std::printf("  speaker %zu: %.1f s, %.0f Hz, hops %.3f%s\n", c,
                    result->speakers[c].talk.seconds(),
                    static_cast<double>(result->speakers[c].medianPitchHz),
                    static_cast<double>(result->speakers[c].pitchHops),
                    static_cast<int>(c) == result->teacherSpeaker ? " (teacher)" : "");
    if (!truth.empty()) {
        const auto pred = test::segmentsToFrames(result->segments, truth.size());
        std::printf("%s\n", test::scoreFrames(truth, pred).describe().c_str());
        // truth composition of each speaker cluster (frames: silence teacher student multiple)
        std::vector<std::array<int, 4>> comp(result->speakers.size());
        for (const auto& s : result->segments) {
            if (s.speaker < 0) continue;
            for (int64_t k = s.range.start.micros() / 10000;
                 k < s.range.end.micros() / 10000 && k < static_cast<int64_t>(truth.size()); ++k)
                ++comp[static_cast<size_t>(s.speaker)]
                      [static_cast<size_t>(truth[static_cast<size_t>(k)])];
        }
        for (size_t c = 0; c < comp.size(); ++c)
            std::printf("  cluster %zu truth: sil %d teacher %d student %d multi %d\n", c,
                        comp[c][0], comp[c][1], comp[c][2], comp[c][3]);
    }
}
