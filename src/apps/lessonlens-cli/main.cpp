// lessonlens-cli: the LessonLens library without a window. Thin: each cmd_*.cpp registers its
// subcommands; this file sets up the shared options and turns parse errors into one line.

#include <functional>
#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "apps/lessonlens-cli/cli_context.h"

#ifndef LESSONLENS_VERSION
#define LESSONLENS_VERSION "dev"
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // The talk analysis holds a few dozen per-frame arrays of 1-4 MB each, short-lived. glibc
    // raises its mmap threshold to the size of the first such array freed, so later ones come
    // from the heap, whose freed pages stay mapped while anything above them lives. A fixed
    // 1 MiB threshold keeps them mapped apart and returned when freed: the 3-hour lesson peaks
    // at 138 MiB instead of 145, at no measurable cost in time. (Not in the desktop app, which
    // allocates video frames of this size many times a second.)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    ll::cli::Context ctx;
    CLI::App app{
        "LessonLens: review classroom video on your own machine.\n"
        "Keeps clips, time-stamped comments and talk-time analyses in a local library.",
        "lessonlens-cli"};
    app.set_version_flag("--version", "lessonlens-cli " LESSONLENS_VERSION);
    app.require_subcommand(1);
    // Global options may come before or after the subcommand: `lessonlens-cli clips --db X`.
    app.fallthrough();
    // An empty --db (an unset variable in a script) must not quietly mean the default library.
    app.add_option("--db", ctx.dbOption,
                   "library file (default: $LESSONLENS_DB, else "
                   "$XDG_DATA_HOME/lessonlens/library.sqlite)")
        ->check(CLI::Validator(
            [](std::string& path) {
                return path.empty() ? std::string("name the library file, or leave --db out "
                                                  "for the default library")
                                    : std::string();
            },
            "FILE"));
    app.add_flag("--json", ctx.json, "print JSON instead of text");
    app.add_flag("-v,--verbose", ctx.verbose, "add library detail to error messages");

    ll::cli::registerLibraryCommands(app, ctx);
    ll::cli::registerCommentCommands(app, ctx);
    ll::cli::registerMediaCommands(app, ctx);
    ll::cli::registerTalkCommands(app, ctx);
    ll::cli::registerShareCommands(app, ctx);

    // An empty value (an unset variable in a script) never means "not given": --to "" was
    // ignored, --tag "" made a round whose tag no comment can carry. --text says more itself,
    // --title "" keeps a stored title, and --db has its own word.
    const CLI::Validator nonEmpty(
        [](std::string& value) {
            return value.empty() ? std::string("give it a value (it was empty)") : std::string();
        },
        "");
    std::function<void(CLI::App&)> refuseEmpty = [&](CLI::App& a) {
        for (CLI::Option* opt : a.get_options()) {
            const std::string name = opt->get_name();
            if (opt->get_positional() || opt->get_items_expected_max() == 0) continue;
            if (name == "--text" || name == "--title" || name == "--db") continue;
            opt->check(nonEmpty);
        }
        for (CLI::App* sub : a.get_subcommands([](CLI::App*) { return true; })) refuseEmpty(*sub);
    };
    refuseEmpty(app);

    if (argc == 1) {
        std::cerr << app.help() << std::flush;
        return 2;
    }
    // A mistyped command gets named, not "a subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        std::string known;
        bool found = false;
        for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
            known += (known.empty() ? "" : ", ") + sub->get_name();
            found = found || sub->get_name() == argv[1];
        }
        if (!found) {
            std::cerr << "lessonlens-cli: there is no command \"" << argv[1]
                      << "\"; commands: " << known << std::endl;
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::string what = e.what();
        for (char& c : what) if (c == '\n') c = ' ';
        std::cerr << "lessonlens-cli: " << what << " (see lessonlens-cli --help)" << std::endl;
        return 2;
    }
    return ctx.exitCode;
}
