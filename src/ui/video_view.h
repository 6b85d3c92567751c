#pragma once
// The picture: the current frame fitted into its pane with the aspect ratio kept (rotation is
// already applied by gfx::VideoRenderer), on black; a hint when nothing is open.
// UI thread.

#include "imgui.h"
#include "ui/app.h"

namespace ll::ui {

class VideoView {
public:
    void draw(App& app, const PixelRect& area);

private:
    struct Target {
        const gfx::VideoRenderer* renderer = nullptr;
        PixelRect rect;  // window coordinates
    };
    static void drawCallback(const ImDrawList* list, const ImDrawCmd* cmd);
    Target m_target;  // read by the draw callback during ImGui's render
};

// The largest rectangle of aspect `w:h` centred in `area` (whole pixels).
PixelRect fitRect(const PixelRect& area, int w, int h);

}  // namespace ll::ui
