#include "gfx/back_buffer.h"

#include <GL/glx.h>

#include <cstring>

// GLFW's X11 accessors (glfw3native.h would also want the Xrandr headers for nothing).
extern "C" {
Display* glfwGetX11Display(void);
GLXWindow glfwGetGLXWindow(GLFWwindow* window);
}

#ifndef GLX_BACK_BUFFER_AGE_EXT
#define GLX_BACK_BUFFER_AGE_EXT 0x20F4
#endif

namespace ll::gfx {

int backBufferAge(GLFWwindow* window) {
    if (!window) return 0;
    Display* display = glfwGetX11Display();
    GLXWindow drawable = glfwGetGLXWindow(window);
    if (!display || !drawable) return 0;
    static const bool supported = [&] {
        const char* ext = glXQueryExtensionsString(display, DefaultScreen(display));
        return ext && std::strstr(ext, "GLX_EXT_buffer_age") != nullptr;
    }();
    if (!supported) return 0;
    unsigned int age = 0;
    glXQueryDrawable(display, drawable, GLX_BACK_BUFFER_AGE_EXT, &age);
    return static_cast<int>(age);
}

}  // namespace ll::gfx
