// lessonlens-cli analyze / talk: who talked when, the metrics coaches read, and corrections.

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "apps/lessonlens-cli/cli_context.h"
#include "apps/lessonlens-cli/lookup.h"
#include "core/time_text.h"
#include "exchange/json_export.h"
#include "exchange/text_formats.h"
#include "jobs/clip_import.h"
#include "jobs/output_file.h"
#include "jobs/talk_analysis.h"
#include "store/library.h"

namespace ll::cli {
namespace {

using analysis::TalkLabel;
using exchange::jsonSeconds;
using exchange::metricsJson;
using exchange::segmentsJson;
constexpr TalkLabel kLabels[] = {TalkLabel::Teacher, TalkLabel::Student, TalkLabel::Multiple,
                                 TalkLabel::Silence};

std::string percent(double share) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
    return buf;
}

void printSummary(const store::Clip& clip, const analysis::TalkMetrics& m, size_t corrections) {
    auto idx = [](TalkLabel l) { return static_cast<size_t>(l); };
    std::cout << "Talk time in \"" << clip.title << "\" (" << formatTime(m.duration, 0) << ")";
    if (corrections) std::cout << ", with " << corrections << " reviewer correction(s)";
    std::cout << "\n";
    const char* names[] = {"Teacher talk", "Student talk", "Several voices", "Silence"};
    for (size_t i = 0; i < 4; ++i) {
        TalkLabel l = kLabels[i];
        std::printf("  %-15s %4s  %s\n", names[i], percent(m.labelShare[idx(l)]).c_str(),
                    formatTime(m.labelTime[idx(l)], 0).c_str());
    }
    std::fflush(stdout);
    std::cout << "  Exchanges (teacher then student): " << m.exchanges << "\n";
    std::cout << "  Student turns: " << m.studentTurns;
    if (m.studentTurns) std::cout << ", median " << formatSeconds(m.medianStudentTurn, 1) << " s";
    std::cout << "\n";
    auto wait = [](const char* after, const analysis::WaitTime& w, const char* none) {
        std::cout << "  Wait time after " << after << ": ";
        if (w.count)
            std::cout << "median " << formatSeconds(w.median, 1) << " s over " << w.count
                      << " pauses; " << percent(w.longShare) << " were 3 s or more\n";
        else
            std::cout << none << "\n";
    };
    wait("teacher talk", m.waitAfterTeacher, "no pauses before a student spoke");
    wait("student talk", m.waitAfterStudents, "no pauses before the teacher spoke after a student");
    std::cout << "  Longest uninterrupted teacher talk: " << formatTime(m.longestTeacherStretch, 0)
              << "\n";
    if (m.unsureStretches)
        std::cout << "  Unsure talk to check: " << m.unsureStretches << " stretch"
                  << (m.unsureStretches == 1 ? "" : "es") << ", "
                  << formatTime(m.unsureLength, 0)
                  << " (hatched in the app; U jumps from one to the next)\n";
    else
        std::cout << "  Unsure talk to check: none\n";
    std::cout << std::flush;
}

class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : m_enabled(enabled) {}
    ~ProgressBar() { clear(); }
    void update(float p) {
        if (!m_enabled) return;
        int pct = static_cast<int>(p * 100);
        if (pct == m_last) return;
        m_last = pct;
        int filled = pct * 30 / 100;
        std::fprintf(stderr, "\rAnalysing [%.*s%*s] %3d%%",
                     filled, "##############################", 30 - filled, "", pct);
        std::fflush(stderr);
    }
    void clear() {
        if (m_enabled && m_last >= 0) std::fprintf(stderr, "\r%50s\r", "");
        m_last = -1;
    }

private:
    bool m_enabled;
    int m_last = -1;
};

struct AnalyzeOptions {
    std::string clip, jsonOut, rttmOut, teacherHint;
    int audioStream = -1;  // -1: the recording's default sound
};

void runAnalyze(Context& ctx, const AnalyzeOptions& o) {
    jobs::AnalyzeOptions options;
    if (!o.teacherHint.empty()) {
        auto t = parseTime(o.teacherHint);
        if (!t) return ctx.fail(Error::invalid("--teacher-hint: " + t.error().message));
        if (*t < MediaTime::zero()) {
            return ctx.fail(Error::invalid("--teacher-hint: a time in the clip cannot be negative"));
        }
        options.teacherHint = *t;
    }
    for (auto [path, option] : {std::pair{&o.jsonOut, "--json"}, std::pair{&o.rttmOut, "--rttm"}}) {
        if (Status st = checkOutputOption(ctx, *path, option, {{o.clip, "the recording to analyse"}});
            !st) {
            return ctx.fail(st.error());
        }
    }
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    // A file new to the library is added only if it can be analysed as asked: a refusal (no
    // sound, a hint past the end) leaves the library as it was.
    store::Clip found;
    Status admitted = (*lib)->write([&]() -> Status {
        LL_ASSIGN(found, findClip(ctx, o.clip, /*addIfNew=*/true));
        if (options.teacherHint && found.duration > MediaTime::zero() &&
            *options.teacherHint >= found.duration) {
            return Error::invalid("--teacher-hint: " + formatTime(*options.teacherHint) +
                                  " is after the end of the clip (" + formatTime(found.duration) +
                                  ")");
        }
        LL_TRY(jobs::checkAnalysable(found));
        if (o.audioStream < 0) return Status();
        // A camera with two microphones (a lapel mic on the second track): the sound to use.
        std::string sounds;
        bool isSound = false;
        for (const auto& s : found.streams) {
            if (s.type != "audio") continue;
            sounds += (sounds.empty() ? "#" : ", #") + std::to_string(s.index);
            isSound = isSound || s.index == o.audioStream;
        }
        if (!isSound) {
            return Error::invalid("--audio-stream: #" + std::to_string(o.audioStream) +
                                  " is not a sound stream of \"" + found.title +
                                  "\"; its sound is " + sounds + " (see lessonlens-cli probe)");
        }
        return Status();
    });
    if (!admitted) return ctx.fail(admitted.error());
    const store::Clip* clip = &found;
    options.audioStream = o.audioStream;
    ProgressBar bar(isatty(STDERR_FILENO) != 0);
    auto outcome = jobs::analyzeClip(**lib, *clip, options, nullptr,
                                     [&](float p) { bar.update(p); });
    bar.clear();
    if (!outcome) return ctx.fail(outcome.error());
    auto view = jobs::loadTalk(**lib, *clip);
    if (!view || !*view) return ctx.fail(view ? Error::notFound("the analysis was not stored") : view.error());
    const jobs::TalkView& v = **view;
    nlohmann::json doc = {{"clip", clip->id.toString()},
                          {"run", outcome->run.id.toString()},
                          {"version", outcome->run.version},
                          {"segments", segmentsJson(v.segments)},
                          {"metrics", metricsJson(v.metrics)}};
    if (!o.jsonOut.empty()) {
        auto st = writeOutputOption(
            ctx, o.jsonOut, "--json",
            doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        if (!st) return ctx.fail(st.error());
    }
    if (!o.rttmOut.empty()) {
        auto st = writeOutputOption(ctx, o.rttmOut, "--rttm",
                                    exchange::toRttm(clip->id.toString(), v.segments));
        if (!st) return ctx.fail(st.error());
    }
    if (ctx.json) return ctx.printJson(doc);
    // Written to the terminal or a pipe (--json /dev/stdout): that is the output; a summary
    // after it would break the JSON.
    if (jobs::isOutputStream(o.jsonOut) || jobs::isOutputStream(o.rttmOut)) return;
    printSummary(*clip, v.metrics, v.corrections.size());
}

void runTalk(Context& ctx, const std::string& clipArg) {
    auto clip = findClip(ctx, clipArg, /*addIfNew=*/false);
    if (!clip) return ctx.fail(clip.error());
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    auto view = jobs::loadTalk(**lib, *clip);
    if (!view) return ctx.fail(view.error());
    if (!*view) {
        return ctx.fail(Error::notFound("\"" + clip->title + "\" has not been analysed yet; run "
                                        "`lessonlens-cli analyze " + clip->id.toString().substr(0, 8) + "`"));
    }
    const jobs::TalkView& v = **view;
    if (ctx.json) {
        nlohmann::json corrections = nlohmann::json::array();
        for (const auto& c : v.corrections) {
            nlohmann::json j = {{"id", c.id.toString()},
                                {"kind", std::string(store::toString(c.kind))},
                                {"start", jsonSeconds(c.range.start)}};
            if (c.kind == store::SegmentCorrection::Kind::Relabel) {
                j["end"] = jsonSeconds(c.range.end);
                j["label"] = c.label;
            }
            corrections.push_back(std::move(j));
        }
        return ctx.printJson({{"clip", clip->id.toString()},
                              {"run", v.run.id.toString()},
                              {"version", v.run.version},
                              {"segments", segmentsJson(v.segments)},
                              {"corrections", corrections},
                              {"metrics", metricsJson(v.metrics)}});
    }
    printSummary(*clip, v.metrics, v.corrections.size());
}

struct CorrectOptions {
    std::string clip, from, to, label, author, at;
};

void runCorrection(Context& ctx, const CorrectOptions& o, store::SegmentCorrection::Kind kind) {
    store::SegmentCorrection c;
    c.kind = kind;
    auto parse = [](const std::string& text, const char* what) -> Result<MediaTime> {
        auto t = parseTime(text);
        if (!t) return Error::invalid(std::string(what) + ": " + t.error().message);
        if (*t < MediaTime::zero()) return Error::invalid(std::string(what) + ": cannot be negative");
        return t;
    };
    if (kind == store::SegmentCorrection::Kind::Relabel) {
        auto from = parse(o.from, "--from");
        if (!from) return ctx.fail(from.error());
        auto to = parse(o.to, "--to");
        if (!to) return ctx.fail(to.error());
        if (!analysis::parseTalkLabel(o.label)) {
            return ctx.fail(Error::invalid("--label: \"" + o.label +
                                           "\" is not a talk label; use teacher, student, "
                                           "multiple or silence"));
        }
        if (*to <= *from) {
            return ctx.fail(Error::invalid("--to " + o.to + " must come after --from " + o.from));
        }
        c.range = {*from, *to};
        c.label = std::string(analysis::toString(*analysis::parseTalkLabel(o.label)));
    } else {
        auto at = parse(o.at, "--at");
        if (!at) return ctx.fail(at.error());
        c.range = {*at, *at};
    }
    auto clip = findClip(ctx, o.clip, /*addIfNew=*/false);
    if (!clip) return ctx.fail(clip.error());
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    store::Library& library = **lib;
    Status st = library.write([&]() -> Status {
        LL_ASSIGN(auto run, library.analyses().latestCompleteRun(clip->id));
        if (!run) {
            return Error::notFound("\"" + clip->title + "\" has not been analysed yet; there is "
                                   "nothing to correct");
        }
        if (kind == store::SegmentCorrection::Kind::TeacherAt) {
            // The voices are the analysis's speaker clusters, so the moment must be one voice:
            // a hint on silence would pick no one and undo the hint before it.
            LL_ASSIGN(auto view, jobs::loadTalk(library, *clip));
            if (!view || analysis::voiceAt(view->automatic, c.range.start) < 0) {
                return Error::invalid("--at: no single voice was found at " +
                                      formatTime(c.range.start, 1) +
                                      "; give a moment where the teacher talks alone");
            }
        }
        LL_ASSIGN(store::Reviewer who, library.reviewers().findOrCreate(o.author));
        c.clipId = clip->id;
        c.reviewerId = who.id;
        c.runId = run->id;
        LL_ASSIGN(c, library.analyses().addCorrection(c));
        return {};
    });
    if (!st) return ctx.fail(st.error());
    if (ctx.json) return runTalk(ctx, clip->id.toString());
    std::cout << "Saved correction " << c.id.toString() << std::endl;
}

}  // namespace

void registerTalkCommands(CLI::App& app, Context& ctx) {
    auto a = std::make_shared<AnalyzeOptions>();
    auto* analyze = app.add_subcommand("analyze", "find teacher talk, student talk, several "
                                                  "voices and silence; prints the metrics");
    analyze->add_option("CLIP", a->clip, "clip id, start of an id, or media file (added if new)")
        ->required();
    analyze->add_option("--json", a->jsonOut, "also write segments and metrics to this JSON file")
        ->expected(1);
    analyze->add_option("--rttm", a->rttmOut, "also write the talk segments as RTTM");
    analyze->add_option("--teacher-hint", a->teacherHint,
                        "a moment where the teacher speaks, when the automatic choice is wrong");
    analyze->add_option("--audio-stream", a->audioStream,
                        "the sound stream to analyse, as `probe` numbers it (default: the "
                        "recording's main sound)")
        ->check(CLI::Range(0, 999));
    analyze->callback([&ctx, a] { runAnalyze(ctx, *a); });

    auto talkClip = std::make_shared<std::string>();
    auto* talk = app.add_subcommand("talk", "show a clip's stored talk time, corrections applied");
    talk->add_option("CLIP", *talkClip, "clip id, start of an id, or media file");
    talk->callback([&ctx, talk, talkClip] {
        if (talk->get_subcommands().empty()) {
            if (talkClip->empty()) return ctx.fail(Error::invalid("name a clip: lessonlens-cli talk CLIP"));
            runTalk(ctx, *talkClip);
        }
    });

    auto r = std::make_shared<CorrectOptions>();
    auto* relabel = talk->add_subcommand("relabel", "say who really talked in a stretch "
                                                    "(kept apart from the automatic result)");
    relabel->add_option("CLIP", r->clip, "clip id, start of an id, or media file")->required();
    relabel->add_option("--from", r->from, "start of the stretch")->required();
    relabel->add_option("--to", r->to, "end of the stretch")->required();
    relabel->add_option("--label", r->label, "teacher, student, multiple or silence")->required();
    relabel->add_option("--author", r->author, "reviewer's name")->required();
    relabel->callback([&ctx, r] { runCorrection(ctx, *r, store::SegmentCorrection::Kind::Relabel); });

    auto h = std::make_shared<CorrectOptions>();
    auto* teacher = talk->add_subcommand("teacher", "say that the voice at a moment is the "
                                                    "teacher's: speakers are reassigned");
    teacher->add_option("CLIP", h->clip, "clip id, start of an id, or media file")->required();
    teacher->add_option("--at", h->at, "a moment where the teacher speaks")->required();
    teacher->add_option("--author", h->author, "reviewer's name")->required();
    teacher->callback([&ctx, h] { runCorrection(ctx, *h, store::SegmentCorrection::Kind::TeacherAt); });
}

}  // namespace ll::cli
