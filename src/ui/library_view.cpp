#include "ui/library_view.h"

#include <algorithm>

#include "core/time_text.h"
#include "ui/dialog_widgets.h"
#include "ui/pane.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

// "Teacher 62%": the teacher's share of the time anyone talks, from the latest complete run.
std::string talkSummary(store::Library& library, const Id& clipId) {
    auto run = library.analyses().latestCompleteRun(clipId);
    if (!run || !run->has_value()) return {};
    auto segments = library.analyses().segments((*run)->id);
    if (!segments) return {};
    int64_t teacher = 0, talk = 0;
    for (const auto& s : *segments) {
        if (s.label == "silence") continue;
        talk += s.range.duration().micros();
        if (s.label == "teacher") teacher += s.range.duration().micros();
    }
    if (talk <= 0) return "no talk found";
    return "Teacher " + std::to_string((teacher * 100 + talk / 2) / talk) + "% of talk";
}

}  // namespace

void LibraryView::draw(App& app, const PixelRect& area) {
    // Reload whenever the view comes back (comments may have been added meanwhile).
    if (!m_wasVisible) m_loaded = false;
    m_wasVisible = true;
    if (!m_loaded) {
        auto rows = app.library().clips().summaries();
        m_rows = rows ? std::move(rows).value() : std::vector<store::ClipSummary>{};
        if (!rows) app.showMessage(rows.error().message, true);
        m_talk.assign(m_rows.size(), std::string());
        for (size_t i = 0; i < m_rows.size(); ++i) m_talk[i] = talkSummary(app.library(), m_rows[i].clip.id);
        m_loaded = true;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 18));
    if (beginPane("##library", area)) {
        bool back = false;
        const std::string count = std::to_string(m_rows.size()) + (m_rows.size() == 1 ? " lesson" : " lessons");
        if (viewHeader(app, "Library", count, "Open a video\u2026", &back)) app.invoke("open-dialog");
        if (back) app.showLibrary = false;
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
            ImGui::TableSetupColumn("Talk time", ImGuiTableColumnFlags_WidthFixed, 170);
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
                const std::string& talk = m_talk[static_cast<size_t>(&row - m_rows.data())];
                if (talk.empty()) ImGui::TextDisabled("not analysed");
                else ImGui::TextUnformatted(talk.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ll::ui
