// lessonlens-cli export / pack / sync / round: notes out to other tools and other reviewers,
// and teacher rounds across classrooms. Video never leaves the machine.

#include <cstdlib>
#include <set>
#include <iostream>

#include "apps/lessonlens-cli/cli_context.h"
#include "apps/lessonlens-cli/lookup.h"
#include "core/text.h"
#include "core/time_text.h"
#include "exchange/html_report.h"
#include "jobs/export.h"
#include "jobs/output_file.h"
#include "jobs/sharing.h"
#include "store/library.h"

namespace ll::cli {
namespace {

// --reviewer, else $LESSONLENS_REVIEWER, else the only reviewer with notes on the clip.
Result<store::Reviewer> chooseReviewer(store::Library& lib, const std::string& given,
                                       const std::optional<store::Clip>& clip) {
    std::string name = given;
    if (name.empty()) {
        if (const char* env = std::getenv("LESSONLENS_REVIEWER"); env && *env) name = env;
    }
    if (!name.empty()) return findReviewer(lib, name);
    if (clip) {
        LL_ASSIGN(auto comments, lib.comments().list(clip->id, {}));
        std::set<Id> authors;
        for (const auto& c : comments) authors.insert(c.authorId);
        if (authors.size() == 1) {
            LL_ASSIGN(auto r, lib.reviewers().get(*authors.begin()));
            if (r) return *r;
        }
    }
    return Error::invalid("say whose notes these are with --reviewer NAME");
}

Status writeOut(Context& ctx, const std::string& path, std::string_view bytes) {
    return writeOutputOption(ctx, path, "--out", bytes);
}

struct ExportOptions {
    std::string clip, format, out, reviewer;
    bool includePrivate = false;
};

void runExport(Context& ctx, const ExportOptions& o) {
    auto format = jobs::parseExportFormat(o.format);
    if (!format) return ctx.fail(format.error());
    if (Status st = checkOutputOption(ctx, o.out, "--out"); !st) return ctx.fail(st.error());
    auto clip = findClip(ctx, o.clip, false);
    if (!clip) return ctx.fail(clip.error());
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    jobs::ExportOptions options;
    options.includePrivate = o.includePrivate;
    options.thumbnails = *format == jobs::ExportFormat::Html;
    if (!o.reviewer.empty()) {
        auto who = findReviewer(**lib, o.reviewer);
        if (!who) return ctx.fail(who.error());
        options.reviewer = who->id;
    }
    auto data = jobs::gatherExport(**lib, *clip, options);
    if (!data) return ctx.fail(data.error());
    auto text = jobs::renderExport(*data, *format);
    if (!text) return ctx.fail(text.error());
    auto leftOut = jobs::privateLeftOut(**lib, *clip, options);
    if (!leftOut) return ctx.fail(leftOut.error());
    if (auto st = writeOut(ctx, o.out, *text); !st) return ctx.fail(st.error());
    noteStreamFor(o.out) << jobs::exportSummary(o.out, *data, *format, *leftOut, o.includePrivate) << std::endl;
}

void printStats(const std::string& what, const jobs::ImportStats& s) {
    std::cout << what << ": " << s.added << " new, " << s.updated << " updated, " << s.unchanged
              << " already here";
    if (!s.author.empty()) std::cout << " (from " << s.author << ")";
    if (s.placeholders) {
        std::cout << "; " << s.placeholders << " clip" << (s.placeholders == 1 ? "" : "s")
                  << " not on this machine yet: add the video to see the notes on it";
    }
    std::cout << std::endl;
}

}  // namespace

void registerShareCommands(CLI::App& app, Context& ctx) {
    auto e = std::make_shared<ExportOptions>();
    auto* exp = app.add_subcommand("export", "write a clip's comments (and talk time) for other tools");
    exp->add_option("CLIP", e->clip, "clip id, start of an id, or media file")->required();
    exp->add_option("--format", e->format, "csv, json, vtt, srt, eaf, rttm or html")->required();
    exp->add_option("--out", e->out, "the file to write")->required();
    exp->add_option("--reviewer", e->reviewer, "only this reviewer's comments");
    exp->add_flag("--include-private", e->includePrivate, "include private comments too");
    exp->callback([&ctx, e] { runExport(ctx, *e); });

    auto* pack = app.add_subcommand("pack", "review packs: one reviewer's notes, to share");
    pack->require_subcommand(1);
    struct PackOptions {
        std::string clip, reviewer, out, file;
    };
    auto p = std::make_shared<PackOptions>();
    auto* pexp = pack->add_subcommand("export", "write a reviewer's shared notes on a clip");
    pexp->add_option("CLIP", p->clip, "clip id, start of an id, or media file")->required();
    pexp->add_option("--reviewer", p->reviewer, "whose notes (default: the only reviewer)");
    pexp->add_option("--out", p->out, "the pack file to write")->required();
    pexp->callback([&ctx, p] {
        if (Status st = checkOutputOption(ctx, p->out, "--out"); !st) return ctx.fail(st.error());
        auto clip = findClip(ctx, p->clip, false);
        if (!clip) return ctx.fail(clip.error());
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto who = chooseReviewer(**lib, p->reviewer, *clip);
        if (!who) return ctx.fail(who.error());
        auto built = jobs::buildPack(**lib, *who, {*clip});
        if (!built) return ctx.fail(built.error());
        if (auto st = writeOut(ctx, p->out, exchange::writePack(*built)); !st) return ctx.fail(st.error());
        size_t n = built->clips.empty() ? 0 : built->clips[0].comments.size();
        noteStreamFor(p->out) << "Wrote " << p->out << ": " << n << " of " << who->name
                              << "'s shared notes (private comments stay here)" << std::endl;
    });
    auto* pimp = pack->add_subcommand("import", "merge a review pack into the library");
    pimp->add_option("FILE", p->file, "the pack file")->required();
    pimp->callback([&ctx, p] {
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto stats = jobs::importPackFile(**lib, p->file);
        if (!stats) return ctx.fail(stats.error());
        printStats("Imported " + p->file, *stats);
    });

    struct SyncOptions {
        std::string folder, reviewer;
    };
    auto s = std::make_shared<SyncOptions>();
    auto* sync = app.add_subcommand("sync", "share through a folder: write your pack, import everyone else's");
    sync->add_option("FOLDER", s->folder, "a shared or synced folder")->required();
    sync->add_option("--reviewer", s->reviewer, "who you are (default: $LESSONLENS_REVIEWER)");
    sync->callback([&ctx, s] {
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto who = chooseReviewer(**lib, s->reviewer, std::nullopt);
        if (!who) return ctx.fail(who.error());
        auto report = jobs::syncFolder(**lib, s->folder, *who);
        if (!report) return ctx.fail(report.error());
        std::cout << "Wrote " << report->written.string() << std::endl;
        int refused = 0;
        for (const auto& imp : report->imported) {
            if (imp.result) {
                printStats("Imported " + imp.file.filename().string(), *imp.result);
            } else {
                ++refused;
                std::cerr << "lessonlens-cli: " << imp.result.error().message << std::endl;
            }
        }
        if (refused) ctx.exitCode = kExitFailure;
    });

    auto* round = app.add_subcommand("round", "teacher rounds: several classrooms, one focus question");
    round->require_subcommand(1);
    struct RoundOptions {
        std::string title, focus, tag = "focus", date, round, clip, out;
    };
    auto r = std::make_shared<RoundOptions>();
    auto* create = round->add_subcommand("create", "start a round; prints its id");
    create->add_option("TITLE", r->title, "e.g. \"Grade 4 rounds, November\"")->required();
    create->add_option("--focus", r->focus, "the team's focus question")->required();
    create->add_option("--tag", r->tag, "tag that marks comments about the focus (default: focus)");
    create->add_option("--date", r->date, "when the visits happen (default: today)");
    create->callback([&ctx, r] {
        if (!hasVisibleText(r->focus)) return ctx.fail(Error::invalid("--focus: a round needs a focus question"));
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        std::string date = r->date.empty() ? formatLocalDate(nowUnixMicros()) : r->date;
        Result<store::Round> made = Error::invalid("");
        auto st = (*lib)->write([&]() -> Status {
            made = (*lib)->rounds().create(r->title, r->focus, r->tag, date);
            return made ? Status() : Status(made.error());
        });
        if (!st) return ctx.fail(st.error());
        std::cout << made->id.toString() << std::endl;
    });
    auto findRound = [](store::Library& lib, const std::string& text) -> Result<store::Round> {
        if (!looksLikeIdPrefix(text)) return Error::invalid("\"" + text + "\" is not a round id; see lessonlens-cli round list");
        LL_ASSIGN(auto matches, lib.rounds().findByIdPrefix(text));
        if (matches.empty()) return Error::notFound("no round id starts with \"" + text + "\"");
        if (matches.size() > 1) return Error::make(Error::Code::Conflict, "several rounds start with \"" + text + "\"; type more of the id");
        return matches.front();
    };
    auto* add = round->add_subcommand("add", "add a classroom's clip to a round");
    add->add_option("ROUND", r->round, "round id or its start")->required();
    add->add_option("CLIP", r->clip, "clip id, start of an id, or media file (added if new)")->required();
    add->callback([&ctx, r, findRound] {
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto rd = findRound(**lib, r->round);
        if (!rd) return ctx.fail(rd.error());
        store::Clip clip;
        auto st = (*lib)->write([&]() -> Status {
            LL_ASSIGN(clip, findClip(ctx, r->clip, true));  // a new file lands with the round's
            return (*lib)->rounds().addClip(rd->id, clip.id);
        });
        if (!st) return ctx.fail(st.error());
        std::cout << "Added \"" << clip.title << "\" to \"" << rd->title << "\"" << std::endl;
    });
    auto* list = round->add_subcommand("list", "list rounds");
    list->callback([&ctx] {
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto rounds = (*lib)->rounds().list();
        if (!rounds) return ctx.fail(rounds.error());
        if (ctx.json) {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& rd : *rounds) {
                nlohmann::json clips = nlohmann::json::array();
                for (const auto& id : rd.clipIds) clips.push_back(id.toString());
                arr.push_back({{"id", rd.id.toString()}, {"title", rd.title}, {"focus", rd.focus},
                               {"tag", rd.focusTag}, {"date", rd.heldOn}, {"clips", clips}});
            }
            return ctx.printJson(arr);
        }
        if (rounds->empty()) {
            std::cout << "No rounds yet. Start one with: lessonlens-cli round create TITLE --focus QUESTION\n";
        }
        for (const auto& rd : *rounds) {
            std::cout << rd.id.toString().substr(0, 8) << "  " << rd.heldOn << "  " << rd.title << " ("
                      << rd.clipIds.size() << " classroom" << (rd.clipIds.size() == 1 ? "" : "s")
                      << ")\n    Focus: " << rd.focus << "\n";
        }
    });
    auto* report = round->add_subcommand("report", "write the round's report as one HTML file");
    report->add_option("ROUND", r->round, "round id or its start")->required();
    report->add_option("--out", r->out, "the HTML file to write")->required();
    report->callback([&ctx, r, findRound] {
        if (Status st = checkOutputOption(ctx, r->out, "--out"); !st) return ctx.fail(st.error());
        auto lib = ctx.library();
        if (!lib) return ctx.fail(lib.error());
        auto rd = findRound(**lib, r->round);
        if (!rd) return ctx.fail(rd.error());
        auto data = jobs::gatherRound(**lib, *rd);
        if (!data) return ctx.fail(data.error());
        if (auto st = writeOut(ctx, r->out, exchange::toRoundReport(*data)); !st) return ctx.fail(st.error());
        const size_t rooms = data->classrooms.size();
        noteStreamFor(r->out) << "Wrote " << r->out << " (" << rooms
                              << (rooms == 1 ? " classroom)" : " classrooms)") << std::endl;
    });
}

}  // namespace ll::cli
