#include "x_keyboard.h"

#include <dlfcn.h>

#include <chrono>
#include <thread>

namespace ll::e2e {

struct XKeyboard::Api {
    void* x11 = nullptr;
    void* xtst = nullptr;
    void* (*openDisplay)(const char*) = nullptr;
    int (*closeDisplay)(void*) = nullptr;
    int (*flush)(void*) = nullptr;
    unsigned long (*stringToKeysym)(const char*) = nullptr;
    unsigned char (*keysymToKeycode)(void*, unsigned long) = nullptr;
    int (*fakeKey)(void*, unsigned int, int, unsigned long) = nullptr;
    int (*fakeMotion)(void*, int, int, int, unsigned long) = nullptr;
    int (*fakeButton)(void*, unsigned int, int, unsigned long) = nullptr;
    ~Api() {
        if (xtst) dlclose(xtst);
        if (x11) dlclose(x11);
    }
};

std::unique_ptr<XKeyboard> XKeyboard::open(const std::string& display) {
    auto api = std::make_unique<Api>();
    api->x11 = dlopen("libX11.so.6", RTLD_NOW | RTLD_GLOBAL);
    api->xtst = api->x11 ? dlopen("libXtst.so.6", RTLD_NOW) : nullptr;
    if (!api->xtst) return nullptr;
    api->openDisplay = reinterpret_cast<void* (*)(const char*)>(dlsym(api->x11, "XOpenDisplay"));
    api->closeDisplay = reinterpret_cast<int (*)(void*)>(dlsym(api->x11, "XCloseDisplay"));
    api->flush = reinterpret_cast<int (*)(void*)>(dlsym(api->x11, "XFlush"));
    api->stringToKeysym = reinterpret_cast<unsigned long (*)(const char*)>(dlsym(api->x11, "XStringToKeysym"));
    api->keysymToKeycode = reinterpret_cast<unsigned char (*)(void*, unsigned long)>(dlsym(api->x11, "XKeysymToKeycode"));
    api->fakeKey = reinterpret_cast<int (*)(void*, unsigned int, int, unsigned long)>(dlsym(api->xtst, "XTestFakeKeyEvent"));
    api->fakeMotion = reinterpret_cast<int (*)(void*, int, int, int, unsigned long)>(dlsym(api->xtst, "XTestFakeMotionEvent"));
    api->fakeButton = reinterpret_cast<int (*)(void*, unsigned int, int, unsigned long)>(dlsym(api->xtst, "XTestFakeButtonEvent"));
    if (!api->openDisplay || !api->closeDisplay || !api->flush || !api->stringToKeysym || !api->keysymToKeycode ||
        !api->fakeKey || !api->fakeMotion || !api->fakeButton)
        return nullptr;
    void* d = api->openDisplay(display.c_str());
    if (!d) return nullptr;
    std::unique_ptr<XKeyboard> kb(new XKeyboard());
    kb->m_api = std::move(api);
    kb->m_display = d;
    return kb;
}

XKeyboard::~XKeyboard() {
    if (m_display) m_api->closeDisplay(m_display);
}

void XKeyboard::tap(const std::string& keysym, bool ctrl, bool shift) {
    auto code = [&](const char* name) { return m_api->keysymToKeycode(m_display, m_api->stringToKeysym(name)); };
    auto send = [&](unsigned int c, bool down) {
        m_api->fakeKey(m_display, c, down ? 1 : 0, 0);
        m_api->flush(m_display);
        // The app samples keys once per frame (tens of ms under software GL): hold each state
        // long enough to be seen.
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
    };
    if (ctrl) send(code("Control_L"), true);
    if (shift) send(code("Shift_L"), true);
    unsigned int k = code(keysym.c_str());
    send(k, true);
    send(k, false);
    if (shift) send(code("Shift_L"), false);
    if (ctrl) send(code("Control_L"), false);
}

void XKeyboard::type(const std::string& text) {
    for (char ch : text) {
        if (ch == ' ') tap("space");
        else if (ch >= 'A' && ch <= 'Z') tap(std::string(1, static_cast<char>(ch - 'A' + 'a')), false, true);
        else tap(std::string(1, ch));
    }
}

void XKeyboard::moveTo(int x, int y) {
    m_api->fakeMotion(m_display, -1, x, y, 0);  // -1: the current screen
    m_api->flush(m_display);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
}

void XKeyboard::button(int number, bool down) {
    m_api->fakeButton(m_display, static_cast<unsigned int>(number), down ? 1 : 0, 0);
    m_api->flush(m_display);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
}

}  // namespace ll::e2e
