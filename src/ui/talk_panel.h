#pragma once
// Talk time beside the video: run the analysis (progress, cancel), then the shares, minutes,
// exchanges, wait time, longest teacher stretch and per-minute stacked bars; and the segment
// picked on the strip, with buttons to relabel it or say "this voice is the teacher". Every
// button runs a named command, so keys and scripts do the same. Metrics come from the App's
// TalkView, which is recomputed whenever a correction is saved.
// UI thread.

#include <cstdint>
#include <string>
#include <vector>

#include "ui/app.h"

namespace ll::ui {

class TalkPanel {
public:
    void draw(App& app, const PixelRect& area);

private:
    void drawNotAnalysed(App& app);
    void drawShares(App& app, const jobs::TalkView& talk);
    void drawFigures(const jobs::TalkView& talk);
    void drawPerMinute(App& app, const jobs::TalkView& talk);
    void drawSelection(App& app, const jobs::TalkView& talk);
    // drawSelection() under a separator, noting how tall it was in m_selectionHeight.
    void drawMeasuredSelection(App& app, const jobs::TalkView& talk);
    void drawCorrections(App& app, const jobs::TalkView& talk);

    float m_selectionHeight = 0;  // pixels, as last drawn (decides whether it is pinned)
    uint64_t m_namesVersion = ~uint64_t{0};
    std::vector<std::string> m_correctionLines;  // one per correction, newest first
    std::vector<std::string> m_correctionIds;    // the same order
};

// The "Comments | Talk time" switch at the top of the right-hand panel.
void drawSidePanelTabs(App& app);

}  // namespace ll::ui
