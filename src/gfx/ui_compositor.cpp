#include "gfx/ui_compositor.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"

namespace ll::gfx {
namespace {

// A fast 64-bit hash of bytes, 8 at a time (the same input always gives the same value; that
// is all change detection needs).
uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

uint64_t hashBytes(uint64_t h, const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t v;
        std::memcpy(&v, p + i, 8);
        h = mix(h, v);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, size - i);
    return mix(h, tail ^ size);
}

uint64_t floatBits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

bool isUserCallback(const ImDrawCmd& cmd) {
    return cmd.UserCallback != nullptr && cmd.UserCallback != ImDrawCallback_ResetRenderState;
}

}  // namespace

UiCompositor::Rect UiCompositor::unite(const Rect& a, const Rect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

UiCompositor::Rect UiCompositor::intersect(const Rect& a, const Rect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

bool UiCompositor::overlaps(const Rect& a, const Rect& b) { return !intersect(a, b).empty(); }

bool UiCompositor::ensureTarget(int width, int height) {
    if (m_fbo && m_width == width && m_height == height) return false;
    m_color = makeTexture();
    glBindTexture(GL_TEXTURE_2D, m_color.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    m_fbo = makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_color.get(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) m_fbo.reset();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    m_width = width;
    m_height = height;
    m_previous.clear();
    return true;
}

void UiCompositor::render(ImDrawData* data, int fbWidth, int fbHeight, bool callbacksChanged, bool full,
                          int backBufferAge) {
    if (!data || fbWidth <= 0 || fbHeight <= 0) return;
    const float r = static_cast<float>((m_clearRgb >> 16) & 0xff) / 255.f;
    const float g = static_cast<float>((m_clearRgb >> 8) & 0xff) / 255.f;
    const float b = static_cast<float>(m_clearRgb & 0xff) / 255.f;
    full |= ensureTarget(fbWidth, fbHeight);
    // Is the marker written before the last swap still in the back buffer?
    if (!m_keptDecided && m_marker[3]) {
        uint8_t px[4] = {};
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glReadBuffer(GL_BACK);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        if (px[0] == m_marker[0] && px[1] == m_marker[1] && px[2] == m_marker[2]) {
            if (++m_keptProbes >= 3) m_keptDecided = m_kept = true;
        } else {
            m_keptDecided = true;
        }
        m_marker[3] = 0;
    }
    // Straight into the window when its back buffer still holds the last frame; else into our
    // own copy, which must then hold the last frame too.
    const bool direct = backBufferAge == 1 || (m_keptDecided && m_kept);
    if (!direct && !m_fboCurrent) full = true;
    if (direct && !m_lastDirect) full = true;  // the probe's marker pixel goes too
    m_lastDirect = direct;
    if (!m_fbo) {  // no offscreen target on this GL: draw everything, every frame
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, fbWidth, fbHeight);
        glClearColor(r, g, b, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(data);
        m_lastShare = 1.0;
        return;
    }
    const Rect display{data->DisplayPos.x, data->DisplayPos.y, data->DisplayPos.x + data->DisplaySize.x,
                       data->DisplayPos.y + data->DisplaySize.y};

    // --- what changed ---
    m_current.clear();
    std::vector<Rect> callbacks;
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        ListState s;
        s.owner = list->_OwnerName ? list->_OwnerName : "";
        uint64_t h = hashBytes(0, list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        h = hashBytes(h, list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            for (float f : {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w}) h = mix(h, floatBits(f));
            h = mix(h, reinterpret_cast<uintptr_t>(cmd.TextureId));
            h = mix(h, (uint64_t{cmd.VtxOffset} << 32) ^ cmd.IdxOffset);
            h = mix(h, cmd.ElemCount);
            h = mix(h, reinterpret_cast<uintptr_t>(cmd.UserCallback));
            h = mix(h, reinterpret_cast<uintptr_t>(cmd.UserCallbackData));
            if (isUserCallback(cmd)) {
                Rect clip = intersect({cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w}, display);
                if (!clip.empty()) callbacks.push_back(clip);
                s.bounds = unite(s.bounds, clip);
            }
        }
        // Where the list draws: its vertices' extent (clip rectangles of top-level windows are
        // the whole screen, so they say little). One pixel of margin for anti-aliasing fringes.
        if (list->VtxBuffer.Size > 0) {
            Rect v{list->VtxBuffer[0].pos.x, list->VtxBuffer[0].pos.y, list->VtxBuffer[0].pos.x, list->VtxBuffer[0].pos.y};
            for (const ImDrawVert& vert : list->VtxBuffer) {
                v.x0 = std::min(v.x0, vert.pos.x);
                v.y0 = std::min(v.y0, vert.pos.y);
                v.x1 = std::max(v.x1, vert.pos.x);
                v.y1 = std::max(v.y1, vert.pos.y);
            }
            s.bounds = unite(s.bounds, intersect({v.x0 - 1, v.y0 - 1, v.x1 + 1, v.y1 + 1}, display));
        }
        s.hash = h;
        m_current.push_back(std::move(s));
    }
    m_damage.clear();
    for (size_t i = 0; i < m_current.size() && !full; ++i)
        for (size_t j = i + 1; j < m_current.size(); ++j)
            if (m_current[i].owner == m_current[j].owner) full = true;  // cannot pair lists up
    if (!full) {
        // Lists present in both frames must keep their order, or overlaps could change anywhere.
        std::vector<const ListState*> before, after;
        for (const auto& p : m_previous) {
            auto it = std::find_if(m_current.begin(), m_current.end(), [&](const ListState& c) { return c.owner == p.owner; });
            if (it == m_current.end()) m_damage.push_back(p.bounds);  // vanished
            else before.push_back(&p);
        }
        for (const auto& c : m_current) {
            auto it = std::find_if(m_previous.begin(), m_previous.end(), [&](const ListState& p) { return p.owner == c.owner; });
            if (it == m_previous.end()) m_damage.push_back(c.bounds);  // appeared
            else after.push_back(&*it);
        }
        if (before != after) full = true;
        for (const auto& c : m_current) {
            auto it = std::find_if(m_previous.begin(), m_previous.end(), [&](const ListState& p) { return p.owner == c.owner; });
            if (it != m_previous.end() && it->hash != c.hash) m_damage.push_back(unite(it->bounds, c.bounds));
        }
    }
    if (callbacksChanged) m_damage.insert(m_damage.end(), callbacks.begin(), callbacks.end());
    // Whole pixels, inside the display.
    for (Rect& d : m_damage) {
        d = intersect({std::floor(d.x0), std::floor(d.y0), std::ceil(d.x1), std::ceil(d.y1)}, display);
    }
    m_damage.erase(std::remove_if(m_damage.begin(), m_damage.end(), [](const Rect& d) { return d.empty(); }),
                   m_damage.end());
    // Overlapping rectangles merge; a callback draws its whole rectangle, so damage touching one
    // takes all of it. Repeat until neither changes anything (merging can reach a callback).
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < m_damage.size() && !changed; ++i) {
            for (const Rect& c : callbacks) {
                const Rect cr = intersect({std::floor(c.x0), std::floor(c.y0), std::ceil(c.x1), std::ceil(c.y1)}, display);
                if (overlaps(m_damage[i], cr) && unite(m_damage[i], cr).area() > m_damage[i].area()) {
                    m_damage[i] = unite(m_damage[i], cr);
                    changed = true;
                    break;
                }
            }
            for (size_t j = i + 1; j < m_damage.size() && !changed; ++j) {
                if (overlaps(m_damage[i], m_damage[j])) {
                    m_damage[i] = unite(m_damage[i], m_damage[j]);
                    m_damage.erase(m_damage.begin() + static_cast<std::ptrdiff_t>(j));
                    changed = true;
                }
            }
        }
    }
    float damaged = 0;
    for (const Rect& d : m_damage) damaged += d.area();
    if (full || damaged > 0.7f * display.area()) {
        m_damage.assign(1, display);
        damaged = display.area();
    }
    m_lastShare = display.area() > 0 ? damaged / display.area() : 1.0;
    m_previous.swap(m_current);

    // --- redraw the damage ---
    glBindFramebuffer(GL_FRAMEBUFFER, direct ? 0 : m_fbo.get());
    glViewport(0, 0, fbWidth, fbHeight);
    const ImVec2 scale = data->FramebufferScale;
    std::vector<ImVec4> savedClips;
    std::vector<ImDrawCallback> savedCallbacks;
    for (const Rect& d : m_damage) {
        const int x0 = static_cast<int>(std::floor((d.x0 - display.x0) * scale.x));
        const int x1 = static_cast<int>(std::ceil((d.x1 - display.x0) * scale.x));
        const int y0 = static_cast<int>(std::floor((d.y0 - display.y0) * scale.y));
        const int y1 = static_cast<int>(std::ceil((d.y1 - display.y0) * scale.y));
        glEnable(GL_SCISSOR_TEST);
        glScissor(x0, fbHeight - y1, x1 - x0, y1 - y0);
        glClearColor(r, g, b, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        // Every command clipped to this rectangle; callbacks outside it skipped.
        savedClips.clear();
        savedCallbacks.clear();
        for (int i = 0; i < data->CmdListsCount; ++i) {
            for (ImDrawCmd& cmd : data->CmdLists[i]->CmdBuffer) {
                savedClips.push_back(cmd.ClipRect);
                savedCallbacks.push_back(cmd.UserCallback);
                Rect c = intersect({cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w}, d);
                cmd.ClipRect = c.empty() ? ImVec4(0, 0, 0, 0) : ImVec4(c.x0, c.y0, c.x1, c.y1);
                if (isUserCallback(cmd) && c.empty()) cmd.UserCallback = nullptr;
            }
        }
        ImGui_ImplOpenGL3_RenderDrawData(data);
        size_t k = 0;
        for (int i = 0; i < data->CmdListsCount; ++i) {
            for (ImDrawCmd& cmd : data->CmdLists[i]->CmdBuffer) {
                cmd.ClipRect = savedClips[k];
                cmd.UserCallback = savedCallbacks[k];
                ++k;
            }
        }
    }
    m_fboCurrent = !direct;
    if (direct) return;
    // The window gets the whole picture each frame: its back buffer is not kept between swaps.
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, fbWidth, fbHeight, 0, 0, fbWidth, fbHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (!m_keptDecided) {
        // A marker one step away from the background in the bottom-left pixel, different each
        // frame; the next render() reads it back.
        m_marker[0] = static_cast<uint8_t>((m_clearRgb >> 16) & 0xff);
        m_marker[1] = static_cast<uint8_t>((m_clearRgb >> 8) & 0xff);
        m_marker[2] = static_cast<uint8_t>(((m_clearRgb & 0xff) + 1 + m_keptProbes) & 0xff);
        m_marker[3] = 1;
        glEnable(GL_SCISSOR_TEST);
        glScissor(0, 0, 1, 1);
        glClearColor(m_marker[0] / 255.f, m_marker[1] / 255.f, m_marker[2] / 255.f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
    }
}

}  // namespace ll::gfx
