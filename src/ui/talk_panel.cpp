#include "ui/talk_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/time_text.h"
#include "imgui.h"
#include "ui/comments_panel.h"
#include "ui/pane.h"
#include "ui/talk_edit.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

using analysis::TalkLabel;
constexpr TalkLabel kOrder[] = {TalkLabel::Teacher, TalkLabel::Student, TalkLabel::Multiple,
                                TalkLabel::Silence};

// "4:12" (minutes and seconds), as the CLI and the report write it.
std::string minutesText(MediaTime t) {
    return formatTime(t, 0);
}

// Label text stays readable on the dark panel (the silence swatch colour is too dim for text).
uint32_t labelTextColor(TalkLabel l) {
    return l == TalkLabel::Silence ? 0xadbac7 : talkLabelColor(l);
}

std::string secondsText(MediaTime t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", t.seconds());
    return buf;
}

void sectionTitle(const char* text) {
    ImGui::Spacing();
    ImGui::TextColored(rgbToVec4(0xadbac7), "%s", text);
}

}  // namespace

void drawSidePanelTabs(App& app) {
    auto tab = [&](const char* label, App::SidePanel which, const char* command) {
        const bool on = app.sidePanel == which;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? rgbToVec4(0x2f5f8f) : rgbToVec4(0x2a3139));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgbToVec4(0x3a74ad));
        if (ImGui::Button(label)) app.invoke(command);
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) {
            const Command* c = app.commands().find("talk-panel");
            if (c && !c->shortcuts.empty())
                ImGui::SetTooltip("%s switches (%s)", label, c->shortcuts.front().label().c_str());
        }
    };
    std::string comments = app.commentsPanel().tabLabel(app) + "##tab";
    tab(comments.c_str(), App::SidePanel::Comments, "show-comments");
    ImGui::SameLine(0, 4);
    tab("Talk time##tab", App::SidePanel::Talk, "show-talk");
}

void TalkPanel::draw(App& app, const PixelRect& area) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(0x22272e));
    if (beginPane("##talk", area)) {
        drawSidePanelTabs(app);
        ImGui::Separator();
        const auto& talk = app.talk();
        if (!app.clip()) {
            ImGui::TextDisabled("Open a lesson to see who talked when.");
        } else if (!talk || app.analysisRunning()) {
            drawNotAnalysed(app);
        } else {
            // Correcting the strip is the panel's work while reviewing: its buttons stay at the
            // bottom, in view, and the figures above scroll. When the panel is too short for
            // that (less than a screenful of figures would be left), everything scrolls.
            // The section's height is last frame's: input brings several frames, so it settles.
            const float spacing = ImGui::GetStyle().ItemSpacing.y;
            const bool pinned =
                m_selectionHeight > 0 && m_selectionHeight < ImGui::GetContentRegionAvail().y * 0.6f;
            ImGui::BeginChild("##talkbody", ImVec2(0, pinned ? -(m_selectionHeight + spacing) : 0), false);
            drawShares(app, *talk);
            drawFigures(*talk);
            drawPerMinute(app, *talk);
            if (!pinned) drawMeasuredSelection(app, *talk);
            drawCorrections(app, *talk);
            ImGui::EndChild();
            if (pinned) drawMeasuredSelection(app, *talk);
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

void TalkPanel::drawNotAnalysed(App& app) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    if (app.analysisRunning()) {
        ImGui::Text("Analysing talk time\u2026");
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f%%", app.analysisProgress() * 100.0);
        ImGui::ProgressBar(app.analysisProgress(), ImVec2(-1, 0), pct);
        if (ImGui::Button("Cancel")) app.invoke("cancel-analysis");
        ImGui::TextDisabled(
            "This reads the sound of the whole lesson on this machine; nothing is uploaded.");
    } else {
        ImGui::TextUnformatted(
            "Who talked when: teacher, students, several voices at once, and silence, "
            "with wait time after teacher talk.");
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x2f5f8f));
        if (ImGui::Button("Analyse talk time (Ctrl+Shift+A)", ImVec2(-1, 0))) app.invoke("analyze");
        ImGui::PopStyleColor();
        ImGui::TextDisabled(
            "Worked out from the sound alone, on this machine. You can correct any "
            "stretch afterwards.");
    }
    ImGui::PopTextWrapPos();
}

void TalkPanel::drawShares(App& app, const jobs::TalkView& talk) {
    const auto& m = talk.metrics;
    ImGui::Spacing();
    ImGui::Text("Lesson %s", formatTime(m.duration, 0).c_str());
    ImGui::SameLine();
    const size_t fixes = talk.corrections.size();
    if (fixes == 0) ImGui::TextDisabled("no corrections yet");
    else ImGui::TextDisabled("%zu correction%s", fixes, fixes == 1 ? "" : "s");
    // The algorithm's version matters when figures are compared across lessons, not while
    // reading them: it is there on hover.
    if (ImGui::IsItemHovered()) {
        const int64_t when = talk.run.finishedAt.value_or(talk.run.startedAt);
        ImGui::SetTooltip("Worked out from the sound on %s (method %s).\n"
                          "Corrections are changes reviewers made to the Talk time strip.",
                          formatLocalDate(when).c_str(), talk.run.version.c_str());
    }
    // One stacked bar of the whole lesson.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = 20;
    float x = p.x;
    for (TalkLabel l : kOrder) {
        float seg = w * static_cast<float>(m.labelShare[static_cast<size_t>(l)]);
        if (seg > 0.5f)
            dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + seg, p.y + h),
                              rgbToImU32(talkLabelColor(l)));
        x += seg;
    }
    ImGui::Dummy(ImVec2(w, h + 4));
    if (ImGui::BeginTable("##shares", 3, ImGuiTableFlags_SizingStretchProp)) {
        for (TalkLabel l : kOrder) {
            const size_t i = static_cast<size_t>(l);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImVec2 c = ImGui::GetCursorScreenPos();
            float s = ImGui::GetTextLineHeight() * 0.7f;
            dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(ImVec2(c.x, c.y + (ImGui::GetTextLineHeight() - s) / 2),
                              ImVec2(c.x + s, c.y + (ImGui::GetTextLineHeight() + s) / 2),
                              rgbToImU32(talkLabelColor(l)), 2);
            ImGui::SetCursorScreenPos(ImVec2(c.x + s + 6, c.y));
            ImGui::TextUnformatted(talkLabelName(l));
            ImGui::TableNextColumn();
            ImGui::Text("%.0f%%", m.labelShare[i] * 100.0);
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", minutesText(m.labelTime[i]).c_str());
        }
        ImGui::EndTable();
    }
    (void)app;
}

void TalkPanel::drawFigures(const jobs::TalkView& talk) {
    const auto& m = talk.metrics;
    sectionTitle("Conversation");
    if (!ImGui::BeginTable("##figures", 2,
                           ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg))
        return;
    auto row = [](const char* name, const std::string& value, const char* tip) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
    };
    row("Exchanges", std::to_string(m.exchanges),
        "Teacher talk followed, after silence only, by a student");
    row("Student turns",
        std::to_string(m.studentTurns) +
            (m.studentTurns ? " (median " + secondsText(m.medianStudentTurn) + ")" : ""),
        "Student talk separated by less than a second of silence is one turn; under half a "
        "second at the edge of several voices is the group's talk, not a turn");
    row("Longest teacher stretch", formatTime(m.longestTeacherStretch, 0),
        "Teacher talk with no pause over 2 seconds");
    ImGui::EndTable();

    // Rowe's two wait times side by side: after the teacher's question, and after the answer.
    sectionTitle("Wait time");
    if (!ImGui::BeginTable("##waits", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg))
        return;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Median", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("3 s or more", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    auto waitRow = [](const char* name, const analysis::WaitTime& w, const char* tip) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
        ImGui::TableNextColumn();
        if (w.count == 0) {
            ImGui::TextDisabled("none");
            ImGui::TableNextColumn();
            ImGui::TextDisabled("\u2013");
            return;
        }
        ImGui::TextUnformatted(secondsText(w.median).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.0f%% of %d", w.longShare * 100.0, w.count);
    };
    waitRow("After teacher talk", m.waitAfterTeacher,
            "Wait time 1: silence after the teacher talks, before a student or several voices "
            "answer.\nRowe: three seconds or more changes the length and quality of answers.");
    waitRow("After student talk", m.waitAfterStudents,
            "Wait time 2: silence after a student (or the class) answers, before the teacher "
            "speaks.\nRowe: three seconds or more gives others time to add to the answer.");
    ImGui::EndTable();
}

void TalkPanel::drawPerMinute(App& app, const jobs::TalkView& talk) {
    const auto& minutes = talk.metrics.perMinute;
    if (minutes.empty()) return;
    sectionTitle("Minute by minute");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lineH = ImGui::GetTextLineHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float axisW = ImGui::CalcTextSize("60 s").x + 6;
    const float w = ImGui::GetContentRegionAvail().x - axisW;
    const float h = 96;  // compact: the panel's correction buttons stay in view under it
    const float left = origin.x + axisW, top = origin.y + lineH / 2, bottom = top + h;
    const ImU32 muted = rgbToImU32(colors::kMuted), faint = rgbToImU32(0x39414a);
    for (int s : {0, 30, 60}) {
        float y = bottom - h * static_cast<float>(s) / 60.f;
        dl->AddLine(ImVec2(left, y), ImVec2(left + w, y), faint);
        char label[8];
        std::snprintf(label, sizeof label, "%d s", s);
        dl->AddText(ImVec2(origin.x, y - lineH / 2), muted, label);
    }
    const size_t n = minutes.size();
    const float slot = w / static_cast<float>(n);
    const float gap = slot > 6 ? std::min(4.f, slot * 0.2f) : 0.f;
    int hovered = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (size_t i = 0; i < n; ++i) {
        float x0 = left + slot * static_cast<float>(i) + gap / 2, x1 = x0 + slot - gap;
        float y = bottom;
        for (TalkLabel l : kOrder) {
            if (l == TalkLabel::Silence) continue;  // the empty part of the bar is silence
            float seg = h * static_cast<float>(
                                minutes[i].labelTime[static_cast<size_t>(l)].seconds() / 60.0);
            if (seg > 0)
                dl->AddRectFilled(ImVec2(x0, y - seg), ImVec2(std::max(x1, x0 + 1), y),
                                  rgbToImU32(talkLabelColor(l)));
            y -= seg;
        }
        if (mouse.x >= x0 && mouse.x < x0 + slot && mouse.y >= top && mouse.y <= bottom)
            hovered = static_cast<int>(i);
    }
    // Minute labels under the bars, as many as fit.
    const float labelW = ImGui::CalcTextSize("00:00").x + 8;
    const size_t every =
        std::max<size_t>(1, static_cast<size_t>(std::ceil(labelW / std::max(slot, 1.f))));
    static constexpr size_t kNice[] = {1, 2, 5, 10, 15, 20, 30, 60};
    size_t step = 60;
    for (size_t k : kNice)
        if (k >= every) {
            step = k;
            break;
        }
    // Each bar is labelled with the time its minute starts ("0:00", "1:00"), as on the timeline
    // ruler and in the HTML report.
    for (size_t i = 0; i < n; i += step) {
        std::string label = minutesText(minutes[i].start);
        dl->AddText(ImVec2(left + slot * static_cast<float>(i), bottom + 2), muted, label.c_str());
    }
    ImGui::SetCursorScreenPos(ImVec2(left, top));
    ImGui::InvisibleButton("##minutes", ImVec2(std::max(w, 1.f), h));
    if (hovered >= 0) {
        const auto& mb = minutes[static_cast<size_t>(hovered)];
        ImGui::BeginTooltip();
        const MediaTime end = static_cast<size_t>(hovered) + 1 < n ? minutes[static_cast<size_t>(hovered) + 1].start
                                                                   : talk.metrics.duration;
        ImGui::Text("%s \u2013 %s", minutesText(mb.start).c_str(), minutesText(end).c_str());
        for (TalkLabel l : kOrder)
            ImGui::TextDisabled("%s  %.0f s", talkLabelName(l),
                                mb.labelTime[static_cast<size_t>(l)].seconds());
        ImGui::TextDisabled("Click to go there");
        ImGui::EndTooltip();
        if (ImGui::IsItemClicked()) app.invoke("seek", {formatSeconds(mb.start, 6)});
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom + lineH + 6));
    ImGui::Dummy(ImVec2(1, 1));
}

void TalkPanel::drawMeasuredSelection(App& app, const jobs::TalkView& talk) {
    const float top = ImGui::GetCursorPosY();
    ImGui::Separator();
    drawSelection(app, talk);
    m_selectionHeight = ImGui::GetCursorPosY() - top;
}

void TalkPanel::drawSelection(App& app, const jobs::TalkView& talk) {
    sectionTitle("Correct the strip");
    ImGui::PushTextWrapPos(0);
    // Where to listen first: the talk the analysis is unsure of, hatched on the strip.
    if (const int count = talk.metrics.unsureStretches; count > 0) {
        const MediaTime length = talk.metrics.unsureLength;
        const std::string text = std::to_string(count) + " unsure stretch" +
                                 (count == 1 ? "" : "es") + " (" +
                                 (length >= 60_s ? formatTime(length, 0) : secondsText(length)) +
                                 "), hatched";
        ImGui::TextUnformatted(text.c_str());
        if (ImGui::Button("Next unsure (U)##unsure")) app.invoke("talk-next-unsure");
        ImGui::SameLine();
        if (ImGui::Button("Back (Shift+U)##unsure")) app.invoke("talk-prev-unsure");
    } else {
        ImGui::TextDisabled("No unsure stretches left to check.");
    }
    ImGui::Spacing();
    int index = -1;
    if (app.talkSelection) index = segmentAt(talk.segments, middleOf(*app.talkSelection));
    const bool fromSelection = index >= 0;
    if (!fromSelection) index = segmentAt(talk.segments, app.player().position());
    if (index < 0) {
        ImGui::TextDisabled(
            "Click a stretch of the Talk time strip under the video to correct it.");
        ImGui::PopTextWrapPos();
        return;
    }
    const auto& seg = talk.segments[static_cast<size_t>(index)];
    ImGui::TextColored(rgbToVec4(labelTextColor(seg.label)), "%s", talkLabelName(seg.label));
    ImGui::SameLine();
    ImGui::Text("%s \u2192 %s", formatTime(seg.range.start, 1).c_str(),
                formatTime(seg.range.end, 1).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", secondsText(seg.range.duration()).c_str());
    // Which stretch this is goes on the next line, which wraps: beside the times it was cut
    // off in narrow windows.
    const char* where = fromSelection ? "" : "At the playhead. ";
    const bool unsure = analysis::isUnsure(seg);
    if (unsure)
        ImGui::TextColored(rgbToVec4(0xe8c547),
                           "%sUnsure (%.0f %% sure): listen, then keep or relabel it.", where,
                           static_cast<double>(seg.confidence) * 100.0);
    else
        ImGui::TextDisabled("%sWho is really talking here?", where);
    static constexpr const char* kCommands[] = {"talk-label-teacher", "talk-label-student",
                                                "talk-label-several", "talk-label-silence"};
    // Tight spacing and padding, so "Student 2" fits a quarter of a narrow panel.
    constexpr float kGap = 4;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3, ImGui::GetStyle().FramePadding.y));
    const float bw = (ImGui::GetContentRegionAvail().x - 3 * kGap) / 4;
    for (size_t i = 0; i < 4; ++i) {
        const TalkLabel l = kOrder[i];
        const bool on = seg.label == l;
        const uint32_t col = talkLabelColor(l);
        ImGui::PushStyleColor(ImGuiCol_Button, on ? rgbToVec4(col, 0.85f) : rgbToVec4(0x1e2329));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgbToVec4(col, on ? 1.0f : 0.35f));
        ImGui::PushStyleColor(ImGuiCol_Text, on ? rgbToVec4(0x14181c) : rgbToVec4(0xdfe4ea));
        const Command* c = app.commands().find(kCommands[i]);
        std::string key = c && !c->shortcuts.empty() ? c->shortcuts.front().label() : "";
        std::string label = std::string(l == TalkLabel::Multiple ? "Several" : talkLabelName(l)) +
                            " " + key + "##lbl";
        // On an unsure stretch its own label's button keeps it (a checked stretch).
        if (ImGui::Button(label.c_str(), ImVec2(bw, 0)) && (!on || unsure))
            app.invoke(kCommands[i]);
        ImGui::PopStyleColor(3);
        if (on && unsure && ImGui::IsItemHovered())
            ImGui::SetTooltip("Keep it as %s: it is no longer flagged as unsure",
                              talkLabelName(l));
        if (i < 3) ImGui::SameLine(0, kGap);
    }
    ImGui::PopStyleVar();
    // "This is the teacher" needs one voice there in the analysis (its speaker cluster).
    const int automatic =
        segmentAt(talk.automatic, fromSelection ? middleOf(seg.range) : app.player().position());
    // Offered on student talk where the analysis heard one voice: the case where it took the
    // wrong voice for the teacher.
    const bool oneVoice =
        seg.label == TalkLabel::Student && automatic >= 0 &&
        talk.automatic[static_cast<size_t>(automatic)].speaker >= 0 &&
        talk.automatic[static_cast<size_t>(automatic)].label != TalkLabel::Multiple &&
        talk.automatic[static_cast<size_t>(automatic)].label != TalkLabel::Silence;
    if (oneVoice) {
        if (ImGui::Button("This voice is the teacher (Shift+T)##t", ImVec2(-1, 0)))
            app.invoke("talk-teacher");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Everything this voice says in the lesson becomes teacher talk, and the "
                "voice called teacher so far becomes a student.");
    }
    ImGui::TextDisabled(
        "Drag the stretch's edges on the strip to move them. Ctrl+Z undoes a correction.");
    ImGui::PopTextWrapPos();
}

void TalkPanel::drawCorrections(App& app, const jobs::TalkView& talk) {
    if (talk.corrections.empty()) return;
    if (m_namesVersion != app.talkVersion()) {
        m_correctionLines.clear();
        m_correctionIds.clear();
        std::map<Id, std::string> names;
        for (auto it = talk.corrections.rbegin(); it != talk.corrections.rend(); ++it) {
            const auto& c = *it;
            auto found = names.find(c.reviewerId);
            if (found == names.end()) {
                auto r = app.library().reviewers().get(c.reviewerId);
                std::string name = r && r->has_value() ? (*r)->name : std::string("someone");
                found = names.emplace(c.reviewerId, name).first;
            }
            std::string line = found->second;
            if (c.kind == store::SegmentCorrection::Kind::TeacherAt) {
                line += ": the voice at " + formatTime(c.range.start, 1) + " is the teacher";
            } else {
                auto l = parseTalkLabelWord(c.label);
                line += ": " + formatTime(c.range.start, 1) + " \u2192 " +
                        formatTime(c.range.end, 1) + " is " +
                        (l ? talkLabelName(*l) : c.label.c_str());
            }
            m_correctionLines.push_back(std::move(line));
            m_correctionIds.push_back(c.id.toString());
        }
        m_namesVersion = app.talkVersion();
    }
    sectionTitle("Corrections (newest first)");
    ImGui::PushTextWrapPos(0);
    const std::string* remove = nullptr;  // acted on after the loop: it reloads the list
    for (size_t i = 0; i < m_correctionLines.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("\u00D7")) remove = &m_correctionIds[i];
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Remove this correction (Ctrl+Z brings it back)");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", m_correctionLines[i].c_str());
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
    if (remove) app.invoke("talk-remove-correction", {*remove});
}

}  // namespace ll::ui
