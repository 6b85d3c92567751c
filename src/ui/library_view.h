#pragma once
// The library: every clip with its duration, reviewers, comment count and talk-time summary
// (the teacher's share of talk in the latest analysis); a click opens it, and the lessons not
// analysed yet can be analysed together (App::batch).
// Reads the summaries when shown and after a change, not every frame. UI thread.

#include <string>
#include <vector>

#include "store/repositories.h"
#include "ui/app.h"
#include "ui/batch_analysis.h"

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

    std::vector<store::ClipSummary> m_rows;
    std::vector<std::string> m_talk;         // per row: "Teacher 62%" or empty when not analysed
    std::vector<BatchAnalysis::Obstacle> m_obstacles;  // per row: why it cannot be analysed here
    bool m_loaded = false;
    bool m_wasVisible = false;
};

}  // namespace ll::ui
