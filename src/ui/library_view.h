#pragma once
// The library: every clip with when it was added, its duration, reviewers, comment count and talk
// time (the four shares as a bar and the teacher's share of the lesson, corrections applied); a
// click opens it, a search finds lessons by title, file or reviewer, a header click sorts, and
// the lessons not analysed yet can be analysed together (App::batch).
// Reads the summaries when shown and after a change, not every frame. UI thread.

#include <optional>
#include <string>
#include <vector>

#include "analysis/talk_metrics.h"
#include "store/repositories.h"
#include "ui/app.h"
#include "ui/batch_analysis.h"
#include "ui/library_order.h"

namespace ll::ui {

class LibraryView {
public:
    void registerCommands(App& app, CommandRegistry& registry);
    void draw(App& app, const PixelRect& area);
    void invalidate() { m_loaded = false; }
    // Starts analysing (App::batch) every lesson without talk time that can be analysed here.
    Status analyseMissing(App& app);

private:
    void load(App& app);
    std::vector<store::Clip> unanalysed() const;
    void drawTable(App& app);
    void setQuery(std::string query);


    std::vector<store::ClipSummary> m_rows;
    std::vector<std::optional<analysis::TalkMetrics>> m_talk;  // per row; nullopt when not analysed
    std::vector<BatchAnalysis::Obstacle> m_obstacles;  // per row: why it cannot be analysed here
    std::vector<LibraryEntry> m_entries;               // per row: what search and sort use
    std::vector<size_t> m_order;                       // rows shown, in order; rebuilt when stale
    bool m_orderStale = true;
    std::string m_query;                               // the search box
    LibrarySort m_sortBy = LibrarySort::Added;         // newest first until a header is clicked
    bool m_ascending = false;
    std::optional<std::pair<LibrarySort, bool>> m_pendingSort;  // from a command, for the table's arrow
    bool m_loaded = false;
    int m_drawnFrame = -2;  // ImGui's frame count when last drawn
};

}  // namespace ll::ui
