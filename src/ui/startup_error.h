#pragma once
// What a person sees when the library cannot be opened at start (another program is writing to
// it, it is not a LessonLens library, the disk is full): the reason and what to do, with
// Try again and Quit, in the window itself. Without it the window vanished and the reason went
// to a terminal that someone who opened the app from a menu never sees. UI thread, with the
// ImGui context and its GLFW / OpenGL backends initialised.

#include "core/result.h"

struct GLFWwindow;

namespace ll::ui {

class ScriptRunner;

enum class StartupChoice { TryAgain, Quit };

// Draws frames until the person chooses (closing the window is Quit). `script`, from --script,
// may say `wait SECONDS`, `screenshot PATH`, `try-again` and `quit` (how the end-to-end tests
// drive it); any other command fails, as the library it would need is not open. After Try again
// opens the library, the app goes on with the rest of the same script.
StartupChoice showStartupError(GLFWwindow* window, const Error& error, ScriptRunner* script);

}  // namespace ll::ui
