#pragma once
// The look: a calm dark theme (video review is done in a dim surround) with one blue accent.
// The font is ui/fonts.h's. UI thread, after ImGui::CreateContext and before the first frame.

#include <cstdint>

#include "imgui.h"

namespace ll::ui {

void applyTheme();

// 0xRRGGBB to ImGui's packed colour with `alpha` in 0..1.
ImU32 rgbToImU32(uint32_t rgb, float alpha = 1.0f);
ImVec4 rgbToVec4(uint32_t rgb, float alpha = 1.0f);

namespace colors {
inline constexpr uint32_t kAccent = 0x5b9bd5;
inline constexpr uint32_t kPlayhead = 0xf2c14e;
inline constexpr uint32_t kMuted = 0x8b949e;
inline constexpr uint32_t kVideoBackground = 0x000000;
inline constexpr uint32_t kRangeMark = 0x7fb77e;
}  // namespace colors

}  // namespace ll::ui
