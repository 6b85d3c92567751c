#pragma once
// The fixed panes of the main window (no docking in this ImGui): each is an undecorated window
// placed every frame from the layout App computes. UI thread.

#include "imgui.h"
#include "ui/app.h"

namespace ll::ui {

inline constexpr ImGuiWindowFlags kPaneFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Begin()s a pane at `r`; always pair with ImGui::End().
inline bool beginPane(const char* id, const PixelRect& r, ImGuiWindowFlags extra = 0) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
    return ImGui::Begin(id, nullptr, kPaneFlags | extra);
}

}  // namespace ll::ui
