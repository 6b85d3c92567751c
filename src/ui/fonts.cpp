#include "ui/fonts.h"

#include <filesystem>

#include "imgui_internal.h"  // ImTextCharFromUtf8

namespace ll::ui {

namespace {

// What DejaVu Sans draws and is always baked: Romanian's ș and ț are Latin Extended-B,
// Vietnamese is Latin Extended Additional, € and the ≤ of a maths comment have blocks of their own.
constexpr ImWchar kFixedRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic and its supplement
    0x0530, 0x058F,  // Armenian
    0x10A0, 0x10FF,  // Georgian
    0x1E00, 0x1FFF,  // Latin Extended Additional (Vietnamese), Greek Extended
    0x2010, 0x205E,  // dashes, quotes, bullets, ellipsis
    0x20A0, 0x20CF,  // currency (€)
    0x2100, 0x214F,  // letterlike symbols (№, ℃)
    0x2190, 0x22FF,  // arrows, mathematical operators
    0x25A0, 0x25FF,  // geometric shapes (play, stop)
    0x2700, 0x27BF,  // dingbats (check marks)
    0xFFFD, 0xFFFD,  // the replacement character, for text that is not valid UTF-8
};

// Scripts whose letters ImGui would draw one by one, left to right and unjoined: Hebrew, Arabic,
// Syriac, Thaana, N'Ko and their presentation forms read backwards or broken; the Indic,
// Thai, Lao, Tibetan, Myanmar and Khmer scripts need shaping. A "?" says plainly that the
// window cannot draw them.
constexpr uint32_t kUnshapeable[][2] = {
    {0x0590, 0x08FF}, {0x0900, 0x0DFF}, {0x0E00, 0x0FFF}, {0x1000, 0x109F},
    {0x1780, 0x17FF}, {0xFB1D, 0xFDFF}, {0xFE70, 0xFEFF},
};

bool isFixed(uint32_t c) {
    for (size_t i = 0; i + 1 < std::size(kFixedRanges); i += 2)
        if (c >= kFixedRanges[i] && c <= kFixedRanges[i + 1]) return true;
    return false;
}

bool isUnshapeable(uint32_t c) {
    for (const auto& r : kUnshapeable)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

FontAtlas* g_active = nullptr;  // the one noteTextForFont() reaches (UI thread)

}  // namespace

FontAtlas::FontAtlas(float pixels) : m_pixels(pixels) {
    for (const char* file : kFallbackFonts) {
        std::error_code ec;
        if (std::filesystem::exists(file, ec)) m_fallbacks.push_back(file);
    }
    addFonts();
    g_active = this;
}

FontAtlas::~FontAtlas() {
    if (g_active == this) g_active = nullptr;
    if (m_platformGetClipboard && ImGui::GetCurrentContext()) {
        ImGuiIO& io = ImGui::GetIO();
        if (io.ClipboardUserData == this) {
            io.GetClipboardTextFn = m_platformGetClipboard;
            io.ClipboardUserData = m_platformClipboardData;
        }
    }
}

void FontAtlas::noteCharacter(uint32_t c) {
    if (c < 0x80 || c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || isFixed(c) || isUnshapeable(c)) return;
    if (m_extra.count(c)) return;
    m_new.insert(c);
}

void FontAtlas::noteText(std::string_view utf8) {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {  // the common case, and never new
            ++p;
            continue;
        }
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        noteCharacter(c);
        p += n;
    }
}

const char* FontAtlas::clipboardThunk(void* self) {
    auto* atlas = static_cast<FontAtlas*>(self);
    const char* text =
        atlas->m_platformGetClipboard ? atlas->m_platformGetClipboard(atlas->m_platformClipboardData) : nullptr;
    if (text) atlas->noteText(text);
    return text;
}

void FontAtlas::watchClipboard() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.ClipboardUserData == this) return;
    m_platformGetClipboard = io.GetClipboardTextFn;
    m_platformClipboardData = io.ClipboardUserData;
    io.GetClipboardTextFn = &FontAtlas::clipboardThunk;
    io.ClipboardUserData = this;
}

bool FontAtlas::rebuildIfNeeded() {
    if (m_new.empty()) return false;
    m_extra.insert(m_new.begin(), m_new.end());
    m_new.clear();
    ImGui::GetIO().Fonts->Clear();
    addFonts();
    return true;
}

void FontAtlas::addFonts() {
    // Ranges are pairs of first and last, ending in 0; runs of neighbouring characters join.
    m_extraRanges.clear();
    for (uint32_t c : m_extra) {
        if (!m_extraRanges.empty() && m_extraRanges.back() + 1u == c) {
            m_extraRanges.back() = static_cast<ImWchar>(c);
        } else {
            m_extraRanges.push_back(static_cast<ImWchar>(c));
            m_extraRanges.push_back(static_cast<ImWchar>(c));
        }
    }
    m_mainRanges.clear();
    for (ImWchar c : kFixedRanges) m_mainRanges.push_back(c);
    for (ImWchar c : m_extraRanges) m_mainRanges.push_back(c);  // DejaVu's own, where it has them
    m_mainRanges.push_back(0);
    m_extraRanges.push_back(0);

    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    std::error_code ec;
    if (!(std::filesystem::exists(kMainFont, ec) &&
          atlas.AddFontFromFileTTF(kMainFont, m_pixels, nullptr, m_mainRanges.Data))) {
        ImFontConfig cfg;
        cfg.SizePixels = m_pixels;
        atlas.AddFontDefault(&cfg);
    }
    if (m_extraRanges.Size > 1) {
        // Merged into the font above: a character takes the first font's glyph that has one.
        // One horizontal sample is plenty for glyphs this dense, and a third of the texture.
        for (const char* file : m_fallbacks) {
            ImFontConfig cfg;
            cfg.MergeMode = true;
            cfg.OversampleH = 1;
            cfg.PixelSnapH = true;
            atlas.AddFontFromFileTTF(file, m_pixels, &cfg, m_extraRanges.Data);
        }
    }
}

void noteTextForFont(std::string_view utf8) {
    if (g_active) g_active->noteText(utf8);
}

}  // namespace ll::ui
