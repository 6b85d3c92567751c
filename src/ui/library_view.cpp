#include "ui/library_view.h"

#include <algorithm>

#include "core/time_text.h"
#include "jobs/talk_analysis.h"
#include "ui/dialog_widgets.h"
#include "ui/pane.h"
#include "ui/talk_share.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

// The lesson's talk time as the rounds view and the talk panel show it: the latest complete
// run with the reviewer's corrections applied. Nullopt when never analysed.
std::optional<analysis::TalkMetrics> talkMetrics(store::Library& library, const store::Clip& clip) {
    auto talk = jobs::loadTalk(library, clip);
    if (!talk || !talk->has_value()) return std::nullopt;
    return (*talk)->metrics;
}

}  // namespace

void LibraryView::registerCommands(App& app, CommandRegistry& r) {
    r.add({"library-analyze", "Analyse the lessons not analysed yet", "", {},
           [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "library-analyze"));
               return analyseMissing(app);
           },
           [&app] { return !app.batch().busy(); }});
}

void LibraryView::load(App& app) {
    auto rows = app.library().clips().summaries();
    m_rows = rows ? std::move(rows).value() : std::vector<store::ClipSummary>{};
    if (!rows) app.showMessage(rows.error().message, true);
    m_talk.assign(m_rows.size(), std::nullopt);
    std::vector<store::Clip> clips;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_talk[i] = talkMetrics(app.library(), m_rows[i].clip);
        clips.push_back(m_rows[i].clip);
    }
    m_obstacles = BatchAnalysis::obstacles(clips);
    m_loaded = true;
}

std::vector<store::Clip> LibraryView::unanalysed() const {
    std::vector<store::Clip> clips;
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (!m_talk[i] && m_obstacles[i].none()) clips.push_back(m_rows[i].clip);
    return clips;
}

Status LibraryView::analyseMissing(App& app) {
    if (!m_loaded) load(app);
    auto clips = unanalysed();
    if (clips.empty() && !app.batch().busy()) {
        const bool waiting = std::any_of(m_talk.begin(), m_talk.end(), [](const auto& t) { return !t; });
        return Error::invalid(waiting ? "the lessons without talk time have no sound, or no recording on this "
                                        "computer (open or add their files first)"
                                      : "every lesson in the library has its talk time already");
    }
    return app.batch().start(app, std::move(clips));
}

void LibraryView::draw(App& app, const PixelRect& area) {
    // Reload whenever the view comes back (a file may have moved meanwhile); App invalidates it
    // after every change to the library.
    if (ImGui::GetFrameCount() != m_drawnFrame + 1) m_loaded = false;
    m_drawnFrame = ImGui::GetFrameCount();
    if (!m_loaded) load(app);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 18));
    if (beginPane("##library", area)) {
        bool back = false;
        const std::string count = std::to_string(m_rows.size()) + (m_rows.size() == 1 ? " lesson" : " lessons");
        if (viewHeader(app, "Library", count, "Open a video\u2026", &back)) app.invoke("open-dialog");
        if (back) app.showLibrary = false;
        if (const size_t waiting = unanalysed().size(); app.batch().hasControls(waiting)) {
            if (!app.batch().busy()) {
                ImGui::AlignTextToFramePadding();
                ImGui::TextDisabled("%zu %s no talk time yet.", waiting, waiting == 1 ? "lesson has" : "lessons have");
                ImGui::SameLine();
            }
            app.batch().drawControls(app, waiting, "library-analyze");
            ImGui::Spacing();
        }
        if (m_rows.empty()) {
            ImGui::Spacing();
            ImGui::TextDisabled("No lessons yet. Open a video with File \u25B8 Open (Ctrl+O),");
            ImGui::TextDisabled("or drop a video file onto this window.");
        } else if (ImGui::BeginTable("##clips", 5,
                                     ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                         ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_PadOuterX)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("Lesson", ImGuiTableColumnFlags_WidthStretch, 3.f);
            ImGui::TableSetupColumn("Length", ImGuiTableColumnFlags_WidthFixed, 90);
            ImGui::TableSetupColumn("Comments", ImGuiTableColumnFlags_WidthFixed, 90);
            ImGui::TableSetupColumn("Reviewers", ImGuiTableColumnFlags_WidthStretch, 2.f);
            ImGui::TableSetupColumn("Talk time", ImGuiTableColumnFlags_WidthFixed, 214);
            ImGui::TableHeadersRow();
            for (const auto& row : m_rows) {
                ImGui::TableNextRow(0, ImGui::GetFrameHeight());
                ImGui::TableNextColumn();
                ImGui::PushID(row.clip.id.toString().c_str());
                bool current = app.clip() && app.clip()->id == row.clip.id;
                if (ImGui::Selectable(row.clip.title.c_str(), current,
                                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                    if (row.clip.path.empty()) app.showMessage("This lesson's file is not on this computer", true);
                    else app.invoke("open", {row.clip.path});
                }
                if (ImGui::IsItemHovered() && !row.clip.path.empty()) ImGui::SetTooltip("%s", row.clip.path.c_str());
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(formatTime(row.clip.duration, 0).c_str());
                ImGui::TableNextColumn();
                if (row.commentCount) ImGui::Text("%d", row.commentCount);
                else ImGui::TextDisabled("none");
                ImGui::TableNextColumn();
                std::string names;
                for (const auto& n : row.reviewerNames) names += (names.empty() ? "" : ", ") + n;
                if (names.empty()) ImGui::TextDisabled("\u2014");
                else ImGui::TextUnformatted(names.c_str());
                ImGui::TableNextColumn();
                const auto i = static_cast<size_t>(&row - m_rows.data());
                if (m_talk[i]) {
                    // The bar, then the teacher's share of the lesson (the CLI's and rounds' figure).
                    const float line = ImGui::GetTextLineHeight();
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + line * 0.2f);
                    talkShareBar(*m_talk[i], 96, line * 0.75f);
                    ImGui::SameLine(0, 8);
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - line * 0.2f);
                    ImGui::Text("Teacher %s", sharePercent(m_talk[i]->labelShare[1]).c_str());
                } else if (!m_obstacles[i].none()) {
                    ImGui::TextDisabled("%s", m_obstacles[i].label.c_str());
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m_obstacles[i].reason.c_str());
                } else {
                    ImGui::TextDisabled(app.batch().includes(m_rows[i].clip.id) ? "analysing\u2026" : "not analysed");
                }
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ll::ui
