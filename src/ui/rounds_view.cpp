#include "ui/rounds_view.h"

#include <GLFW/glfw3.h>

#include <algorithm>

#include "core/text.h"
#include "core/time_text.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "jobs/export.h"
#include "jobs/output_file.h"
#include "jobs/sharing.h"
#include "ui/dialog_widgets.h"
#include "ui/pane.h"
#include "ui/talk_share.h"
#include "ui/text_wrap.h"
#include "ui/theme.h"

namespace ll::ui {
namespace fs = std::filesystem;
namespace {

bool hasTag(const store::Comment& c, const std::string& tag) {
    return std::find(c.tags.begin(), c.tags.end(), tag) != c.tags.end();
}

std::string today() { return formatLocalDate(nowUnixMicros()); }

// Both of Rowe's wait times for a classroom, for the tooltip over its "Pauses of 3 s or more" cell.
std::string waitSummary(const analysis::TalkMetrics& m) {
    auto line = [](const char* after, const analysis::WaitTime& w) {
        if (w.count == 0) return std::string(after) + ": no pauses";
        return std::string(after) + ": median " + formatSeconds(w.median, 1) + " s, " +
               sharePercent(w.longShare) + " of " + std::to_string(w.count) + " were 3 s or more";
    };
    return line("After teacher talk", m.waitAfterTeacher) + "\n" +
           line("After student talk", m.waitAfterStudents);
}

}  // namespace

RoundsView::RoundsView()
    : m_reportBrowser([](const fs::path& p) { return p.extension() == ".html"; }) {}

void RoundsView::reload(App& app) {
    auto rounds = app.library().rounds().list();
    if (!rounds) {
        app.showMessage(rounds.error().message, true);
        m_rounds.clear();
    } else {
        m_rounds = std::move(rounds).value();
    }
    // Keep the selection when the round still exists (it may have new clips).
    std::optional<store::Round> keep;
    if (m_selected) {
        for (const auto& r : m_rounds)
            if (r.id == m_selected->id) keep = r;
    }
    if (!keep && !m_rounds.empty()) keep = m_rounds.front();
    m_selected = keep;
    m_data.reset();
    if (m_selected) {
        auto data = jobs::gatherRound(app.library(), *m_selected, false);
        if (data) m_data = std::move(data).value();
        else app.showMessage(data.error().message, true);
    }
    m_obstacles.clear();
    if (m_data) {
        std::vector<store::Clip> clips;
        for (const auto& room : m_data->classrooms) clips.push_back(room.clip);
        m_obstacles = BatchAnalysis::obstacles(clips);
    }
    m_seenComments = app.commentsVersion();
    m_seenTalk = app.talkVersion();
    m_stale = false;
}

Result<store::Round> RoundsView::createRound(App& app, std::string title, std::string focus, std::string tag,
                                             std::string date) {
    title = trim(title);
    focus = trim(focus);
    tag = trim(tag);
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    if (!hasVisibleText(title)) return Error::invalid("give the round a title, e.g. \"Grade 4 rounds, November\"");
    if (!hasVisibleText(focus)) return Error::invalid("a round needs a focus question: what the team is looking at");
    if (tag.empty()) tag = "focus";
    if (tag.find_first_of(" \t\n,") != std::string::npos) return Error::invalid("the focus tag is one word, e.g. questioning");
    date = trim(date);
    if (date.empty()) date = today();
    Result<store::Round> made = Error::invalid("the round was not created");
    LL_TRY(app.library().write([&]() -> Status {
        made = app.library().rounds().create(title, focus, tag, date);
        return made ? Status() : Status(made.error());
    }));
    m_selected = *made;
    m_stale = true;
    app.showRounds = true;
    app.showMessage("Round \u201C" + made->title + "\u201D created; add each classroom's lesson to it");
    return made;
}

std::vector<store::Clip> RoundsView::unanalysed() const {
    std::vector<store::Clip> clips;
    if (!m_data) return clips;
    for (size_t k = 0; k < m_data->classrooms.size(); ++k) {
        const auto& room = m_data->classrooms[k];
        if (!room.talk && k < m_obstacles.size() && m_obstacles[k].none()) clips.push_back(room.clip);
    }
    return clips;
}

Status RoundsView::analyseMissing(App& app) {
    if (!m_selected) return Error::invalid("choose a round first");
    if (m_stale || !m_data) reload(app);
    auto clips = unanalysed();
    if (clips.empty() && !app.batch().busy()) {
        const bool waiting = m_data && std::any_of(m_data->classrooms.begin(), m_data->classrooms.end(),
                                                   [](const auto& room) { return !room.talk.has_value(); });
        return Error::invalid(waiting ? "the lessons of this round without talk time have no sound, or no "
                                        "recording on this computer (open or add their files first)"
                                      : "every lesson of this round has its talk time already");
    }
    return app.batch().start(app, std::move(clips));
}

Status RoundsView::select(App& app, const std::string& idOrTitle) {
    auto rounds = app.library().rounds().list();
    if (!rounds) return rounds.error();
    std::vector<store::Round> matches;
    for (const auto& r : *rounds) {
        if (r.title == idOrTitle || (looksLikeIdPrefix(idOrTitle) && r.id.toString().starts_with(toLower(idOrTitle))))
            matches.push_back(r);
    }
    if (matches.empty()) return Error::notFound("no round is called or starts with \"" + idOrTitle + "\"");
    if (matches.size() > 1) return Error::make(Error::Code::Conflict, "several rounds match \"" + idOrTitle + "\"; use more of the id");
    m_selected = matches.front();
    m_stale = true;
    app.showRounds = true;
    return {};
}

Status RoundsView::addOpenLesson(App& app) {
    if (!m_selected) return Error::invalid("choose or create a round first");
    if (!app.clip()) return Error::invalid("open the classroom's lesson first, then add it to the round");
    const Id roundId = m_selected->id, clipId = app.clip()->id;
    if (std::find(m_selected->clipIds.begin(), m_selected->clipIds.end(), clipId) != m_selected->clipIds.end())
        return Error::make(Error::Code::Conflict, "\u201C" + app.clip()->title + "\u201D is already in this round");
    LL_TRY(app.library().write([&] { return app.library().rounds().addClip(roundId, clipId); }));
    m_stale = true;
    app.showMessage("Added \u201C" + app.clip()->title + "\u201D to \u201C" + m_selected->title + "\u201D");
    return {};
}

Status RoundsView::removeClip(App& app, const Id& clipId) {
    if (!m_selected) return Error::invalid("choose a round first");
    const Id roundId = m_selected->id;
    LL_TRY(app.library().write([&] { return app.library().rounds().removeClip(roundId, clipId); }));
    m_stale = true;
    return {};
}

Status RoundsView::writeReport(App& app, const fs::path& out) {
    if (!m_selected) return Error::invalid("choose a round first");
    if (out.empty()) return Error::invalid("choose the file to write");
    LL_ASSIGN(jobs::OutputRules rules, jobs::outputRules(app.library()));
    LL_TRY(jobs::checkOutputFile(out, rules));
    LL_ASSIGN(auto round, app.library().rounds().get(m_selected->id));
    if (!round) return Error::notFound("the round is no longer in the library");
    LL_ASSIGN(auto data, jobs::gatherRound(app.library(), *round));
    LL_TRY(jobs::writeFileAtomically(out, exchange::toRoundReport(data), rules));
    const size_t rooms = data.classrooms.size();
    app.showMessage("Wrote " + out.string() + " (" + std::to_string(rooms) +
                    (rooms == 1 ? " classroom)" : " classrooms)"));
    return {};
}

void RoundsView::registerCommands(App& app, CommandRegistry& r) {
    r.add({"rounds", "Rounds", "", {{GLFW_KEY_R, true}}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "rounds"));
               app.showRounds = !app.showRounds;
               m_stale = true;
               return {};
           }, {}});
    r.add({"round-new-dialog", "New round\u2026", "", {}, [this](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "round-new-dialog"));
               m_requestNew = true;
               return {};
           }, {}});
    r.add({"round-create", "New round", "\"TITLE\" --focus \"QUESTION\" [--tag TAG] [--date YYYY-MM-DD]", {},
           [this, &app](const CommandArgs& args) -> Status {
               LL_ASSIGN(auto p, parseArgs(args, {"focus", "tag", "date"}));
               LL_TRY(expectArgs(p.positional, 1, 1,
                                 "round-create \"TITLE\" --focus \"QUESTION\" [--tag TAG] [--date YYYY-MM-DD]"));
               auto opt = [&](const char* n) { return p.option(n) ? *p.option(n) : std::string(); };
               LL_ASSIGN(auto made, createRound(app, p.positional[0], opt("focus"), opt("tag"), opt("date")));
               (void)made;
               return {};
           }, {}});
    r.add({"round-select", "Choose round", "TITLE|ID", {}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "round-select TITLE|ID"));
               return select(app, a[0]);
           }, {}});
    r.add({"round-add", "Add this lesson to the round", "", {}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "round-add"));
               return addOpenLesson(app);
           }, [this, &app] { return m_selected.has_value() && app.clip().has_value(); }});
    r.add({"round-remove", "Remove this lesson from the round", "", {}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "round-remove"));
               if (!app.clip()) return Error::invalid("open the lesson to remove first");
               return removeClip(app, app.clip()->id);
           }, [this, &app] { return m_selected.has_value() && app.clip().has_value(); }});
    r.add({"round-analyze", "Analyse the round's lessons", "", {}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "round-analyze"));
               return analyseMissing(app);
           }, [this, &app] { return m_selected.has_value() && !app.batch().busy(); }});
    r.add({"round-report", "Write the round's report", "PATH.html", {}, [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 1, 1, "round-report PATH.html"));
               return writeReport(app, a[0]);
           }, [this] { return m_selected.has_value(); }});
}

void RoundsView::draw(App& app, const PixelRect& area) {
    // Not drawn last frame: it comes back, and the files may have moved meanwhile.
    if (ImGui::GetFrameCount() != m_drawnFrame + 1) m_stale = true;
    m_drawnFrame = ImGui::GetFrameCount();
    if (m_stale || m_seenComments != app.commentsVersion() || m_seenTalk != app.talkVersion()) reload(app);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 18));
    if (beginPane("##rounds", area)) {
        bool back = false;
        if (viewHeader(app, "Teacher rounds", "several classrooms, one focus question", "New round\u2026", &back))
            m_requestNew = true;
        if (back) app.showRounds = false, app.showLibrary = false;

        if (m_rounds.empty()) {
            ImGui::Spacing();
            ImGui::TextDisabled("No rounds yet. A round gathers the lessons of a learning walk or instructional");
            ImGui::TextDisabled("rounds around one focus question, so the team can compare classrooms side by side.");
            ImGui::TextDisabled("Start one with New round\u2026, then open each classroom's lesson and add it.");
        } else {
            // The list gives way in a narrow window, so the classrooms table keeps room to read.
            const float listW = std::clamp(ImGui::GetContentRegionAvail().x * 0.3f, 180.f, 280.f);
            ImGui::BeginChild("##roundlist", ImVec2(listW, 0), true);
            for (const auto& r : m_rounds) {
                ImGui::PushID(r.id.toString().c_str());
                bool sel = m_selected && m_selected->id == r.id;
                const float x0 = ImGui::GetCursorPosX();
                if (ImGui::Selectable("##r", sel, 0, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2))) {
                    m_selected = r;
                    m_stale = true;
                }
                if (ImGui::IsItemHovered() && ImGui::CalcTextSize(r.title.c_str()).x > ImGui::GetItemRectSize().x - 6)
                    ImGui::SetTooltip("%s", r.title.c_str());
                ImGui::SameLine(x0 + 6);
                ImGui::BeginGroup();
                ImGui::TextUnformatted(r.title.c_str());
                ImGui::TextDisabled("%s \u00B7 %zu classroom%s", r.heldOn.c_str(), r.clipIds.size(),
                                    r.clipIds.size() == 1 ? "" : "s");
                ImGui::EndGroup();
                ImGui::PopID();
            }
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("##round", ImVec2(0, 0), false);
            if (m_selected) drawRound(app);
            ImGui::EndChild();
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

void RoundsView::drawRound(App& app) {
    const store::Round& r = *m_selected;
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(r.title.c_str());
    ImGui::TextDisabled("Held on %s \u00B7 comments tagged #%s count for the focus", r.heldOn.c_str(), r.focusTag.c_str());
    ImGui::PopTextWrapPos();
    // The focus question, set apart like the report's, sized to its wrapped text.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrapW = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
    const float textH = ImGui::CalcTextSize(r.focus.c_str(), nullptr, false, wrapW).y;
    const float boxH = textH + ImGui::GetTextLineHeight() + style.ItemSpacing.y + 2 * style.WindowPadding.y + 2;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rgbToVec4(0x22303f));
    ImGui::BeginChild("##focus", ImVec2(0, boxH), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextColored(rgbToVec4(colors::kAccent), "Focus question");
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(r.focus.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();

    bool inRound = app.clip() && std::find(r.clipIds.begin(), r.clipIds.end(), app.clip()->id) != r.clipIds.end();
    if (!app.clip() || inRound) ImGui::BeginDisabled();
    std::string addLabel = app.clip() ? "Add \u201C" + app.clip()->title + "\u201D" : std::string("Add the open lesson");
    if (ImGui::Button(addLabel.c_str())) app.invoke("round-add");
    if (!app.clip() || inRound) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Write report\u2026")) {
        m_requestReport = true;
        fs::path dir = app.settings().exportFolder.empty() ? fs::current_path() : fs::path(app.settings().exportFolder);
        m_reportPath = (dir / (fileNameFrom(r.title, "round") + " report.html")).string();
        m_reportBrowser.list(dir);
    }
    if (const size_t waiting = unanalysed().size(); app.batch().hasControls(waiting)) {
        ImGui::SameLine();
        app.batch().drawControls(app, waiting, "round-analyze");
    }
    if (!app.clip()) {
        constexpr const char* kHint = "Open a classroom's lesson to add it.";
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(kHint).x) ImGui::NewLine();
        ImGui::TextDisabled("%s", kHint);
    }
    ImGui::Spacing();
    drawClassrooms(app);
    ImGui::Spacing();
    drawTagCounts();
    ImGui::Spacing();
    drawFocusNotes(app);
}

void RoundsView::drawClassrooms(App& app) {
    ImGui::Text("Classrooms");
    if (!m_data || m_data->classrooms.empty()) {
        ImGui::TextDisabled("No lessons in this round yet.");
        return;
    }
    talkShareLegend();
    // Where the full headers would leave the classroom and its talk bar under 320 px between them
    // (1024x768 and smaller windows), the headers shorten and the length moves into the title's
    // tooltip.
    enum Col { kClassroom, kLength, kTalk, kTeacher, kPauses, kFocus, kRemove, kCols };
    const float pad = 2 * ImGui::GetStyle().CellPadding.x;
    const float removeW = ImGui::CalcTextSize("Remove").x + 2 * ImGui::GetStyle().FramePadding.x;
    const float wideFixed = 70 + ImGui::CalcTextSize("Teacher").x + ImGui::CalcTextSize("Pauses of 3 s or more").x +
                            ImGui::CalcTextSize("Focus notes").x + removeW + 3 * pad + static_cast<float>(kCols) * pad;
    const bool narrow = ImGui::GetContentRegionAvail().x - wideFixed < 320;
    const char* pausesName = narrow ? "Pauses \u2265 3 s" : "Pauses of 3 s or more";
    const char* focusName = narrow ? "Focus" : "Focus notes";
    if (!ImGui::BeginTable("##rooms", kCols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX))
        return;
    ImGui::TableSetupColumn("Classroom", ImGuiTableColumnFlags_WidthStretch, 2.f);
    ImGui::TableSetupColumn("Length", ImGuiTableColumnFlags_WidthFixed | (narrow ? ImGuiTableColumnFlags_Disabled : 0), 70);
    ImGui::TableSetupColumn("Talk time", ImGuiTableColumnFlags_WidthStretch, narrow ? 1.5f : 2.f);
    ImGui::TableSetupColumn("Teacher", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Teacher").x + pad);
    ImGui::TableSetupColumn(pausesName, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(pausesName).x + pad);
    ImGui::TableSetupColumn(focusName, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(focusName).x + pad);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, removeW);
    // The headers one by one, so the pauses column can say what it counts on hover.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int col = 0; col < kCols; ++col) {
        if (!ImGui::TableSetColumnIndex(col)) continue;
        ImGui::TableHeader(ImGui::TableGetColumnName(col));
        if (col == kPauses && ImGui::IsItemHovered())
            ImGui::SetTooltip("Of the pauses after teacher talk, the share that lasted 3 seconds or more\n"
                              "before a student answered (Rowe's wait time).");
        if (col == kFocus && narrow && ImGui::IsItemHovered())
            ImGui::SetTooltip("Focus notes: comments tagged #%s", m_data->focusTag.c_str());
    }
    std::optional<Id> remove;
    for (size_t k = 0; k < m_data->classrooms.size(); ++k) {
        const auto& room = m_data->classrooms[k];
        const BatchAnalysis::Obstacle obstacle = k < m_obstacles.size() ? m_obstacles[k] : BatchAnalysis::Obstacle{};
        ImGui::PushID(room.clip.id.toString().c_str());
        ImGui::TableNextRow(0, ImGui::GetFrameHeight());
        ImGui::TableNextColumn();
        if (ImGui::Selectable(room.clip.title.c_str(), app.clip() && app.clip()->id == room.clip.id)) {
            if (room.clip.path.empty()) {
                app.showMessage("This lesson's video is not on this computer; its notes are kept until it is added", true);
            } else {
                app.invoke("open", {room.clip.path});
                app.showRounds = false;
            }
        }
        if (ImGui::IsItemHovered()) {
            // The cell may cut a long title short: the tooltip gives it whole.
            if (narrow)
                ImGui::SetTooltip("%s\nOpen this lesson (%s long)", room.clip.title.c_str(),
                                  formatTime(room.clip.duration, 0).c_str());
            else ImGui::SetTooltip("%s\nOpen this lesson", room.clip.title.c_str());
        }
        if (ImGui::TableSetColumnIndex(kLength)) ImGui::TextUnformatted(formatTime(room.clip.duration, 0).c_str());
        ImGui::TableSetColumnIndex(kTalk);
        if (room.talk) {
            talkShareBar(room.talk->metrics, ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight());
        } else if (!obstacle.none()) {
            ImGui::TextDisabled("not analysed: %s", obstacle.label.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", obstacle.reason.c_str());
        } else {
            ImGui::TextDisabled(app.batch().includes(room.clip.id) ? "analysing\u2026" : "not analysed");
        }
        ImGui::TableNextColumn();
        if (room.talk) ImGui::TextUnformatted(sharePercent(room.talk->metrics.labelShare[1]).c_str());
        else ImGui::TextDisabled("\u2014");
        ImGui::TableNextColumn();
        if (room.talk && room.talk->metrics.waitAfterTeacher.count > 0)
            ImGui::TextUnformatted(sharePercent(room.talk->metrics.waitAfterTeacher.longShare).c_str());
        else ImGui::TextDisabled("\u2014");
        if (room.talk && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", waitSummary(room.talk->metrics).c_str());
        ImGui::TableNextColumn();
        int focus = static_cast<int>(std::count_if(room.comments.begin(), room.comments.end(),
                                                   [&](const store::Comment& c) { return hasTag(c, m_data->focusTag); }));
        if (focus) ImGui::Text("%d", focus);
        else ImGui::TextDisabled("none");
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("Remove")) remove = room.clip.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Take this lesson out of the round (the lesson and its notes stay)");
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (remove) {
        if (auto st = removeClip(app, *remove); !st) app.showMessage(st.error().message, true);
    }
}

void RoundsView::drawTagCounts() {
    if (!m_data || m_data->classrooms.empty()) return;
    ImGui::Text("Tags in each classroom");
    const auto rows = exchange::roundTagCounts(*m_data);
    if (rows.empty()) {
        ImGui::TextDisabled("No tagged comments yet. Tag comments (e.g. #%s) to see patterns across rooms.",
                            m_data->focusTag.c_str());
        return;
    }
    const int cols = static_cast<int>(m_data->classrooms.size()) + 2;
    if (!ImGui::BeginTable("##tags", std::min(cols, 64), ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                          ImGuiTableFlags_ScrollX | ImGuiTableFlags_PadOuterX))
        return;
    ImGui::TableSetupColumn("Tag", ImGuiTableColumnFlags_WidthFixed, 140);
    for (int i = 0; i + 2 < std::min(cols, 64); ++i)
        ImGui::TableSetupColumn(m_data->classrooms[static_cast<size_t>(i)].clip.title.c_str(),
                                ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupColumn("All", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableHeadersRow();
    int most = 1;
    for (const auto& row : rows)
        for (int n : row.perClassroom) most = std::max(most, n);
    for (const auto& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (row.tag == m_data->focusTag) ImGui::TextColored(rgbToVec4(colors::kAccent), "#%s", row.tag.c_str());
        else ImGui::Text("#%s", row.tag.c_str());
        for (int i = 0; i + 2 < std::min(cols, 64); ++i) {
            ImGui::TableNextColumn();
            int n = row.perClassroom[static_cast<size_t>(i)];
            if (n) {
                // Heavier use shows as a stronger cell, so patterns stand out at a glance.
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                                       rgbToImU32(colors::kAccent, 0.12f + 0.5f * static_cast<float>(n) / static_cast<float>(most)));
                ImGui::Text("%d", n);
            } else {
                ImGui::TextDisabled("\u2013");
            }
        }
        ImGui::TableNextColumn();
        ImGui::Text("%d", row.total);
    }
    ImGui::EndTable();
}

void RoundsView::drawFocusNotes(App& app) {
    if (!m_data || m_data->classrooms.empty()) return;
    ImGui::Text("Notes for the focus (#%s)", m_data->focusTag.c_str());
    bool any = false;
    for (const auto& room : m_data->classrooms) {
        for (const auto& c : room.comments) {
            if (!hasTag(c, m_data->focusTag)) continue;
            any = true;
            ImGui::PushID(c.id.toString().c_str());
            auto who = room.reviewers.find(c.authorId);
            uint32_t color = who != room.reviewers.end() ? who->second.color : colors::kMuted;
            ImGui::TextColored(rgbToVec4(color), "\u25CF");
            ImGui::SameLine(0, 6);
            std::string head = room.clip.title + "  " + formatTime(c.start, 0);
            if (ImGui::SmallButton(head.c_str())) {
                if (room.clip.path.empty()) {
                    app.showMessage("This lesson's video is not on this computer", true);
                } else if (auto st = app.openMedia(room.clip.path); !st) {
                    app.showMessage(st.error().message, true);
                } else {
                    app.invoke("seek", {formatTime(c.start, 3)});
                    app.showRounds = false;
                }
            }
            ImGui::SameLine();
            ImGui::TextDisabled("%s \u00B7 %s", who != room.reviewers.end() ? who->second.name.c_str() : "unknown",
                                std::string(store::toString(c.kind)).c_str());
            textWrappedAtSpaces(c.text, ImGui::GetContentRegionAvail().x);
            ImGui::PopID();
        }
    }
    if (!any) ImGui::TextDisabled("No comments carry #%s yet. Add the tag to comments about the focus question.",
                                  m_data->focusTag.c_str());
}

void RoundsView::drawDialogs(App& app) {
    if (m_requestNew) {
        ImGui::OpenPopup("New round");
        m_requestNew = false;
        m_title.clear();
        m_focus.clear();
        m_tag = "focus";
        m_date = today();
        m_error.clear();
    }
    if (beginDialog("New round", false, 560, 0)) {
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::TextUnformatted("Title");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##title", "e.g. Grade 4 rounds, November", &m_title);
        ImGui::TextUnformatted("Focus question (the team's problem of practice)");
        ImGui::InputTextMultiline("##focus", &m_focus, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
        ImGui::TextUnformatted("Focus tag");
        ImGui::SameLine(200);
        ImGui::TextUnformatted("Date of the visits");
        ImGui::SetNextItemWidth(180);
        ImGui::InputText("##tag", &m_tag);
        ImGui::SameLine(200);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##date", "YYYY-MM-DD", &m_date);
        errorLine(m_error);
        ImGui::Spacing();
        if (dialogButtons("Create round")) {
            if (auto made = createRound(app, m_title, m_focus, m_tag, m_date); !made) m_error = made.error().message;
            else ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }

    const bool openReport = m_requestReport;
    if (m_requestReport) {
        m_requestReport = false;
        m_error.clear();
    }
    if (beginDialog("Write the round's report", openReport, 700, 480)) {
        ImGui::TextDisabled("One HTML file: the focus question, every classroom's talk time, tags and focus notes.");
        ImGui::SetNextItemWidth(-1);
        bool enter = ImGui::InputText("##report", &m_reportPath, ImGuiInputTextFlags_EnterReturnsTrue);
        bool activated = m_reportBrowser.browseForNewFile(m_reportPath, -ImGui::GetFrameHeightWithSpacing() * 2 - 8);
        if (!m_error.empty()) errorLine(m_error);
        else ImGui::TextDisabled("Click a folder to save there.");
        if (dialogButtons("Write report") || enter || activated) {
            if (auto st = writeReport(app, m_reportPath); !st) m_error = st.error().message;
            else ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace ll::ui
