#pragma once
// The window's font. DejaVu Sans draws Latin, Greek, Cyrillic, Armenian, Georgian and the
// symbols teachers type; Droid Sans Fallback (fonts-droid-fallback) is merged in for Chinese,
// Japanese and Korean: its plain file has the Hangul syllables and full-width punctuation, the
// "Full" one the rarer ideographs (CJK Extension A). ImGui 1.86 bakes its glyphs into one fixed texture, and all of CJK is
// about 30,000 glyphs (tens of MB of texture and seconds at start), so only the characters in
// use are baked: those in the library's text, typed or pasted in the window, in a folder listing
// or a message. When a new one turns up the atlas is rebuilt between two frames.
// UI thread only, with an ImGui context.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace ll::ui {

class FontAtlas {
public:
    static constexpr const char* kMainFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    static constexpr const char* kFallbackFonts[] = {
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    };

    // Adds the fonts to the current context's atlas (after ImGui::CreateContext, before the first
    // frame). While it lives, noteTextForFont() reaches it.
    explicit FontAtlas(float pixels);
    ~FontAtlas();
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    // Characters that may be drawn soon. Those the fixed ranges lack are kept for the next
    // rebuild; scripts ImGui cannot lay out (right-to-left, and Indic and South-East Asian
    // scripts that need shaping) and characters beyond U+FFFF are left to show as "?".
    void noteText(std::string_view utf8);
    void noteCharacter(uint32_t c);
    // Wraps the clipboard reader the platform backend installed, so pasted text is noted
    // (after ImGui_ImplGlfw_Init*).
    void watchClipboard();

    bool hasNewCharacters() const { return !m_new.empty(); }
    // Re-adds the fonts with the new characters: the atlas is built again when its texture is
    // next asked for, so the renderer must upload it again. False when nothing was new.
    bool rebuildIfNeeded();

    // Characters baked beyond the fixed ranges; whether a fallback font is installed.
    size_t extraCharacters() const { return m_extra.size(); }
    bool hasFallback() const { return !m_fallbacks.empty(); }

private:
    void addFonts();
    static const char* clipboardThunk(void* self);

    float m_pixels;
    std::vector<const char*> m_fallbacks;  // those installed
    std::set<uint32_t> m_extra;  // noted and baked
    std::set<uint32_t> m_new;    // noted since the last rebuild
    ImVector<ImWchar> m_mainRanges, m_extraRanges;  // the atlas keeps pointers to these
    const char* (*m_platformGetClipboard)(void*) = nullptr;
    void* m_platformClipboardData = nullptr;
};

// Notes text for the window's FontAtlas, if there is one (the library's views, the folder
// listing, the status line).
void noteTextForFont(std::string_view utf8);

}  // namespace ll::ui
