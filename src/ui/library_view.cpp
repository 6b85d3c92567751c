#include "ui/library_view.h"

#include <algorithm>

#include "core/text.h"
#include "core/time_text.h"
#include "jobs/talk_analysis.h"
#include "ui/dialog_widgets.h"
#include "ui/pane.h"
#include "ui/talk_share.h"
#include "ui/theme.h"

#include "imgui_internal.h"  // TableSetColumnSortDirection: a sort asked for by a command shows its arrow
#include "imgui_stdlib.h"

namespace ll::ui {
namespace {

// The lesson's talk time as the rounds view and the talk panel show it: the latest complete
// run with the reviewer's corrections applied. Nullopt when never analysed.
std::optional<analysis::TalkMetrics> talkMetrics(store::Library& library, const store::Clip& clip) {
    auto talk = jobs::loadTalk(library, clip);
    if (!talk || !talk->has_value()) return std::nullopt;
    return (*talk)->metrics;
}

// The table's columns, in order, with what each sorts by.
constexpr LibrarySort kColumnSort[] = {LibrarySort::Title,    LibrarySort::Added,     LibrarySort::Length,
                                       LibrarySort::Comments, LibrarySort::Reviewers, LibrarySort::TalkTime};

}  // namespace

void LibraryView::registerCommands(App& app, CommandRegistry& r) {
    r.add({"library-analyze", "Analyse the lessons not analysed yet", "", {},
           [this, &app](const CommandArgs& a) -> Status {
               LL_TRY(expectArgs(a, 0, 0, "library-analyze"));
               return analyseMissing(app);
           },
           [&app] { return !app.batch().busy(); }});
    r.add({"library-find", "Find a lesson", "[WORDS]", {}, [this, &app](const CommandArgs& a) -> Status {
               std::string words;
               for (const auto& w : a) words += (words.empty() ? "" : " ") + w;
               if (hasControlCharacters(words, false)) return Error::invalid("search words are one line of text");
               setQuery(std::move(words));
               app.showLibrary = true;
               return {};
           },
           {}});
    r.add({"library-sort", "Sort the library", "lesson|added|length|comments|reviewers|talk [asc|desc]", {},
           [this, &app](const CommandArgs& a) -> Status {
               constexpr const char* kUsage = "library-sort lesson|added|length|comments|reviewers|talk [asc|desc]";
               LL_TRY(expectArgs(a, 1, 2, kUsage));
               auto by = parseLibrarySort(a[0]);
               if (!by) return Error::invalid("\"" + a[0] + "\" is not a library column; " + kUsage);
               bool ascending = *by == LibrarySort::Title || *by == LibrarySort::Reviewers;
               if (a.size() == 2) {
                   if (a[1] != "asc" && a[1] != "desc") return Error::invalid(kUsage);
                   ascending = a[1] == "asc";
               }
               // The table takes it on its next frame, with its arrow, as if the header were clicked.
               m_pendingSort = std::pair{*by, ascending};
               app.showLibrary = true;
               return {};
           },
           {}});
}

void LibraryView::setQuery(std::string query) {
    m_query = std::move(query);
    m_orderStale = true;
}

void LibraryView::load(App& app) {
    auto rows = app.library().clips().summaries();
    m_rows = rows ? std::move(rows).value() : std::vector<store::ClipSummary>{};
    if (!rows) app.showMessage(rows.error().message, true);
    m_talk.assign(m_rows.size(), std::nullopt);
    m_entries.clear();
    std::vector<store::Clip> clips;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const auto& row = m_rows[i];
        m_talk[i] = talkMetrics(app.library(), row.clip);
        clips.push_back(row.clip);
        m_entries.push_back({row.clip.title, row.clip.path, row.reviewerNames, row.clip.stamps.createdAt,
                             row.clip.duration, row.commentCount,
                             m_talk[i] ? std::optional<double>(m_talk[i]->labelShare[1]) : std::nullopt});
    }
    m_obstacles = BatchAnalysis::obstacles(clips);
    m_orderStale = true;
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

void LibraryView::drawTable(App& app) {
    if (!ImGui::BeginTable("##clips", 6,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_PadOuterX | ImGuiTableFlags_Sortable))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Fixed columns fit their header and the sort arrow beside it.
    auto fit = [](const char* widest) { return ImGui::CalcTextSize(widest).x + ImGui::GetFontSize() + 8; };
    constexpr auto kFixedDesc = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn("Lesson", ImGuiTableColumnFlags_WidthStretch, 3.f);
    ImGui::TableSetupColumn("Added", kFixedDesc | ImGuiTableColumnFlags_DefaultSort, fit("2026-11-25"));
    ImGui::TableSetupColumn("Length", kFixedDesc, fit("10:00:00"));
    ImGui::TableSetupColumn("Comments", kFixedDesc, fit("Comments"));
    ImGui::TableSetupColumn("Reviewers", ImGuiTableColumnFlags_WidthStretch, 2.f);
    ImGui::TableSetupColumn("Talk time", kFixedDesc, 214);
    if (m_pendingSort) {
        const auto column = std::find(std::begin(kColumnSort), std::end(kColumnSort), m_pendingSort->first);
        ImGui::TableSetColumnSortDirection(static_cast<int>(column - std::begin(kColumnSort)),
                                           m_pendingSort->second ? ImGuiSortDirection_Ascending
                                                                 : ImGuiSortDirection_Descending,
                                           false);
        m_pendingSort.reset();
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
            m_sortBy = kColumnSort[std::clamp<int>(spec.ColumnIndex, 0, std::size(kColumnSort) - 1)];
            m_ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
            m_order = libraryOrder(m_entries, m_query, m_sortBy, m_ascending);
        }
        specs->SpecsDirty = false;
    }
    ImGui::TableHeadersRow();
    for (const size_t i : m_order) {
        const auto& row = m_rows[i];
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
        ImGui::TextUnformatted(formatLocalDate(row.clip.stamps.createdAt).c_str());
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
            ImGui::TextDisabled(app.batch().includes(row.clip.id) ? "analysing\u2026" : "not analysed");
        }
    }
    ImGui::EndTable();
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
        if (m_orderStale) {
            m_order = libraryOrder(m_entries, m_query, m_sortBy, m_ascending);
            m_orderStale = false;
        }
        std::string count = std::to_string(m_rows.size()) + (m_rows.size() == 1 ? " lesson" : " lessons");
        if (m_order.size() != m_rows.size()) count = std::to_string(m_order.size()) + " of " + count;
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
        } else {
            ImGui::SetNextItemWidth(std::min(360.f, ImGui::GetContentRegionAvail().x));
            std::string query = m_query;
            if (ImGui::InputTextWithHint("##find", "Find a lesson: title, file or reviewer", &query)) setQuery(query);
            if (!m_query.empty()) {
                ImGui::SameLine();
                if (ImGui::SmallButton("Clear")) setQuery({});
            }
            ImGui::Spacing();
            if (m_order.empty()) ImGui::TextDisabled("No lesson matches \u201C%s\u201D.", ellipsize(m_query, 60).c_str());
            else drawTable(app);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ll::ui
