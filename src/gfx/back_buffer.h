#pragma once
// How old the window's back buffer is after a swap (GLX_EXT_buffer_age): 1 means it still holds
// the frame shown last, so a frame may redraw only what changed straight into it (Mesa's software
// GL under X keeps it); 0 when unknown or not kept, then UiCompositor keeps its own copy.
// UI thread, with the window's context current.

struct GLFWwindow;

namespace ll::gfx {

int backBufferAge(GLFWwindow* window);

}  // namespace ll::gfx
