#include "ui/video_view.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/time_text.h"
#include "ui/comments_panel.h"
#include "ui/pane.h"
#include "ui/talk_edit.h"
#include "ui/text_wrap.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

// A point comment's pin shows from just before its moment until this long after it.
constexpr MediaTime kPinLinger = 3_s;
constexpr MediaTime kPinLead = 500_ms;

}  // namespace

std::optional<Pin> pictureToPin(const PixelRect& picture, float x, float y) {
    if (picture.w <= 0 || picture.h <= 0) return std::nullopt;
    float px = (x - picture.x) / picture.w, py = (y - picture.y) / picture.h;
    if (px < 0 || px > 1 || py < 0 || py > 1) return std::nullopt;
    return Pin{px, py};
}

ImVec2 pinToPicture(const PixelRect& picture, Pin pin) {
    return ImVec2(picture.x + pin.first * picture.w, picture.y + pin.second * picture.h);
}

Result<Pin> parsePin(std::string_view text) {
    const std::string t(text);
    const size_t comma = t.find(',');
    auto number = [](const std::string& part, float& out) {
        const char* b = part.c_str();
        char* e = nullptr;
        double v = std::strtod(b, &e);
        while (e && *e == ' ') ++e;
        if (e == b || !e || *e || !(v >= 0 && v <= 1)) return false;
        out = static_cast<float>(v);
        return true;
    };
    Pin pin{};
    if (comma == std::string::npos || !number(t.substr(0, comma), pin.first) || !number(t.substr(comma + 1), pin.second))
        return Error::invalid("a pin is X,Y with both between 0 and 1 (0,0 is the top left of the picture), not \"" +
                              t + "\"");
    return pin;
}

PixelRect rangeBadgeRect(const PixelRect& area, const std::optional<PixelRect>& picture, float textW,
                         float textH) {
    constexpr float kMargin = 12;
    const float w = textW + 2 * kBadgePadX, h = textH + 2 * kBadgePadY;
    // Inside the picture, where its dark background reads, not across the edge of the letterbox
    // bar; in the pane when there is no picture or it is too small to hold the badge.
    const bool inPicture = picture && picture->w >= w + 2 * kMargin && picture->h >= h + 2 * kMargin;
    const PixelRect& box = inPicture ? *picture : area;
    return {std::max(box.x, box.x + box.w - w - kMargin), std::max(box.y, box.y + box.h - h - kMargin), w, h};
}

PixelRect fitRect(const PixelRect& area, int w, int h) {
    if (w <= 0 || h <= 0 || area.w <= 0 || area.h <= 0) return area;
    float scale = std::min(area.w / static_cast<float>(w), area.h / static_cast<float>(h));
    float fw = std::floor(static_cast<float>(w) * scale);
    float fh = std::floor(static_cast<float>(h) * scale);
    return {std::floor(area.x + (area.w - fw) / 2), std::floor(area.y + (area.h - fh) / 2), fw, fh};
}

void VideoView::drawCallback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* target = static_cast<const Target*>(cmd->UserCallbackData);
    const ImDrawData* data = ImGui::GetDrawData();
    if (!target || !target->renderer || !data) return;
    // Window coordinates to framebuffer pixels, bottom-left origin.
    const ImVec2 scale = data->FramebufferScale;
    const float fbHeight = data->DisplaySize.y * scale.y;
    const PixelRect& r = target->rect;
    int x = static_cast<int>((r.x - data->DisplayPos.x) * scale.x + 0.5f);
    int w = static_cast<int>(r.w * scale.x + 0.5f);
    int h = static_cast<int>(r.h * scale.y + 0.5f);
    int y = static_cast<int>(fbHeight - (r.y - data->DisplayPos.y) * scale.y + 0.5f) - h;
    target->renderer->draw(x, y, w, h);
}

void VideoView::draw(App& app, const PixelRect& area) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(colors::kVideoBackground));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    // Under the picture the pane paints no background, only the letterbox bars around it: on
    // software GL that hidden fill cost about as much as the picture itself.
    const bool hasPicture = app.renderer() && app.renderer()->hasPicture();
    if (beginPane("##video", area, hasPicture ? ImGuiWindowFlags_NoBackground : 0)) {
        gfx::VideoRenderer* r = app.renderer();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (r && r->hasPicture()) {
            PixelRect fit = fitRect(area, r->width(), r->height());
            app.setVideoRect(fit);
            // Frames for playing are decoded at the size drawn (framebuffer pixels).
            const ImVec2 fb = ImGui::GetIO().DisplayFramebufferScale;
            app.player().setViewSize(static_cast<int>(fit.w * fb.x + 0.5f),
                                     static_cast<int>(fit.h * fb.y + 0.5f));
            const ImU32 bars = rgbToImU32(colors::kVideoBackground);
            const float right = area.x + area.w, bottom = area.y + area.h;
            if (fit.y > area.y) dl->AddRectFilled(ImVec2(area.x, area.y), ImVec2(right, fit.y), bars);
            if (fit.y + fit.h < bottom) dl->AddRectFilled(ImVec2(area.x, fit.y + fit.h), ImVec2(right, bottom), bars);
            if (fit.x > area.x) dl->AddRectFilled(ImVec2(area.x, fit.y), ImVec2(fit.x, fit.y + fit.h), bars);
            if (fit.x + fit.w < right) dl->AddRectFilled(ImVec2(fit.x + fit.w, fit.y), ImVec2(right, fit.y + fit.h), bars);
            // The shader draws straight into the window in the middle of ImGui's draw list, at
            // the size shown; ImGui then resets its own GL state.
            m_target = {r, fit};
            dl->AddCallback(&VideoView::drawCallback, &m_target);
            dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
        } else if (!app.player().hasVideo() && app.player().isOpen()) {
            app.setVideoRect({});
            drawSoundOnly(app, area);
        }
        const bool picture = r && r->hasPicture();
        const PixelRect fit = picture ? fitRect(area, r->width(), r->height()) : PixelRect{};
        // Click on the picture toggles play, as in every player; while a comment is being
        // written it pins the comment there instead.
        if (app.player().hasVideo() || !app.player().isOpen()) {
            ImGui::SetCursorScreenPos(ImVec2(area.x, area.y));
            ImGui::InvisibleButton("##picture", ImVec2(std::max(area.w, 1.f), std::max(area.h, 1.f)));
            if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
                const ImVec2 m = ImGui::GetIO().MousePos;
                auto pin = picture ? pictureToPin(fit, m.x, m.y) : std::nullopt;
                if (app.commentsPanel().isComposing()) {
                    if (pin) app.commentsPanel().setPin(*pin);
                } else {
                    app.invoke("toggle-play");
                }
            }
            if (ImGui::IsItemHovered() && app.commentsPanel().isComposing() && picture)
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        if (picture) drawPins(app, fit);
        // Past where a cut-short file stops, the last frame there is stays up: say why.
        if (const auto& cut = app.endsEarlyAt(); cut && app.player().position() > *cut) {
            const std::string text = "The file stops at " + formatTime(*cut, 1) +
                                     ": the rest of this recording is missing from it.";
            const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
            const float cx = area.x + area.w / 2, cy = area.y + area.h / 2;
            dl->AddRectFilled(ImVec2(cx - ts.x / 2 - 14, cy - ts.y / 2 - 10), ImVec2(cx + ts.x / 2 + 14, cy + ts.y / 2 + 10),
                              IM_COL32(16, 18, 22, 230), 6);
            dl->AddText(ImVec2(cx - ts.x / 2, cy - ts.y / 2), IM_COL32(255, 255, 255, 255), text.c_str());
        }
        // In/out marks as a subtle badge in the picture's bottom-right corner.
        // A loop takes the badge's place: it is what the playhead is doing.
        if (app.loop || app.markIn || app.markOut) {
            std::string badge = app.loop ? "Looping " + formatTime(app.loop->start, 1) + " \u2192 " +
                                               formatTime(app.loop->end, 1)
                                         : "Range " + (app.markIn ? formatTime(*app.markIn, 1) : std::string("…")) +
                                               " \u2192 " +
                                               (app.markOut ? formatTime(*app.markOut, 1) : std::string("…"));
            const ImVec2 ts = ImGui::CalcTextSize(badge.c_str());
            const PixelRect b = rangeBadgeRect(area, picture ? std::optional<PixelRect>(fit) : std::nullopt, ts.x, ts.y);
            // Nearly opaque: over a light picture (a slide, a burned-in clock) the text must still read.
            dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h), IM_COL32(16, 18, 22, 225), 4);
            dl->AddText(ImVec2(b.x + kBadgePadX, b.y + kBadgePadY),
                        rgbToImU32(app.loop ? colors::kAccent : colors::kRangeMark), badge.c_str());
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void VideoView::drawPins(App& app, const PixelRect& picture) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const MediaTime now = app.player().position();
    const auto& selected = app.commentsPanel().selected();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const store::Comment* hovered = nullptr;
    ImVec2 hoveredAt;
    dl->PushClipRect(ImVec2(picture.x, picture.y), ImVec2(picture.x + picture.w, picture.y + picture.h), true);
    for (const auto& c : app.comments()) {
        if (!c.pinX || !c.pinY || c.parentId) continue;
        const MediaTime until = c.end ? *c.end : c.start + kPinLinger;
        const bool isSelected = selected && *selected == c.id;
        if (now + kPinLead < c.start || now >= until) continue;
        const ImVec2 p = pinToPicture(picture, {*c.pinX, *c.pinY});
        const float radius = isSelected ? 10.f : 8.f;
        dl->AddCircleFilled(ImVec2(p.x + 1, p.y + 2), radius + 2, IM_COL32(0, 0, 0, 110));
        dl->AddCircleFilled(p, radius, rgbToImU32(c.authorColor));
        dl->AddCircle(p, radius, IM_COL32(255, 255, 255, 235), 0, 2.5f);
        dl->AddCircleFilled(p, 3, rgbToImU32(kindColor(c.kind)));
        // A short caption beside the pin: who and the start of the note.
        size_t cut = std::min<size_t>(c.text.size(), 36);
        while (cut < c.text.size() && cut > 0 && (static_cast<unsigned char>(c.text[cut]) & 0xC0) == 0x80) --cut;
        std::string caption = c.authorName + ": " + c.text.substr(0, cut) + (cut < c.text.size() ? "\u2026" : "");
        const ImVec2 ts = ImGui::CalcTextSize(caption.c_str());
        ImVec2 at(p.x + radius + 6, p.y - ts.y / 2 - 3);
        if (at.x + ts.x + 12 > picture.x + picture.w) at.x = p.x - radius - 6 - ts.x - 12;
        dl->AddRectFilled(at, ImVec2(at.x + ts.x + 12, at.y + ts.y + 6), IM_COL32(16, 18, 22, 215), 4);
        dl->AddText(ImVec2(at.x + 6, at.y + 3), IM_COL32(236, 239, 243, 255), caption.c_str());
        const float dx = mouse.x - p.x, dy = mouse.y - p.y;
        if (dx * dx + dy * dy <= (radius + 3) * (radius + 3)) {
            hovered = &c;
            hoveredAt = p;
        }
    }
    // The pin of the comment being written.
    if (auto pin = app.commentsPanel().composingPin()) {
        const ImVec2 p = pinToPicture(picture, *pin);
        dl->AddCircleFilled(p, 10, rgbToImU32(colors::kAccent, 0.85f));
        dl->AddCircle(p, 10, IM_COL32(255, 255, 255, 255), 0, 2.5f);
        const char* caption = "new comment";
        const ImVec2 ts = ImGui::CalcTextSize(caption);
        dl->AddRectFilled(ImVec2(p.x + 16, p.y - ts.y / 2 - 3), ImVec2(p.x + 28 + ts.x, p.y + ts.y / 2 + 3),
                          IM_COL32(16, 18, 22, 215), 4);
        dl->AddText(ImVec2(p.x + 22, p.y - ts.y / 2), IM_COL32(236, 239, 243, 255), caption);
    }
    dl->PopClipRect();
    if (hovered) {
        (void)hoveredAt;
        ImGui::BeginTooltip();
        ImGui::TextColored(rgbToVec4(hovered->authorColor), "%s", hovered->authorName.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s  %s", formatTime(hovered->start, 1).c_str(), kindLabel(hovered->kind).c_str());
        textWrappedAtSpaces(hovered->text, ImGui::GetFontSize() * 24 - ImGui::GetCursorPosX());
        ImGui::EndTooltip();
    }
}

void VideoView::drawSoundOnly(App& app, const PixelRect& area) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 muted = rgbToImU32(colors::kMuted);
    const float margin = 32;
    const PixelRect wave{area.x + margin, area.y + area.h * 0.2f, area.w - 2 * margin, area.h * 0.6f};
    const std::string title = app.clip() ? app.clip()->title : std::string();
    std::string heading = "Sound only" + (title.empty() ? std::string() : " \u00B7 " + title);
    dl->AddText(ImVec2(wave.x, area.y + 18), rgbToImU32(0xadbac7), heading.c_str());
    const media::PeakPyramid* peaks = app.peaks();
    const MediaTime duration = app.player().duration();
    if (!peaks || wave.w < 10 || duration <= MediaTime::zero()) {
        const char* text = app.waveformRunning() ? "Reading the sound\u2026" : "Sound only";
        ImVec2 ts = ImGui::CalcTextSize(text);
        dl->AddText(ImVec2(area.x + (area.w - ts.x) / 2, area.y + (area.h - ts.y) / 2), muted, text);
        return;
    }
    // --- compute (only when something changed) ---
    const int columns = static_cast<int>(wave.w / 2);  // a bar every 2 px reads better than solid fill
    const uint64_t version = app.talkVersion();
    if (columns != m_waveColumns || version != m_waveVersion) {
        m_wave = peaks->peaks({MediaTime::zero(), duration}, columns);
        auto whole = peaks->peaks({MediaTime::zero(), peaks->duration()}, 1);
        int loudest = whole.empty() ? 32767 : std::max<int>(std::abs(int(whole[0].min)), std::abs(int(whole[0].max)));
        m_waveGain = 32767.f / static_cast<float>(std::max(loudest, 2000));
        m_waveColors.assign(static_cast<size_t>(columns), 0x8fa3b8);
        if (const auto& talk = app.talk()) {
            for (int i = 0; i < columns; ++i) {
                MediaTime t = MediaTime::fromMicros(duration.micros() * (2 * i + 1) / (2 * int64_t{columns}));
                int s = segmentAt(talk->segments, t);
                if (s >= 0 && talk->segments[static_cast<size_t>(s)].label != analysis::TalkLabel::Silence)
                    m_waveColors[static_cast<size_t>(i)] = talkLabelColor(talk->segments[static_cast<size_t>(s)].label);
            }
        }
        m_waveColumns = columns;
        m_waveVersion = version;
    }
    // --- interact: a click or drag on the waveform seeks ---
    ImGui::SetCursorScreenPos(ImVec2(wave.x, wave.y));
    ImGui::InvisibleButton("##soundwave", ImVec2(wave.w, wave.h));
    if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        float f = std::clamp((ImGui::GetIO().MousePos.x - wave.x) / wave.w, 0.f, 1.f);
        MediaTime t = MediaTime::fromMicros(static_cast<int64_t>(static_cast<double>(duration.micros()) * f));
        if (!app.player().isBusy()) app.player().seek(t);
    }
    // --- draw ---
    const float mid = wave.y + wave.h / 2, half = wave.h / 2;
    const float playX = wave.x + wave.w * static_cast<float>(static_cast<double>(app.player().position().micros()) /
                                                            static_cast<double>(duration.micros()));
    dl->AddLine(ImVec2(wave.x, mid), ImVec2(wave.x + wave.w, mid), rgbToImU32(0x39414a));
    for (size_t i = 0; i < m_wave.size(); ++i) {
        const float x = wave.x + static_cast<float>(i) * 2;
        float top = mid - std::min(half, half * m_waveGain * static_cast<float>(m_wave[i].max) / 32767.f);
        float bottom = mid - std::max(-half, half * m_waveGain * static_cast<float>(m_wave[i].min) / 32767.f);
        if (bottom - top < 1) bottom = top + 1;
        dl->AddRectFilled(ImVec2(x, top), ImVec2(x + 1.5f, bottom), rgbToImU32(m_waveColors[i], x < playX ? 1.0f : 0.55f));
    }
    dl->AddLine(ImVec2(playX, wave.y - 6), ImVec2(playX, wave.y + wave.h + 6), rgbToImU32(colors::kPlayhead), 2);
    // Time labels under the waveform: start, playhead, end.
    const float ly = wave.y + wave.h + 10;
    dl->AddText(ImVec2(wave.x, ly), muted, "0:00");
    std::string end = formatTime(duration, 0);
    dl->AddText(ImVec2(wave.x + wave.w - ImGui::CalcTextSize(end.c_str()).x, ly), muted, end.c_str());
    std::string now = formatTime(app.player().position(), 1);
    const float nw = ImGui::CalcTextSize(now.c_str()).x;
    dl->AddText(ImVec2(std::clamp(playX - nw / 2, wave.x + 50, wave.x + wave.w - nw - 50), ly),
                rgbToImU32(colors::kPlayhead), now.c_str());
    if (app.talk()) {
        // Legend for the colours.
        float lx = wave.x;
        const float y = wave.y - 30;
        for (auto l : {analysis::TalkLabel::Teacher, analysis::TalkLabel::Student, analysis::TalkLabel::Multiple}) {
            const float sz = ImGui::GetFontSize() * 0.7f;
            dl->AddRectFilled(ImVec2(lx, y + 4), ImVec2(lx + sz, y + 4 + sz), rgbToImU32(talkLabelColor(l)), 2);
            dl->AddText(ImVec2(lx + sz + 6, y), muted, talkLabelName(l));
            lx += sz + 20 + ImGui::CalcTextSize(talkLabelName(l)).x;
        }
    } else {
        dl->AddText(ImVec2(wave.x, wave.y - 30), muted, "Analyse talk time (Ctrl+Shift+A) to colour it by who talks.");
    }
}

}  // namespace ll::ui
