#pragma once
// Real key presses and pointer moves into an X display through the XTest extension, loaded at run time (dlopen),
// so the tests build without X development packages and skip when the libraries are missing.

#include <memory>
#include <string>

namespace ll::e2e {

class XKeyboard {
public:
    // nullptr when libX11/libXtst cannot be loaded or the display cannot be opened.
    static std::unique_ptr<XKeyboard> open(const std::string& display);
    ~XKeyboard();

    // Presses and releases a key by X keysym name ("c", "period", "space", "Return"), with Ctrl or
    // Shift held when asked.
    void tap(const std::string& keysym, bool ctrl = false, bool shift = false);
    // Types ASCII letters, digits and spaces.
    void type(const std::string& text);
    // The pointer: moves to (x, y) on the screen; presses or releases button 1 (left), 2, 3.
    void moveTo(int x, int y);
    void button(int number, bool down);

    struct Api;

private:
    XKeyboard() = default;
    std::unique_ptr<Api> m_api;
    void* m_display = nullptr;
};

}  // namespace ll::e2e
