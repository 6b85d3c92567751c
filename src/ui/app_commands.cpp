// Every action of the app as a named command (ARCHITECTURE.md, "Commands"): menus, keys, the
// transport buttons and `--script` lines all land here.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>

#include "core/time_text.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/comments_panel.h"
#include "ui/help_overlay.h"
#include "ui/open_file_dialog.h"
#include "ui/reviewer_dialog.h"
#include "ui/video_view.h"

namespace ll::ui {
namespace {

Result<double> parseNumber(const std::string& text, const char* what) {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || !end || *end) return Error::invalid(std::string(what) + " must be a number, not \"" + text + "\"");
    return v;
}

}  // namespace

void App::registerCommands() {
    auto hasClip = [this] { return m_clip.has_value(); };
    auto simple = [](std::function<void()> f) {
        return [f = std::move(f)](const CommandArgs& args) -> Status {
            LL_TRY(expectArgs(args, 0, 0, "no arguments"));
            f();
            return {};
        };
    };
    auto& r = m_commands;

    // --- files ---
    r.add({"open", "Open\u2026", "PATH", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "open PATH"));
               return openMedia(a[0]);
           }, {}});
    r.add({"open-dialog", "Open\u2026", "", {{GLFW_KEY_O, true}}, simple([this] {
               std::filesystem::path start = std::filesystem::current_path();
               if (!m_settings.recentFiles.empty())
                   start = std::filesystem::path(m_settings.recentFiles.front()).parent_path();
               m_openDialog->open(start);
           }), {}});
    r.add({"library", "Library", "", {{GLFW_KEY_L, true}}, simple([this] {
               showLibrary = !showLibrary || !m_clip;
               showRounds = false;
           }), {}});
    r.add({"close", "Close lesson", "", {{GLFW_KEY_W, true}}, simple([this] { closeMedia(); }), hasClip});
    r.add({"quit", "Quit", "", {{GLFW_KEY_Q, true}}, simple([this] { requestQuit(); }), {}});

    // --- playback ---
    r.add({"play", "Play", "", {}, simple([this] { m_player.play(); }), hasClip});
    r.add({"pause", "Pause", "", {}, simple([this] { m_player.pause(); }), hasClip});
    r.add({"toggle-play", "Play / pause", "", {{GLFW_KEY_SPACE}},
           simple([this] {
               if (m_player.isPlaying()) m_player.pause();
               else {
                   m_player.setSpeed(1.0);
                   m_player.play();
               }
           }),
           hasClip});
    r.add({"seek", "Go to time", "TIME", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "seek TIME (seconds, m:ss or h:mm:ss)"));
               LL_ASSIGN(MediaTime t, parseTime(a[0]));
               m_player.seek(t);
               return {};
           }, hasClip});
    r.add({"jump-back", "Back 5 seconds", "", {{GLFW_KEY_LEFT}},
           simple([this] { m_player.seek(m_player.position() - 5_s); }), hasClip});
    r.add({"jump-forward", "Forward 5 seconds", "", {{GLFW_KEY_RIGHT}},
           simple([this] { m_player.seek(m_player.position() + 5_s); }), hasClip});
    r.add({"step", "Step frames", "N", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 1, "step [N] (negative steps back)"));
               int n = 1;
               if (!a.empty()) {
                   LL_ASSIGN(double v, parseNumber(a[0], "the number of frames"));
                   n = static_cast<int>(v);
               }
               m_player.step(n);
               return {};
           }, hasClip});
    r.add({"step-back", "Previous frame", "", {{GLFW_KEY_COMMA}}, simple([this] { m_player.step(-1); }), hasClip});
    r.add({"step-forward", "Next frame", "", {{GLFW_KEY_PERIOD}}, simple([this] { m_player.step(1); }), hasClip});
    r.add({"go-start", "Go to start", "", {{GLFW_KEY_HOME}}, simple([this] { m_player.seek(MediaTime::zero()); }), hasClip});
    r.add({"go-end", "Go to end", "", {{GLFW_KEY_END}},
           simple([this] {
               m_player.pause();
               m_player.seek(m_player.duration() - m_player.frameDuration());
           }),
           hasClip});
    // J/K/L shuttle as in editing suites (playback::shuttleRate): L plays forward, again for
    // 1.5x and 2x; J the same backwards; K pauses; with K held, J and L step one frame.
    auto shuttle = [this](int direction) {
        if (ImGui::GetCurrentContext() && ImGui::IsKeyDown(GLFW_KEY_K)) {
            m_player.step(direction);
            return;
        }
        m_player.shuttle(direction);
        char text[48];
        std::snprintf(text, sizeof text, "%s %.2gx", m_player.isReverse() ? "Reverse" : "Play", m_player.speed());
        if (m_player.isPlaying()) showMessage(text);
    };
    r.add({"shuttle-forward", "Play / faster", "", {{GLFW_KEY_L}}, simple([=] { shuttle(+1); }), hasClip});
    r.add({"shuttle-back", "Reverse / faster", "", {{GLFW_KEY_J}}, simple([=] { shuttle(-1); }), hasClip});
    r.add({"shuttle-stop", "Pause", "", {{GLFW_KEY_K}}, simple([this] { m_player.pause(); }), hasClip});
    r.add({"speed", "Playback speed", "FACTOR", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "speed FACTOR (0.5 to 2)"));
               LL_ASSIGN(double v, parseNumber(a[0], "the speed"));
               if (v < 0.25 || v > 4) return Error::invalid("the speed must be between 0.25 and 4");
               m_player.setSpeed(v);
               return {};
           }, hasClip});
    r.add({"speed-normal", "Normal speed", "", {}, simple([this] { m_player.setSpeed(1.0); }), hasClip});
    r.add({"volume", "Volume", "PERCENT", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "volume PERCENT"));
               LL_ASSIGN(double v, parseNumber(a[0], "the volume"));
               m_settings.volume = static_cast<float>(std::clamp(v, 0.0, 100.0) / 100.0);
               m_player.setVolume(m_settings.volume);
               return {};
           }, {}});

    // --- comments ---
    r.add({"comment", "Add comment", "\"TEXT\" [--kind K] [--to TIME] [--at TIME] [--tags a,b] [--private] [--pin X,Y]", {},
           [this](const CommandArgs& a) -> Status {
               LL_ASSIGN(auto p, parseArgs(a, {"kind", "to", "at", "tags", "pin"}));
               if (p.positional.size() != 1)
                   return Error::invalid("usage: comment \"TEXT\" [--kind K] [--to TIME] [--tags a,b] [--private]");
               NewComment d;
               d.text = p.positional[0];
               d.start = m_player.position();
               if (auto* at = p.option("at")) {
                   LL_ASSIGN(d.start, parseTime(*at));
               }
               if (auto* k = p.option("kind")) {
                   LL_ASSIGN(d.kind, store::parseCommentKind(*k));
               }
               if (auto* to = p.option("to")) {
                   LL_ASSIGN(MediaTime end, parseTime(*to));
                   d.end = end;
               }
               if (auto* tags = p.option("tags")) {
                   std::string cur;
                   for (char ch : *tags + ",") {
                       if (ch != ',') {
                           cur += ch;
                           continue;
                       }
                       size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
                       if (b != std::string::npos) d.tags.push_back(cur.substr(b, e - b + 1));
                       cur.clear();
                   }
                   std::sort(d.tags.begin(), d.tags.end());
                   d.tags.erase(std::unique(d.tags.begin(), d.tags.end()), d.tags.end());
               }
               d.isPrivate = p.option("private") != nullptr;
               if (auto* pin = p.option("pin")) {
                   LL_ASSIGN(auto xy, parsePin(*pin));
                   d.pinX = xy.first;
                   d.pinY = xy.second;
               }
               for (const auto& [k, v] : p.options)
                   if (k != "kind" && k != "to" && k != "at" && k != "tags" && k != "private" && k != "pin")
                       return Error::invalid("comment has no option --" + k);
               LL_ASSIGN(auto saved, addComment(std::move(d)));
               m_commentsPanel->select(saved.id);
               showMessage("Comment saved at " + formatTime(saved.start, 2));
               return {};
           },
           hasClip});
    r.add({"new-comment", "Comment at playhead", "", {{GLFW_KEY_C}},
           simple([this] { m_commentsPanel->beginCompose(*this); }), hasClip});
    r.add({"mark-in", "Mark range start", "", {{GLFW_KEY_I}}, simple([this] {
               markIn = m_player.position();
               if (markOut && *markOut <= *markIn) markOut.reset();
           }), hasClip});
    r.add({"mark-out", "Mark range end", "", {{GLFW_KEY_O}}, simple([this] {
               markOut = m_player.position();
               if (markIn && *markIn >= *markOut) markIn.reset();
           }), hasClip});
    r.add({"clear-marks", "Clear range marks", "", {}, simple([this] {
               markIn.reset();
               markOut.reset();
           }), hasClip});
    auto jumpComment = [this](bool forward) {
        // Top-level comments, by start time: the first after (or last before) the playhead,
        // with a small tolerance so repeated presses move on.
        const MediaTime now = m_player.position();
        const store::Comment* best = nullptr;
        for (const auto& c : m_comments) {
            if (c.parentId) continue;
            if (forward && c.start > now + 1_ms && (!best || c.start < best->start)) best = &c;
            if (!forward && c.start + 1_ms < now && (!best || c.start > best->start)) best = &c;
        }
        if (!best) return;
        m_player.seek(best->start);
        m_commentsPanel->select(best->id);
    };
    r.add({"next-comment", "Next comment", "", {{GLFW_KEY_RIGHT_BRACKET}, {GLFW_KEY_N}},
           simple([=] { jumpComment(true); }), hasClip});
    r.add({"prev-comment", "Previous comment", "", {{GLFW_KEY_LEFT_BRACKET}, {GLFW_KEY_P}},
           simple([=] { jumpComment(false); }), hasClip});
    // Actions on the selected comment (the list's buttons run these too).
    auto selectedComment = [this]() -> Result<store::Comment> {
        const auto& id = m_commentsPanel->selected();
        if (id)
            for (const auto& c : m_comments)
                if (c.id == *id) return c;
        return Error::invalid("select a comment first (click it in the list)");
    };
    auto hasSelection = [this] { return m_clip && m_commentsPanel->selected().has_value(); };
    // Loop: FROM TO as given (the list's Loop button gives a range comment's), else the I/O
    // marks, else the selected range comment; again with no range ends the loop.
    r.add({"loop", "Loop a range", "[FROM TO]", {{GLFW_KEY_L, false, true}}, [=, this](const CommandArgs& a) -> Status {
               constexpr const char* kUsage = "loop [FROM TO]";
               LL_TRY(expectArgs(a, 0, 2, kUsage));
               if (a.size() == 1) return Error::invalid(std::string("give both ends: ") + kUsage);
               TimeRange range;
               if (a.size() == 2) {
                   LL_ASSIGN(range.start, parseTime(a[0]));
                   LL_ASSIGN(range.end, parseTime(a[1]));
                   if (range.start < MediaTime::zero())
                       return Error::invalid("the loop starts at " + a[0] + ", before the lesson does");
                   if (range.end <= range.start)
                       return Error::invalid("the loop's end (" + a[1] + ") must come after its start (" + a[0] + ")");
               } else if (loop) {
                   loop.reset();
                   showMessage("Loop off");
                   return {};
               } else if (markIn && markOut) {
                   range = {std::min(*markIn, *markOut), std::max(*markIn, *markOut)};
               } else if (auto c = selectedComment(); c && c->end) {
                   range = {c->start, *c->end};
               } else {
                   return Error::invalid("mark a stretch with I and O, or pick a range comment, to loop it");
               }
               const MediaTime length = m_player.duration();
               if (range.start >= length)
                   return Error::invalid("the loop starts after the lesson ends (it is " + formatTime(length, 1) + " long)");
               range.end = std::min(range.end, length);
               if (range.end - range.start < m_player.frameDuration())
                   return Error::invalid("the stretch to loop is shorter than one frame; mark a longer one");
               loop = range;
               m_loopWasPlaying = false;
               const MediaTime now = m_player.position();
               if (now < range.start || now >= range.end) m_player.seek(range.start);
               if (!m_player.isPlaying()) m_player.play();
               showMessage("Looping " + formatTime(range.start, 1) + " \u2192 " + formatTime(range.end, 1) +
                           " (Shift+L stops)");
               return {};
           }, hasClip});
    r.add({"delete-comment", "Delete comment", "", {{GLFW_KEY_DELETE}}, [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "delete-comment"));
               LL_ASSIGN(auto c, selectedComment());
               return deleteComment(c.id);
           }, hasSelection});
    r.add({"resolve-comment", "Resolve / reopen comment", "", {{GLFW_KEY_R}}, [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "resolve-comment"));
               LL_ASSIGN(auto c, selectedComment());
               LL_TRY(m_library->comments().setResolved(c.id, !c.resolved));
               showMessage(c.resolved ? "Comment reopened" : "Comment resolved");
               return reloadComments();
           }, hasSelection});
    r.add({"edit-comment", "Edit comment", "", {{GLFW_KEY_E}}, [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "edit-comment"));
               LL_ASSIGN(auto c, selectedComment());
               m_commentsPanel->beginEdit(*this, c);
               return {};
           }, hasSelection});
    r.add({"reply-comment", "Reply to comment", "", {{GLFW_KEY_R, false, true}}, [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "reply-comment"));
               LL_ASSIGN(auto c, selectedComment());
               if (c.parentId) {
                   for (const auto& p : m_comments)
                       if (p.id == *c.parentId) c = p;
               }
               m_commentsPanel->beginReply(*this, c);
               return {};
           }, hasSelection});
    r.add({"undo", "Undo", "", {{GLFW_KEY_Z, true}}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "undo"));
               return undo();
           }, {}});

    // --- view ---
    auto zoomBy = [this](double factor) {
        TimelineLimits limits = timelineLimits();
        float anchor = m_timeline.timeToX(m_player.position());
        if (anchor < 0 || anchor > m_timeline.width) anchor = m_timeline.width / 2;
        zoomAt(m_timeline, factor, anchor, limits);
    };
    r.add({"zoom", "Zoom timeline", "FACTOR", {}, [=](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "zoom FACTOR (2 zooms in, 0.5 out)"));
               LL_ASSIGN(double f, parseNumber(a[0], "the zoom factor"));
               if (f <= 0) return Error::invalid("the zoom factor must be above 0");
               zoomBy(f);
               return {};
           }, hasClip});
    r.add({"zoom-in", "Zoom in", "", {{GLFW_KEY_EQUAL}}, simple([=] { zoomBy(1.5); }), hasClip});
    r.add({"zoom-out", "Zoom out", "", {{GLFW_KEY_MINUS}}, simple([=] { zoomBy(1 / 1.5); }), hasClip});
    r.add({"zoom-fit", "Whole lesson", "", {{GLFW_KEY_0}}, simple([this] { fitAll(m_timeline, timelineLimits()); }),
           hasClip});
    r.add({"analyze", "Analyse talk time", "", {{GLFW_KEY_A, true, true}}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "analyze"));
               return startAnalysis();
           }, [this] { return m_clip.has_value() && !m_analysis; }});
    r.add({"cancel-analysis", "Cancel analysis", "", {}, simple([this] { cancelAnalysis(); }),
           [this] { return m_analysis != nullptr; }});
    r.add({"screenshot", "Save screenshot", "PATH.png", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "screenshot PATH.png"));
               requestScreenshot(a[0]);
               return {};
           }, {}});
    r.add({"help", "Keyboard shortcuts", "", {{GLFW_KEY_SLASH, false, true}, {GLFW_KEY_F1}},
           simple([this] { m_help->toggle(); }), {}});
    r.add({"change-reviewer", "Change reviewer\u2026", "", {}, simple([this] { m_reviewerDialog->open(*this); }), {}});
}

}  // namespace ll::ui
