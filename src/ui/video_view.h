#pragma once
// The picture: the current frame fitted into its pane with the aspect ratio kept (rotation is
// already applied by gfx::VideoRenderer), on black, with the pins of the comments at the
// playhead; a large waveform (coloured by who talks) for sound-only clips; a hint when nothing
// is open. While a comment is being written, a click on the picture pins it there.
// UI thread.

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "imgui.h"
#include "media/peak_pyramid.h"
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
    void drawPins(App& app, const PixelRect& picture);
    void drawSoundOnly(App& app, const PixelRect& area);
    Target m_target;  // read by the draw callback during ImGui's render

    // The sound-only waveform: one min/max pair and colour per pixel column, rebuilt when the
    // width, the peaks or the talk segments change.
    std::vector<media::Peak> m_wave;
    std::vector<uint32_t> m_waveColors;
    int m_waveColumns = 0;
    uint64_t m_waveVersion = ~uint64_t{0};
    float m_waveGain = 1;
};

// The largest rectangle of aspect `w:h` centred in `area` (whole pixels).
PixelRect fitRect(const PixelRect& area, int w, int h);

// The range badge ("Range 0:25.0 → 0:30.0") for text `textW` x `textH`: in the bottom-right
// corner of the picture, inside it, or of the pane when there is no picture to hold it.
inline constexpr float kBadgePadX = 8, kBadgePadY = 4;
PixelRect rangeBadgeRect(const PixelRect& area, const std::optional<PixelRect>& picture, float textW,
                         float textH);

// A pin: a point on the picture, 0..1 across and down (independent of the size shown).
using Pin = std::pair<float, float>;
// The window position (x, y) on `picture` as a pin; nullopt outside it.
std::optional<Pin> pictureToPin(const PixelRect& picture, float x, float y);
// The pin's window position on `picture`.
ImVec2 pinToPicture(const PixelRect& picture, Pin pin);
// "0.25,0.75" (spaces allowed) to a pin; both numbers in 0..1.
Result<Pin> parsePin(std::string_view text);

}  // namespace ll::ui
