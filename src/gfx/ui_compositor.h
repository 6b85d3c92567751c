#pragma once
// Draws ImGui's frame into a persistent offscreen framebuffer, re-rendering only the rectangles
// whose draw lists changed since the last frame (and where the video picture changed), then
// copies the whole framebuffer to the window. While a video plays, the comment list, menus and
// status line stay as they were instead of being re-rasterized 30 times a second; on software
// GL (llvmpipe) rasterizing is most of a frame's cost.
//
// A draw list is compared by its vertices, indices and commands (a 64-bit hash); a list that
// appears, vanishes or changes damages its old and new bounds; a change in the order of lists
// damages everything. Every pass renders all lists with their clip rectangles cut to the damage,
// so overlapping windows stay correct. User callbacks (the video) are redrawn whole whenever
// any damage touches them. Owned by the UI thread (GL context).

#include <cstdint>
#include <string>
#include <vector>

#include "gfx/gl_objects.h"

struct ImDrawData;

namespace ll::gfx {

class UiCompositor {
public:
    // `clear` is the colour behind everything (framebuffer space), 0xRRGGBB.
    explicit UiCompositor(uint32_t clearRgb) : m_clearRgb(clearRgb) {}

    // Renders `data` (after ImGui::Render) into the window's framebuffer 0 of
    // `fbWidth` x `fbHeight` pixels. `callbacksChanged`: what user callbacks draw changed (a new
    // video frame) even though the draw lists did not. `full`: redraw everything.
    // `backBufferAge` (gfx::backBufferAge): 1 lets the damage be drawn straight into the window's
    // back buffer, saving the copy of the whole window (5 ms a frame on llvmpipe at 1280x800).
    void render(ImDrawData* data, int fbWidth, int fbHeight, bool callbacksChanged, bool full = false,
                int backBufferAge = 0);

    // Share of the window re-rasterized by the last render(), 0..1 (for --stats).
    double lastDamagedShare() const { return m_lastShare; }
    // The last render() drew straight into the window's kept back buffer (no full-window copy).
    bool lastDrewDirect() const { return m_lastDirect; }

private:
    struct Rect {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // ImGui display coordinates
        bool empty() const { return x1 <= x0 || y1 <= y0; }
        float area() const { return empty() ? 0.f : (x1 - x0) * (y1 - y0); }
    };
    struct ListState {
        std::string owner;
        uint64_t hash = 0;
        Rect bounds;
    };
    static Rect unite(const Rect& a, const Rect& b);
    static Rect intersect(const Rect& a, const Rect& b);
    static bool overlaps(const Rect& a, const Rect& b);
    bool ensureTarget(int width, int height);

    uint32_t m_clearRgb;
    GlFramebuffer m_fbo;
    GlTexture m_color;
    int m_width = 0, m_height = 0;
    bool m_fboCurrent = false;  // the offscreen target holds the last frame
    bool m_lastDirect = false;  // the last frame was drawn straight into the window
    // Whether the window's back buffer keeps the last frame, found out over the first frames by
    // writing a marker pixel before a swap and reading it back after (for drivers, like Mesa's
    // software GL under X, that keep it without saying so through GLX_EXT_buffer_age).
    int m_keptProbes = 0;       // markers read back intact so far
    bool m_keptDecided = false;
    bool m_kept = false;
    uint8_t m_marker[4] = {};   // the marker written before the last swap; [3] 1 when written
    std::vector<ListState> m_previous;
    std::vector<ListState> m_current;  // reused between frames
    std::vector<Rect> m_damage;
    double m_lastShare = 1.0;
};

}  // namespace ll::gfx
