// lessonlens-cli add, clips: putting recordings into the library and listing them.

#include <cstdio>
#include <iomanip>
#include <iostream>

#include "apps/lessonlens-cli/cli_context.h"
#include "apps/lessonlens-cli/lookup.h"
#include "core/text.h"
#include "core/time_text.h"
#include "exchange/json_export.h"
#include "jobs/clip_import.h"
#include "store/library.h"

namespace ll::cli {
namespace {

using exchange::clipJson;

std::string describeStreams(const store::Clip& clip) {
    std::string out;
    for (const store::ClipStream& s : clip.streams) {
        std::string part;
        if (s.type == "video") {
            part = s.codec + " " + std::to_string(s.width) + "x" + std::to_string(s.height);
            if (s.rotation) part += " rotated " + std::to_string(s.rotation) + "°";
        } else if (s.type == "audio") {
            char rate[32];
            std::snprintf(rate, sizeof rate, s.sampleRate % 1000 ? "%.1f kHz" : "%.0f kHz",
                          s.sampleRate / 1000.0);
            part = s.codec + " " + rate;
            if (s.channels == 1) part += " mono";
            else if (s.channels == 2) part += " stereo";
            else if (s.channels > 2) part += " " + std::to_string(s.channels) + " ch";
        } else {
            continue;
        }
        out += (out.empty() ? "" : ", ") + part;
    }
    return out;
}

void runAdd(Context& ctx, const std::string& media, const std::string& title) {
    // Probe before opening the library: a file that is not media changes nothing.
    auto import = jobs::describeMedia(media, title);
    if (!import) return ctx.fail(import.error());
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    auto added = jobs::addClip(**lib, *import);
    if (!added) return ctx.fail(added.error());
    const store::Clip& clip = added->clip;
    const std::string early = jobs::endsEarlyNote(*import);
    if (!early.empty()) std::cerr << "lessonlens-cli: warning: " << early << std::endl;
    if (ctx.json) {
        nlohmann::json j = clipJson(clip);
        j["new"] = added->isNew;
        j["ends_early_at"] = import->endsEarlyAt ? nlohmann::json(import->endsEarlyAt->seconds())
                                                 : nlohmann::json(nullptr);
        ctx.printJson(j);
        return;
    }
    std::cout << (added->isNew ? "Added " : "Already in the library: ") << '"' << clip.title
              << "\" (" << formatTime(clip.duration, 0);
    if (auto s = describeStreams(clip); !s.empty()) std::cout << ", " << s;
    std::cout << ")\n" << clip.id.toString() << std::endl;
}

void runClips(Context& ctx) {
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    auto sums = (*lib)->clips().summaries();
    if (!sums) return ctx.fail(sums.error());
    if (ctx.json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& s : *sums) {
            nlohmann::json j = clipJson(s.clip);
            j["comments"] = s.commentCount;
            j["reviewers"] = s.reviewerNames;
            arr.push_back(std::move(j));
        }
        ctx.printJson(arr);
        return;
    }
    if (sums->empty()) {
        std::cout << "The library " << (*lib)->path().string()
                  << " has no clips yet. Add one with: lessonlens-cli add LESSON.mp4\n";
        return;
    }
    std::cout << std::left << std::setw(10) << "ID" << std::setw(10) << "LENGTH" << std::setw(10)
              << "COMMENTS" << "TITLE (REVIEWERS)\n";
    for (const auto& s : *sums) {
        std::string reviewers;
        for (const auto& n : s.reviewerNames) reviewers += (reviewers.empty() ? "" : ", ") + n;
        std::cout << std::setw(10) << s.clip.id.toString().substr(0, 8) << std::setw(10)
                  << formatTime(s.clip.duration, 0) << std::setw(10) << s.commentCount
                  << s.clip.title << (reviewers.empty() ? "" : " (" + reviewers + ")") << "\n";
    }
}

}  // namespace

void registerLibraryCommands(CLI::App& app, Context& ctx) {
    auto* add = app.add_subcommand("add", "add a lesson recording to the library; prints its id");
    struct Options {
        std::string media, title;
    };
    auto opt = std::make_shared<Options>();
    add->add_option("MEDIA", opt->media, "the video or audio file")->required();
    add->add_option("--title", opt->title, "a title (default: the file name)");
    add->callback([&ctx, opt] { runAdd(ctx, opt->media, opt->title); });

    auto* clips = app.add_subcommand("clips", "list the clips in the library");
    clips->callback([&ctx] { runClips(ctx); });
}

}  // namespace ll::cli
