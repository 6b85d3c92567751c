#include "ui/timeline_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/time_text.h"
#include "ui/comments_panel.h"
#include "ui/pane.h"
#include "ui/talk_edit.h"
#include "ui/text_wrap.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

constexpr float kRulerHeight = 24;
constexpr float kRowGap = 6;
constexpr float kLabelWidth = 96;  // row names on the left
constexpr float kFoldPixels = 3;

struct Row {
    const char* name;
    float height;
};
// The rows under the ruler, top to bottom.
constexpr Row kRows[] = {{"Waveform", 26}, {"Talk time", 22}, {"Comments", 28}};
constexpr size_t kWaveRow = 0;
constexpr size_t kTalkRow = 1;

// Pixels either side of a picked talk segment's edge that grab it for dragging.
constexpr float kEdgeGrab = 5;
constexpr const char* kTalkNames[] = {"Silence", "Teacher", "Student", "Several"};
// Overlapping range comments stack in up to this many lanes of the Comments row (7 px each at 3).
constexpr int kMaxCommentLanes = 3;

// The band of the Comments row (top `cy`, height `ch`) that lane `lane` of `lanes` takes.
struct Band {
    float top, bottom;
};
Band laneBand(float cy, float ch, int lane, int lanes) {
    if (lanes <= 1) return {cy + 8, cy + ch - 8};
    const float h = (ch - 6) / static_cast<float>(lanes);
    const float top = cy + 3 + h * static_cast<float>(lane);
    return {top, top + h - 1};
}

}  // namespace

void TimelineView::rebuildTalk(App& app) {
    m_talkItems.clear();
    m_unsureItems.clear();
    m_longestTalk = MediaTime::zero();
    if (const auto& talk = app.talk()) {
        for (size_t i = 0; i < talk->segments.size(); ++i) {
            const auto& seg = talk->segments[i];
            if (seg.label == analysis::TalkLabel::Silence) continue;
            m_talkItems.push_back({seg.range.start, seg.range.end, talkLabelColor(seg.label), static_cast<int>(i)});
            if (analysis::isUnsure(seg)) m_unsureItems.push_back(m_talkItems.back());
            m_longestTalk = std::max(m_longestTalk, seg.range.duration());
        }
    }
    m_talkVersion = app.talkVersion();
}

void TimelineView::rebuildItems(App& app) {
    m_commentItems.clear();
    m_longestComment = MediaTime::zero();
    const auto& comments = app.comments();
    for (size_t i = 0; i < comments.size(); ++i) {
        const auto& c = comments[i];
        if (c.parentId) continue;  // replies live in their thread, not on the strip
        MediaTime end = c.end.value_or(c.start);
        m_commentItems.push_back({c.start, end, c.authorColor, static_cast<int>(i)});
        m_longestComment = std::max(m_longestComment, end - c.start);
    }
    std::sort(m_commentItems.begin(), m_commentItems.end(),
              [](const TimelineItem& a, const TimelineItem& b) { return a.start < b.start; });
    m_commentLanes = assignLanes(m_commentItems, kMaxCommentLanes);
    m_commentsVersion = app.commentsVersion();
}

void TimelineView::drawLegend(const jobs::TalkView& talk, const PixelRect& area, float x0, float stripW, float y) {
    // The shares under the rows, lined up with the strip. In a narrow window they start under the
    // row names instead, and where even that is too short the names go (the colours are the
    // strip's, and the Talk time tab names them).
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float textScale = 0.85f;
    const float sz = ImGui::GetFontSize() * 0.7f;
    constexpr int kOrder[] = {1, 2, 3, 0};
    char text[std::size(kOrder)][48];
    float step[std::size(kOrder)];  // from one swatch to the next
    auto layOut = [&](bool names) {
        float width = 0;
        for (size_t i = 0; i < std::size(kOrder); ++i) {
            const int label = kOrder[i];
            const double share = talk.metrics.labelShare[static_cast<size_t>(label)] * 100.0;
            if (names) std::snprintf(text[i], sizeof text[i], "%s %.0f%%", kTalkNames[label], share);
            else std::snprintf(text[i], sizeof text[i], "%.0f%%", share);
            step[i] = sz + 14 + ImGui::CalcTextSize(text[i]).x * textScale;
            width += step[i];
        }
        return width - 9;  // no gap after the last
    };
    const float left = area.x + 12, right = x0 + stripW;
    float width = layOut(true);
    if (width > right - left) width = layOut(false);
    float lx = width <= stripW ? x0 : left;
    dl->PushClipRect(ImVec2(left, y), ImVec2(right, area.y + area.h), true);
    for (size_t i = 0; i < std::size(kOrder); ++i) {
        dl->AddRectFilled(ImVec2(lx, y + 3), ImVec2(lx + sz, y + 3 + sz),
                          rgbToImU32(talkLabelColor(static_cast<analysis::TalkLabel>(kOrder[i]))), 2);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * textScale, ImVec2(lx + sz + 5, y), rgbToImU32(colors::kMuted),
                    text[i]);
        lx += step[i];
    }
    dl->PopClipRect();
}

void TimelineView::draw(App& app, const PixelRect& area) {
    auto& player = app.player();
    if (m_commentsVersion != app.commentsVersion()) rebuildItems(app);
    if (m_talkVersion != app.talkVersion()) rebuildTalk(app);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(0x1e2329));
    if (!beginPane("##timeline", area)) {
        ImGui::End();
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        return;
    }

    // --- compute ---
    const float x0 = area.x + kLabelWidth;
    const float stripW = std::max(10.f, area.w - kLabelWidth - 12);
    TimelineViewport& view = app.timelineView();
    const TimelineLimits limits = app.timelineLimits();
    if (view.width != stripW) {
        bool wasFit = view.start == MediaTime::zero() && view.end() >= limits.duration;
        view.width = stripW;
        if (wasFit || view.microsPerPixel <= 0) fitAll(view, limits);
        clampView(view, limits);
    }
    if (player.isPlaying() && !m_scrubbing) follow(view, player.position(), limits);
    const float rulerY = area.y + 6;
    float rowY[std::size(kRows)];
    {
        float y = rulerY + kRulerHeight + kRowGap;
        for (size_t i = 0; i < std::size(kRows); ++i) {
            rowY[i] = y;
            y += kRows[i].height + kRowGap;
        }
    }
    const size_t commentRow = std::size(kRows) - 1;
    const size_t talkRow = kTalkRow;
    app.setTalkStripRect({x0, rowY[talkRow], stripW, kRows[talkRow].height});
    const CullKey key{view.start, view.microsPerPixel, view.width, m_commentsVersion, m_talkVersion};
    if (!(key == m_culled)) {
        cullAndFold(m_commentItems, m_longestComment, view, kFoldPixels, m_drawn);
        cullByMajority(m_talkItems, m_longestTalk, view, m_talkDrawn);
        cullAndFold(m_unsureItems, m_longestTalk, view, 1.0f, m_unsureDrawn);
        m_culled = key;
    }
    const media::PeakPyramid* peaks = app.peaks();
    const int columns = static_cast<int>(stripW);
    if (peaks && (m_waveVersion != app.talkVersion() || m_waveStart != view.start ||
                  m_waveScale != view.microsPerPixel || m_waveColumns != columns)) {
        m_wave = peaks->peaks({view.start, view.end()}, columns);
        // Scale so the loudest moment of the lesson fills the row (quiet classroom audio would
        // otherwise be a flat line); a floor keeps near-silence from being blown up.
        auto whole = peaks->peaks({MediaTime::zero(), peaks->duration()}, 1);
        int loudest = whole.empty() ? 32767 : std::max<int>(std::abs(int(whole[0].min)), std::abs(int(whole[0].max)));
        m_waveGain = 32767.f / static_cast<float>(std::max(loudest, 2000));
        m_waveStart = view.start;
        m_waveScale = view.microsPerPixel;
        m_waveColumns = columns;
        m_waveVersion = app.talkVersion();
    } else if (!peaks) {
        m_wave.clear();
    }
    const MediaTime step = tickStep(view.microsPerPixel, 90);
    const float playX = x0 + view.timeToX(player.position());

    // --- interact ---
    ImGui::SetCursorScreenPos(ImVec2(x0, area.y));
    ImGui::InvisibleButton("##strip", ImVec2(stripW, area.h),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                               ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    const float mouseX = io.MousePos.x - x0;
    int hoveredMarker = -1;
    if (hovered) {
        float my = io.MousePos.y;
        if (my >= rowY[commentRow] - 2 && my <= rowY[commentRow] + kRows[commentRow].height + 2) {
            // Under the pointer, a pin or fold comes first (drawn over the bars, across the whole
            // row), then a range on the pointer's lane, then one on another lane; the later of
            // equals wins.
            int best = 0;
            for (size_t i = 0; i < m_drawn.size(); ++i) {
                const auto& d = m_drawn[i];
                if (mouseX < d.x0 - 4 || mouseX > std::max(d.x1, d.x0) + 4) continue;
                int rank = 3;
                if (!d.isPoint && d.count == 1) {
                    const Band b = laneBand(rowY[commentRow], kRows[commentRow].height, d.lane, m_commentLanes);
                    rank = m_commentLanes <= 1 || (my >= b.top - 1 && my <= b.bottom + 1) ? 2 : 1;
                }
                if (rank >= best) {
                    best = rank;
                    hoveredMarker = static_cast<int>(i);
                }
            }
        }
        if (io.MouseWheel != 0) {
            if (io.KeyShift) panBy(view, -io.MouseWheel * stripW * 0.1f, limits);
            else zoomAt(view, std::pow(1.25, io.MouseWheel), mouseX, limits);
        }
        if (io.MouseWheelH != 0) panBy(view, -io.MouseWheelH * stripW * 0.1f, limits);
    }
    // The talk row: a click picks the segment under it; the picked segment's inner edges drag.
    const auto& talk = app.talk();
    const bool overTalk = hovered && talk && io.MousePos.y >= rowY[talkRow] - 2 &&
                          io.MousePos.y <= rowY[talkRow] + kRows[talkRow].height + 2;
    std::optional<MediaTime> hoveredEdge;
    if (overTalk && app.talkSelection && !m_dragEdge) {
        const auto& segs = talk->segments;
        for (MediaTime edge : {app.talkSelection->start, app.talkSelection->end}) {
            const bool inner = edge > segs.front().range.start && edge < segs.back().range.end;
            if (inner && std::abs(view.timeToX(edge) - mouseX) <= kEdgeGrab) hoveredEdge = edge;
        }
    }
    if (hoveredEdge || m_dragEdge) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive() &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0)))
        panBy(view, -io.MouseDelta.x, limits);
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
        if (hoveredMarker >= 0) {
            const auto& d = m_drawn[static_cast<size_t>(hoveredMarker)];
            const auto& c = app.comments()[static_cast<size_t>(d.firstIndex)];
            app.invoke("seek", {formatSeconds(c.start, 6)});
            app.commentsPanel().select(c.id);
        } else if (hoveredEdge) {
            m_dragEdge = *hoveredEdge;
            m_dragTo = *hoveredEdge;
        } else {
            if (overTalk) app.invoke("talk-select", {formatSeconds(view.xToTime(std::clamp(mouseX, 0.f, stripW)), 6)});
            m_scrubbing = true;
        }
    }
    if (m_dragEdge) {
        m_dragTo = std::clamp(view.xToTime(std::clamp(mouseX, 0.f, stripW)), MediaTime::zero(), limits.duration);
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            // Dropped: the same command a script uses, so the correction is stored and undoable.
            if (std::abs(view.timeToX(m_dragTo) - view.timeToX(*m_dragEdge)) >= 1.0f)
                app.invoke("talk-move-edge", {formatSeconds(*m_dragEdge, 6), formatSeconds(m_dragTo, 6)});
            m_dragEdge.reset();
        }
    }
    if (m_scrubbing) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            MediaTime t = view.xToTime(std::clamp(mouseX, 0.f, stripW));
            if (std::abs(view.timeToX(t) - (playX - x0)) >= 1.0f || !player.isBusy())
                player.seek(t);
        } else {
            m_scrubbing = false;
        }
    }

    // --- draw ---
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 muted = rgbToImU32(colors::kMuted);
    const ImU32 faint = rgbToImU32(0x39414a);
    dl->PushClipRect(ImVec2(area.x, area.y), ImVec2(area.x + area.w, area.y + area.h), true);
    // Row backgrounds and names.
    for (size_t i = 0; i < std::size(kRows); ++i) {
        dl->AddRectFilled(ImVec2(x0, rowY[i]), ImVec2(x0 + stripW, rowY[i] + kRows[i].height),
                          rgbToImU32(0x262c33), 3);
        dl->AddText(ImVec2(area.x + 12, rowY[i] + (kRows[i].height - ImGui::GetFontSize()) / 2), muted,
                    kRows[i].name);
    }
    const char* pending = "not analysed yet (View \u25B8 Analyse talk time)";
    for (size_t i = 0; i + 1 < std::size(kRows); ++i)
        if ((i == talkRow && !app.talk()) || (i == kWaveRow && !peaks))
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f,
                    ImVec2(x0 + 8, rowY[i] + (kRows[i].height - ImGui::GetFontSize() * 0.85f) / 2),
                    rgbToImU32(0x5c6670), pending);
    // Ruler.
    const MediaTime firstTick = MediaTime::fromMicros((view.start.micros() / step.micros()) * step.micros());
    const int decimals = step < 1_s ? (step < 100_ms ? 2 : 1) : 0;
    for (MediaTime t = firstTick; t <= view.end(); t += step) {
        float x = x0 + view.timeToX(t);
        if (x < x0 - 1) continue;
        dl->AddLine(ImVec2(x, rulerY + kRulerHeight - 7), ImVec2(x, rulerY + kRulerHeight), muted);
        dl->AddLine(ImVec2(x, rulerY + kRulerHeight + 2), ImVec2(x, rowY[commentRow] + kRows[commentRow].height),
                    faint);
        std::string label = formatTime(t, decimals);
        if (x + ImGui::CalcTextSize(label.c_str()).x * 0.85f > x0 + stripW) continue;
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, ImVec2(x + 3, rulerY), muted, label.c_str());
    }
    // In/out marks.
    if (app.markIn || app.markOut) {
        MediaTime a = app.markIn.value_or(view.start);
        MediaTime b = app.markOut.value_or(player.position());
        if (b < a) std::swap(a, b);
        dl->AddRectFilled(ImVec2(x0 + std::max(0.f, view.timeToX(a)), rulerY + kRulerHeight - 4),
                          ImVec2(x0 + std::min(stripW, view.timeToX(b)), rulerY + kRulerHeight),
                          rgbToImU32(colors::kRangeMark, 0.9f));
    }
    // Past where a cut-short file stops: hatched across the rows, nothing there to play.
    if (const auto& cut = app.endsEarlyAt()) {
        const float a = x0 + std::max(0.f, view.timeToX(*cut));
        const float b = x0 + std::min(stripW, view.timeToX(limits.duration));
        if (b > a) {
            const float top = rulerY + kRulerHeight + 2, bottom = rowY[commentRow] + kRows[commentRow].height;
            dl->PushClipRect(ImVec2(a, top), ImVec2(b, bottom), true);
            dl->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), IM_COL32(10, 12, 14, 170));
            for (float x = a - (bottom - top); x < b; x += 10)
                dl->AddLine(ImVec2(x, bottom), ImVec2(x + (bottom - top), top), rgbToImU32(colors::kMuted, 0.35f));
            const char* label = "the file stops here; the rest is missing";
            if (ImGui::CalcTextSize(label).x * 0.85f + 12 < b - a)
                dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, ImVec2(a + 6, rowY[kTalkRow] + 3), muted,
                            label);
            dl->PopClipRect();
        }
    }
    // A looped stretch: a band along the ruler's foot and its two ends down through the rows.
    if (app.loop) {
        const float a = x0 + std::max(-1.f, view.timeToX(app.loop->start));
        const float b = x0 + std::min(stripW + 1, view.timeToX(app.loop->end));
        if (b > x0 && a < x0 + stripW) {
            const ImU32 col = rgbToImU32(colors::kAccent);
            dl->AddRectFilled(ImVec2(a, rulerY + kRulerHeight - 4), ImVec2(b, rulerY + kRulerHeight), col);
            for (float x : {a, b})
                if (x >= x0 && x <= x0 + stripW)
                    dl->AddLine(ImVec2(x, rulerY + kRulerHeight - 4), ImVec2(x, rowY[commentRow] + kRows[commentRow].height),
                                rgbToImU32(colors::kAccent, 0.7f), 1.5f);
        }
    }
    // Items are clipped to the strip so ones just outside the view never cover the row names.
    dl->PushClipRect(ImVec2(x0 - 1, area.y), ImVec2(x0 + stripW + 1, area.y + area.h), true);
    // Waveform: a min/max bar per pixel column.
    if (!m_wave.empty()) {
        const float mid = rowY[kWaveRow] + kRows[kWaveRow].height / 2;
        const float half = kRows[kWaveRow].height / 2 - 1;
        const ImU32 waveColor = rgbToImU32(0x8fa3b8, 0.9f);
        for (size_t i = 0; i < m_wave.size(); ++i) {
            float top = mid - std::min(half, half * m_waveGain * static_cast<float>(m_wave[i].max) / 32767.f);
            float bottom = mid - std::max(-half, half * m_waveGain * static_cast<float>(m_wave[i].min) / 32767.f);
            if (bottom - top < 1) bottom = top + 1;
            float x = x0 + static_cast<float>(i);
            dl->AddRectFilled(ImVec2(x, top), ImVec2(x + 1, bottom), waveColor);
        }
    }
    // Talk time: a span per segment, coloured by label; where segments are narrower than a
    // pixel, each pixel shows the label that covers most of it.
    for (const auto& d : m_talkDrawn) {
        float xa = x0 + std::max(d.x0, 0.f), xb = x0 + std::min(std::max(d.x1, d.x0 + 1.f), stripW);
        if (xb > xa)
            dl->AddRectFilled(ImVec2(xa, rowY[talkRow] + 2), ImVec2(xb, rowY[talkRow] + kRows[talkRow].height - 2),
                              rgbToImU32(d.color, 0.9f));
    }
    // Talk the analysis is unsure of (U jumps to it): dark diagonal hatching over its colour.
    {
        const float ty = rowY[talkRow] + 2, tb = rowY[talkRow] + kRows[talkRow].height - 2;
        const ImU32 hatch = IM_COL32(20, 22, 26, 150);
        for (const auto& d : m_unsureDrawn) {
            const float xa = x0 + std::max(d.x0, 0.f);
            const float xb = x0 + std::min(std::max(d.x1, d.x0 + 2.f), stripW);
            if (xb <= xa) continue;
            // 45-degree stripes, cut to the span here rather than by a clip rectangle (one draw
            // command for them all), and anchored to the strip so they stay put as it pages.
            const float h = tb - ty;
            for (float hx = x0 + std::floor((xa - h - x0) / 6) * 6; hx < xb; hx += 6) {
                const float a = std::max(hx, xa), b = std::min(hx + h, xb);
                if (b > a) dl->AddLine(ImVec2(a, tb - (a - hx)), ImVec2(b, tb - (b - hx)), hatch, 1.5f);
            }
        }
    }
    // The picked talk segment: an outline with handles on its edges; a dragged edge follows the
    // pointer until it is dropped.
    if (talk && app.talkSelection) {
        MediaTime a = app.talkSelection->start, b = app.talkSelection->end;
        if (m_dragEdge) {
            if (*m_dragEdge == a) a = m_dragTo;
            else b = m_dragTo;
            if (b < a) std::swap(a, b);
        }
        const float xa = x0 + view.timeToX(a), xb = x0 + view.timeToX(b);
        const float ty = rowY[talkRow], th = kRows[talkRow].height;
        dl->AddRect(ImVec2(xa - 1, ty), ImVec2(std::max(xb, xa + 2) + 1, ty + th), IM_COL32(255, 255, 255, 230), 2, 0, 2);
        for (float ex : {xa, xb}) dl->AddRectFilled(ImVec2(ex - 2, ty - 3), ImVec2(ex + 2, ty + th + 3), IM_COL32(255, 255, 255, 255), 1);
        if (m_dragEdge) {
            std::string label = formatTime(m_dragTo, 1);
            const float lx = x0 + view.timeToX(m_dragTo) + 6;
            dl->AddRectFilled(ImVec2(lx - 3, ty - 20), ImVec2(lx + ImGui::CalcTextSize(label.c_str()).x + 3, ty - 2),
                              IM_COL32(16, 18, 22, 230), 3);
            dl->AddText(ImVec2(lx, ty - 19), IM_COL32(255, 255, 255, 255), label.c_str());
        }
    }
    // Comment markers: ranges as bars, points as pins; folds drawn slightly wider.
    const float cy = rowY[commentRow];
    const float ch = kRows[commentRow].height;
    // More markers than fit side by side (a dense lesson seen whole): plain bars, no pins, rounding
    // or counts. A pin is ~70 vertices and software GL pays per triangle: 700 pins cost 30 ms.
    const bool denseMarkers = static_cast<float>(m_drawn.size()) > stripW / 12;
    for (size_t i = 0; i < m_drawn.size(); ++i) {
        const auto& d = m_drawn[i];
        ImU32 col = rgbToImU32(d.color, static_cast<int>(i) == hoveredMarker ? 1.0f : 0.85f);
        if (denseMarkers) {
            const bool pin = d.isPoint || d.count > 1;
            float xa = x0 + std::max(d.x0, -2.f), xb = x0 + std::min(std::max(d.x1, d.x0 + 2.f), stripW + 2);
            const Band b = pin ? Band{cy + 3, cy + ch - 3} : laneBand(cy, ch, d.lane, m_commentLanes);
            dl->AddRectFilled(ImVec2(pin ? xa - 1 : xa, b.top), ImVec2(xb, b.bottom), pin ? col : rgbToImU32(d.color, 0.45f));
        } else if (d.isPoint || d.count > 1) {
            float xa = x0 + d.x0, xb = x0 + std::max(d.x1, d.x0);
            dl->AddRectFilled(ImVec2(xa - 2, cy + 3), ImVec2(xb + 2, cy + ch - 3), col, 2);
            dl->AddCircleFilled(ImVec2((xa + xb) / 2, cy + 5), 5, col);
            if (d.count > 1) {
                char n[12];
                std::snprintf(n, sizeof n, "%d", d.count);
                dl->AddText(ImVec2(xb + 4, cy + (ch - ImGui::GetFontSize()) / 2), muted, n);
            }
        } else {
            float xa = x0 + std::max(d.x0, -2.f), xb = x0 + std::min(d.x1, stripW + 2);
            const Band b = laneBand(cy, ch, d.lane, m_commentLanes);
            const Band tick = m_commentLanes <= 1 ? Band{cy + 3, cy + ch - 3} : b;
            dl->AddRectFilled(ImVec2(xa, b.top), ImVec2(xb, b.bottom), rgbToImU32(d.color, 0.45f), 2);
            dl->AddRectFilled(ImVec2(xa, tick.top), ImVec2(xa + 3, tick.bottom), col, 1);
        }
    }
    dl->PopClipRect();
    if (talk) drawLegend(*talk, area, x0, stripW, rowY[commentRow] + kRows[commentRow].height + 5);
    // Playhead.
    // (drawn after the pane, in a window of its own: see drawPlayhead)
    const bool playheadVisible = playX >= x0 && playX <= x0 + stripW;
    dl->PopClipRect();

    if (hoveredMarker >= 0) {
        const auto& d = m_drawn[static_cast<size_t>(hoveredMarker)];
        const auto& c = app.comments()[static_cast<size_t>(d.firstIndex)];
        ImGui::BeginTooltip();
        ImGui::TextColored(rgbToVec4(c.authorColor), "%s", c.authorName.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s  %s", formatTime(c.start, 1).c_str(), std::string(store::toString(c.kind)).c_str());
        textWrappedAtSpaces(c.text, ImGui::GetFontSize() * 24 - ImGui::GetCursorPosX());
        if (d.count > 1) ImGui::TextDisabled("and %d more here; zoom in to separate them", d.count - 1);
        ImGui::EndTooltip();
    } else if (overTalk && talk && !m_dragEdge && !m_scrubbing) {
        // Which stretch is under the pointer, and what can be done with it.
        const int i = segmentAt(talk->segments, view.xToTime(mouseX));
        if (i >= 0) {
            const auto& seg = talk->segments[static_cast<size_t>(i)];
            ImGui::BeginTooltip();
            ImGui::TextColored(rgbToVec4(seg.label == analysis::TalkLabel::Silence ? 0xadbac7 : talkLabelColor(seg.label)),
                               "%s", talkLabelName(seg.label));
            ImGui::SameLine();
            ImGui::TextDisabled("%s \u2192 %s", formatTime(seg.range.start, 1).c_str(), formatTime(seg.range.end, 1).c_str());
            if (analysis::isUnsure(seg))
                ImGui::TextDisabled("The analysis is unsure of this (%.0f %% sure): listen, then keep or relabel it",
                                    static_cast<double>(seg.confidence) * 100.0);
            ImGui::TextDisabled(hoveredEdge ? "Drag to move this edge" : "Click to pick it; then 1-4 relabel it");
            ImGui::EndTooltip();
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    if (playheadVisible) drawPlayhead(area, playX, rulerY, rowY[commentRow] + kRows[commentRow].height);
}

// The playhead lives in a click-through window of its own over the timeline, so while a lesson
// plays only its thin draw list changes from frame to frame: the UI compositor then redraws a
// few pixels around the line instead of the whole timeline (software GL pays per pixel).
void TimelineView::drawPlayhead(const PixelRect& area, float playX, float rulerY, float lanesBottom) {
    ImGui::SetNextWindowPos(ImVec2(area.x, area.y));
    ImGui::SetNextWindowSize(ImVec2(area.w, area.h));
    // Not kPaneFlags: a NoBringToFrontOnFocus window starts at the back, under the timeline.
    constexpr ImGuiWindowFlags kOverlay = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground |
                                          ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##playhead", nullptr, kOverlay)) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImU32 ph = rgbToImU32(colors::kPlayhead);
        // Down to the last lane, not through the legend under it.
        dl->AddLine(ImVec2(playX, rulerY), ImVec2(playX, std::min(lanesBottom, area.y + area.h - 4)), ph, 2);
        dl->AddTriangleFilled(ImVec2(playX - 6, rulerY), ImVec2(playX + 6, rulerY), ImVec2(playX, rulerY + 8), ph);
    }
    ImGui::End();
}

}  // namespace ll::ui
