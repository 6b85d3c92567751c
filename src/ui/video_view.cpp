#include "ui/video_view.h"

#include <cmath>

#include "core/time_text.h"
#include "ui/pane.h"
#include "ui/theme.h"

namespace ll::ui {

PixelRect fitRect(const PixelRect& area, int w, int h) {
    if (w <= 0 || h <= 0 || area.w <= 0 || area.h <= 0) return area;
    float scale = std::min(area.w / static_cast<float>(w), area.h / static_cast<float>(h));
    float fw = std::floor(static_cast<float>(w) * scale);
    float fh = std::floor(static_cast<float>(h) * scale);
    return {std::floor(area.x + (area.w - fw) / 2), std::floor(area.y + (area.h - fh) / 2), fw, fh};
}

void VideoView::drawCallback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* target = static_cast<const Target*>(cmd->UserCallbackData);
    const ImDrawData* data = ImGui::GetDrawData();
    if (!target || !target->renderer || !data) return;
    // Window coordinates to framebuffer pixels, bottom-left origin.
    const ImVec2 scale = data->FramebufferScale;
    const float fbHeight = data->DisplaySize.y * scale.y;
    const PixelRect& r = target->rect;
    int x = static_cast<int>((r.x - data->DisplayPos.x) * scale.x + 0.5f);
    int w = static_cast<int>(r.w * scale.x + 0.5f);
    int h = static_cast<int>(r.h * scale.y + 0.5f);
    int y = static_cast<int>(fbHeight - (r.y - data->DisplayPos.y) * scale.y + 0.5f) - h;
    target->renderer->draw(x, y, w, h);
}

void VideoView::draw(App& app, const PixelRect& area) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(colors::kVideoBackground));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    if (beginPane("##video", area)) {
        gfx::VideoRenderer* r = app.renderer();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (r && r->hasPicture()) {
            PixelRect fit = fitRect(area, r->width(), r->height());
            app.setVideoRect(fit);
            // The shader draws straight into the window in the middle of ImGui's draw list, at
            // the size shown; ImGui then resets its own GL state.
            m_target = {r, fit};
            dl->AddCallback(&VideoView::drawCallback, &m_target);
            dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
        } else if (!app.player().hasVideo() && app.player().isOpen()) {
            app.setVideoRect({});
            const char* text = "Sound only";
            ImVec2 ts = ImGui::CalcTextSize(text);
            dl->AddText(ImVec2(area.x + (area.w - ts.x) / 2, area.y + (area.h - ts.y) / 2),
                        rgbToImU32(colors::kMuted), text);
        }
        // Click on the picture toggles play, as in every player.
        ImGui::SetCursorScreenPos(ImVec2(area.x, area.y));
        ImGui::InvisibleButton("##picture", ImVec2(std::max(area.w, 1.f), std::max(area.h, 1.f)));
        if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) app.invoke("toggle-play");
        // In/out marks as a subtle badge.
        if (app.markIn || app.markOut) {
            std::string badge = "Range " + (app.markIn ? formatTime(*app.markIn, 1) : std::string("…")) +
                                " \u2192 " + (app.markOut ? formatTime(*app.markOut, 1) : std::string("…"));
            ImVec2 ts = ImGui::CalcTextSize(badge.c_str());
            ImVec2 p(area.x + area.w - ts.x - 28, area.y + area.h - ts.y - 20);
            dl->AddRectFilled(p, ImVec2(p.x + ts.x + 16, p.y + ts.y + 8), IM_COL32(0, 0, 0, 170), 4);
            dl->AddText(ImVec2(p.x + 8, p.y + 4), rgbToImU32(colors::kRangeMark), badge.c_str());
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace ll::ui
