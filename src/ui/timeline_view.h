#pragma once
// The strip under the picture: a ruler, the playhead, and rows of items (today comment markers;
// the waveform from the stored peaks and the talk-time strip from the latest analysis). Wheel zooms anchored
// at the cursor, Shift+wheel or a right/middle drag pans, a click seeks.
// Compute, then draw: markers are rebuilt only when the comments change, culled and folded per
// frame into a reused vector, then drawn without allocating.
// UI thread.

#include <cstdint>
#include <optional>
#include <vector>

#include "media/peak_pyramid.h"
#include "ui/app.h"
#include "ui/timeline_math.h"

namespace ll::ui {

class TimelineView {
public:
    void draw(App& app, const PixelRect& area);

private:
    // The playhead from the ruler at `rulerY` down to `lanesBottom`, the foot of the last lane.
    void drawPlayhead(const PixelRect& area, float playX, float rulerY, float lanesBottom);
    // The talk shares under the rows, fitted to the width there is.
    void drawLegend(const jobs::TalkView& talk, const PixelRect& area, float x0, float stripW, float y);
    void rebuildItems(App& app);
    void rebuildTalk(App& app);

    uint64_t m_commentsVersion = ~uint64_t{0};
    std::vector<TimelineItem> m_commentItems;  // sorted by start, ranges packed into lanes
    int m_commentLanes = 1;                    // lanes the Comments row is split into
    MediaTime m_longestComment;
    std::vector<DrawnSpan> m_drawn;            // this frame's markers
    uint64_t m_talkVersion = ~uint64_t{0};
    std::vector<TimelineItem> m_talkItems;     // talk segments (silence left out), sorted
    MediaTime m_longestTalk;
    std::vector<DrawnSpan> m_talkDrawn;        // this frame's talk spans
    std::vector<TimelineItem> m_unsureItems;   // the talk segments the analysis is unsure of
    std::vector<DrawnSpan> m_unsureDrawn;      // this frame's hatched spans over them
    // What m_drawn and m_talkDrawn were culled for: while a lesson plays the view stays put
    // (it pages), so 10,000 comments and 50,000 segments are not culled again every frame.
    struct CullKey {
        MediaTime start;
        double scale = 0;
        float width = 0;
        uint64_t comments = ~uint64_t{0}, talk = ~uint64_t{0};
        bool operator==(const CullKey&) const = default;
    };
    CullKey m_culled;
    // One min/max pair per pixel column of the waveform row, recomputed when the view moves.
    std::vector<media::Peak> m_wave;
    MediaTime m_waveStart;
    double m_waveScale = 0;
    int m_waveColumns = 0;
    float m_waveGain = 1;
    uint64_t m_waveVersion = ~uint64_t{0};
    bool m_scrubbing = false;
    // An edge of the picked talk segment being dragged: where it was, and where it is now.
    std::optional<MediaTime> m_dragEdge;
    MediaTime m_dragTo;
};

}  // namespace ll::ui
