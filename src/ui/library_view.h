#pragma once
// The library: every clip with its duration, reviewers, comment count and talk-time summary
// (the teacher's share of talk in the latest analysis); a click opens it.
// Reads the summaries when shown and after a change, not every frame. UI thread.

#include <string>
#include <vector>

#include "store/repositories.h"
#include "ui/app.h"

namespace ll::ui {

class LibraryView {
public:
    void draw(App& app, const PixelRect& area);
    void invalidate() { m_loaded = false; }

private:
    std::vector<store::ClipSummary> m_rows;
    std::vector<std::string> m_talk;  // per row: "Teacher 62%" or empty when not analysed
    bool m_loaded = false;
    bool m_wasVisible = false;
};

}  // namespace ll::ui
