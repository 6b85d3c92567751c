// Review commands beyond playback and comments (ARCHITECTURE.md, "Commands"): the talk panel and
// corrections of the talk strip, the comment filters, pins on the frame, and dropped files. The
// buttons, the strip's drag and the keys run these, and `--script` lines can too.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "core/time_text.h"
#include "ui/app.h"
#include "ui/comments_panel.h"
#include "ui/talk_edit.h"
#include "ui/video_view.h"

namespace ll::ui {
namespace {

bool isAll(const std::string& s) {
    return s.empty() || s == "all" || s == "any" || s == "everyone";
}

}  // namespace

void App::registerReviewCommands() {
    auto& r = m_commands;
    auto hasClip = [this] { return m_clip.has_value(); };
    // Enabled with a clip open, so that without an analysis they say what to do first.
    auto hasTalk = hasClip;

    // --- the right-hand panel ---
    r.add({"talk-panel",
           "Comments / talk time",
           "",
           {{GLFW_KEY_T}},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "talk-panel"));
               sidePanel = sidePanel == SidePanel::Talk ? SidePanel::Comments : SidePanel::Talk;
               return {};
           },
           hasClip});
    r.add({"show-talk",
           "Show talk time",
           "",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "show-talk"));
               sidePanel = SidePanel::Talk;
               return {};
           },
           {}});
    r.add({"show-comments",
           "Show comments",
           "",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "show-comments"));
               sidePanel = SidePanel::Comments;
               return {};
           },
           {}});

    // --- talk-time corrections ---
    // Corrections bring the talk panel forward, except over a comment being written.
    auto showTalk = [this] {
        if (!m_commentsPanel->isComposing()) sidePanel = SidePanel::Talk;
    };
    // The segment a correction applies to: at TIME when given, else the picked one, else the one
    // under the playhead.
    auto target = [this](const std::string* at) -> Result<int> {
        if (!m_talk)
            return Error::invalid(
                "analyse talk time first (Ctrl+Shift+A); there is nothing to correct yet");
        MediaTime t = m_player.position();
        if (at) {
            LL_ASSIGN(t, parseTime(*at));
        } else if (talkSelection) {
            t = middleOf(*talkSelection);
        }
        int i = segmentAt(m_talk->segments, t);
        if (i < 0) return Error::invalid("there is no talk-time segment at " + formatTime(t, 1));
        return i;
    };
    auto selectAt = [this](MediaTime t) {
        talkSelection.reset();
        if (!m_talk) return;
        if (int i = segmentAt(m_talk->segments, t); i >= 0)
            talkSelection = m_talk->segments[static_cast<size_t>(i)].range;
    };
    auto relabel = [this, selectAt, showTalk](TimeRange range, analysis::TalkLabel label,
                                              bool kept = false) -> Status {
        LL_TRY(addTalkCorrection(store::SegmentCorrection::Kind::Relabel, range,
                                 std::string(analysis::toString(label))));
        selectAt(middleOf(range));
        showTalk();
        showMessage(formatTime(range.start, 1) + " \u2192 " + formatTime(range.end, 1) +
                    (kept ? " is kept as " : " is now ") + talkLabelName(label) +
                    " (Ctrl+Z undoes)");
        return {};
    };
    r.add({"talk-select",
           "Pick a talk segment",
           "TIME",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "talk-select TIME"));
               LL_ASSIGN(int i, target(&a[0]));
               talkSelection = m_talk->segments[static_cast<size_t>(i)].range;
               showTalk();
               return {};
           },
           hasTalk});
    // The next (or previous) stretch the analysis is unsure of: the playhead goes to its start
    // and it is picked, so a reviewer listens and then keeps it (the same label key) or corrects
    // it (another label key).
    auto jumpUnsure = [=, this](bool forward) -> Status {
        if (!m_talk)
            return Error::invalid(
                "analyse talk time first (Ctrl+Shift+A); there is nothing to check yet");
        const auto& segs = m_talk->segments;
        const MediaTime now = m_player.position();
        const int i = nextUnsure(segs, now, forward);
        if (i < 0) {
            if (nextUnsure(segs, now, !forward) < 0)
                return Error::invalid("the analysis is sure of all the talk in this lesson");
            return Error::invalid(forward ? "no unsure talk after " + formatTime(now, 1) +
                                                "; Shift+U goes back"
                                          : "no unsure talk before " + formatTime(now, 1) +
                                                "; U goes forward");
        }
        const auto& seg = segs[static_cast<size_t>(i)];
        m_player.seek(seg.range.start);
        talkSelection = seg.range;
        showTalk();
        int after = 0;
        for (size_t k = static_cast<size_t>(i) + 1; k < segs.size(); ++k)
            after += analysis::isUnsure(segs[k]) ? 1 : 0;
        showMessage("Unsure: " + std::string(talkLabelName(seg.label)) + ", " +
                    formatTime(seg.range.start, 1) + " \u2192 " + formatTime(seg.range.end, 1) +
                    " (" + std::to_string(std::lround(seg.confidence * 100)) +
                    " % sure). Listen, then keep it with its own key (1-4) or press another; " +
                    (after == 0 ? std::string("it is the last one")
                                : std::to_string(after) + " more after it"));
        return {};
    };
    r.add({"talk-next-unsure", "Next unsure talk", "", {{GLFW_KEY_U}},
           [=](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "talk-next-unsure"));
               return jumpUnsure(true);
           },
           hasTalk});
    r.add({"talk-prev-unsure", "Previous unsure talk", "", {{GLFW_KEY_U, false, true}},
           [=](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "talk-prev-unsure"));
               return jumpUnsure(false);
           },
           hasTalk});
    r.add({"talk-relabel",
           "Relabel talk",
           "[TIME | FROM TO] LABEL",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 3,
                                  "talk-relabel [TIME | FROM TO] teacher|student|several|silence"));
               auto label = parseTalkLabelWord(a.back());
               if (!label)
                   return Error::invalid(
                       "\"" + a.back() +
                       "\" is not a talk label; use teacher, student, several or silence");
               if (a.size() == 3) {
                   LL_ASSIGN(MediaTime from, parseTime(a[0]));
                   LL_ASSIGN(MediaTime to, parseTime(a[1]));
                   if (from < MediaTime::zero() || to <= from)
                       return Error::invalid("the stretch to relabel must end after it starts");
                   return relabel({from, to}, *label);
               }
               LL_ASSIGN(int i, target(a.size() == 2 ? &a[0] : nullptr));
               return relabel(m_talk->segments[static_cast<size_t>(i)].range, *label);
           },
           hasTalk});
    struct Quick {
        const char* name;
        const char* label;
        int key;
        analysis::TalkLabel value;
    };
    for (const Quick& q : {Quick{"talk-label-teacher", "Stretch is teacher talk", GLFW_KEY_1,
                                 analysis::TalkLabel::Teacher},
                           Quick{"talk-label-student", "Stretch is student talk", GLFW_KEY_2,
                                 analysis::TalkLabel::Student},
                           Quick{"talk-label-several", "Stretch is several voices", GLFW_KEY_3,
                                 analysis::TalkLabel::Multiple},
                           Quick{"talk-label-silence", "Stretch is silence", GLFW_KEY_4,
                                 analysis::TalkLabel::Silence}}) {
        r.add({q.name,
               q.label,
               "",
               {{q.key}},
               [=, this](const CommandArgs& a) -> Status {
                   LL_TRY(expectArgs(a, 0, 0, q.name));
                   LL_ASSIGN(int i, target(nullptr));
                   const auto& seg = m_talk->segments[static_cast<size_t>(i)];
                   if (seg.label == q.value && !analysis::isUnsure(seg))
                       return Error::invalid(std::string("that stretch is already ") +
                                             talkLabelName(q.value));
                   // On an unsure stretch, its own label keeps it: a correction that says
                   // a reviewer listened, so it is no longer flagged.
                   return relabel(seg.range, q.value, seg.label == q.value);
               },
               hasTalk});
    }
    r.add({"talk-keep",
           "Keep the unsure stretch",
           "[TIME]",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 1, "talk-keep [TIME]"));
               LL_ASSIGN(int i, target(a.empty() ? nullptr : &a[0]));
               const auto& seg = m_talk->segments[static_cast<size_t>(i)];
               if (!analysis::isUnsure(seg))
                   return Error::invalid("the analysis is already sure of that stretch; "
                                         "nothing to keep");
               return relabel(seg.range, seg.label, true);
           },
           hasTalk});
    r.add(
        {"talk-teacher",
         "This voice is the teacher",
         "[TIME]",
         {{GLFW_KEY_T, false, true}},
         [=, this](const CommandArgs& a) -> Status {
             LL_TRY(expectArgs(a, 0, 1, "talk-teacher [TIME]"));
             if (!m_talk) return Error::invalid("analyse talk time first (Ctrl+Shift+A)");
             MediaTime t = m_player.position();
             if (!a.empty()) {
                 LL_ASSIGN(t, parseTime(a[0]));
             } else if (talkSelection) {
                 t = middleOf(*talkSelection);
             }
             // The voices are the analysis's speaker clusters, so the moment must be one voice.
             if (analysis::voiceAt(m_talk->automatic, t) < 0)
                 return Error::invalid("no single voice was found at " + formatTime(t, 1) +
                                       "; pick a moment where one person talks");
             LL_TRY(addTalkCorrection(store::SegmentCorrection::Kind::TeacherAt, {t, t}));
             selectAt(t);
             showTalk();
             showMessage("The voice at " + formatTime(t, 1) +
                         " is now the teacher (Ctrl+Z undoes)");
             return {};
         },
         hasTalk});
    r.add({"talk-move-edge",
           "Move a talk boundary",
           "AT TO",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 2, 2,
                                  "talk-move-edge AT TO (the boundary nearest AT moves to TO)"));
               if (!m_talk) return Error::invalid("analyse talk time first (Ctrl+Shift+A)");
               LL_ASSIGN(MediaTime at, parseTime(a[0]));
               LL_ASSIGN(MediaTime to, parseTime(a[1]));
               int b = boundaryNear(m_talk->segments, at, 2_s);
               if (b < 0)
                   return Error::invalid("no boundary between talk segments near " +
                                         formatTime(at, 1));
               auto edit = moveBoundary(m_talk->segments, b, to);
               if (!edit) return {};  // dropped where it was
               // Keep the picked segment picked: it is on the side that grows or shrinks.
               const MediaTime keep = talkSelection ? middleOf(*talkSelection) : to;
               LL_TRY(addTalkCorrection(store::SegmentCorrection::Kind::Relabel, edit->range,
                                        std::string(analysis::toString(edit->label))));
               selectAt(talkSelection && keep >= edit->range.start && keep < edit->range.end
                            ? middleOf(edit->range)
                            : keep);
               showMessage("Boundary moved to " + formatTime(to, 1) + " (Ctrl+Z undoes)");
               return {};
           },
           hasTalk});

    r.add({"talk-remove-correction",
           "Remove a talk correction",
           "ID",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "talk-remove-correction ID (or the start of it)"));
               if (!m_talk) return Error::invalid("analyse talk time first (Ctrl+Shift+A)");
               std::optional<Id> found;
               for (const auto& c : m_talk->corrections) {
                   if (c.id.toString().rfind(a[0], 0) != 0) continue;
                   if (found)
                       return Error::invalid(
                           "\"" + a[0] +
                           "\" starts more than one correction's id; give more of it");
                   found = c.id;
               }
               if (!found || a[0].empty())
                   return Error::invalid("this lesson has no correction " + a[0]);
               LL_TRY(removeTalkCorrection(*found));
               showMessage("Correction removed (Ctrl+Z brings it back)");
               return {};
           },
           hasTalk});

    // --- comment filters ---
    r.add({"filter-tag",
           "Filter comments by tag",
           "TAG|all",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "filter-tag TAG (or all)"));
               std::string tag = a[0];
               if (!tag.empty() && tag[0] == '#') tag.erase(0, 1);
               m_commentsPanel->setTagFilter(isAll(tag) ? std::nullopt
                                                        : std::optional<std::string>(tag));
               sidePanel = SidePanel::Comments;
               return {};
           },
           {}});
    r.add({"filter-kind",
           "Filter comments by kind",
           "KIND|all",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "filter-kind strength|question|suggestion|note|all"));
               if (isAll(a[0])) {
                   m_commentsPanel->setKindFilter(std::nullopt);
               } else {
                   LL_ASSIGN(auto kind, store::parseCommentKind(a[0]));
                   m_commentsPanel->setKindFilter(kind);
               }
               sidePanel = SidePanel::Comments;
               return {};
           },
           {}});
    r.add({"filter-reviewer",
           "Filter comments by reviewer",
           "NAME|all",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "filter-reviewer NAME (or all)"));
               if (isAll(a[0])) {
                   m_commentsPanel->setReviewerFilter(std::nullopt);
               } else {
                   LL_ASSIGN(auto who, m_library->reviewers().findByName(a[0]));
                   if (!who) return Error::invalid("no reviewer is called \"" + a[0] + "\"");
                   m_commentsPanel->setReviewerFilter(who->id);
               }
               sidePanel = SidePanel::Comments;
               return {};
           },
           {}});
    r.add({"filter-resolved",
           "Filter comments by status",
           "open|resolved|all",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "filter-resolved open|resolved|all"));
               if (isAll(a[0]))
                   m_commentsPanel->setResolvedFilter(0);
               else if (a[0] == "open")
                   m_commentsPanel->setResolvedFilter(1);
               else if (a[0] == "resolved")
                   m_commentsPanel->setResolvedFilter(2);
               else
                   return Error::invalid("filter-resolved takes open, resolved or all, not \"" +
                                         a[0] + "\"");
               sidePanel = SidePanel::Comments;
               return {};
           },
           {}});
    r.add({"filter-clear",
           "Show all comments",
           "",
           {},
           [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "filter-clear"));
               m_commentsPanel->clearFilters();
               return {};
           },
           {}});

    // --- pins on the frame ---
    auto selected = [this]() -> Result<store::Comment> {
        if (const auto& id = m_commentsPanel->selected())
            for (const auto& c : m_comments)
                if (c.id == *id) return c;
        return Error::invalid("select a comment first (click it in the list)");
    };
    r.add({"pin-comment",
           "Pin comment to the picture",
           "X,Y",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "pin-comment X,Y (0..1 across and down the picture)"));
               LL_ASSIGN(auto pin, parsePin(a[0]));
               LL_ASSIGN(auto c, selected());
               c.pinX = pin.first;
               c.pinY = pin.second;
               return updateComment(c);
           },
           hasClip});
    r.add({"unpin-comment",
           "Remove the comment's pin",
           "",
           {},
           [=, this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "unpin-comment"));
               LL_ASSIGN(auto c, selected());
               c.pinX.reset();
               c.pinY.reset();
               return updateComment(c);
           },
           hasClip});

    // --- files dropped on the window (the drop callback and scripts) ---
    r.add({"drop",
           "Drop files on the window",
           "PATH...",
           {},
           [this](const CommandArgs& a) -> Status {
               if (a.empty()) return Error::invalid("usage: drop PATH...");
               return dropFiles(a);
           },
           {}});
}

}  // namespace ll::ui
