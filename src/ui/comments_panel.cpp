#include "ui/comments_panel.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/comment_list.h"
#include "ui/pane.h"
#include "ui/tag_completion.h"
#include "ui/talk_panel.h"
#include "ui/text_wrap.h"
#include "ui/theme.h"

namespace ll::ui {
namespace {

// The selected comment's buttons, in order, and the command each runs (a range comment can
// also be looped: that one's command depends on whether it loops already).
struct Action {
    const char* label;
    const char* command;  // nullptr: Loop
};
std::vector<Action> actions(const store::Comment& c) {
    std::vector<Action> out = {{"Reply", "reply-comment"},
                               {"Edit", "edit-comment"},
                               {c.resolved ? "Reopen" : "Resolve", "resolve-comment"},
                               {"Delete", "delete-comment"}};
    if (c.end) out.push_back({"Loop", nullptr});
    return out;
}

// Where each button goes in a row `width` wide: its line (0, 1...) and x from the row's left. A
// narrow panel (an 800x600 window) wraps them onto a second line rather than cutting one off.
struct ButtonPlace {
    int line = 0;
    float x = 0;
};
std::vector<ButtonPlace> placeButtons(const std::vector<Action>& buttons, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    std::vector<ButtonPlace> out;
    ButtonPlace at;
    for (const Action& b : buttons) {
        const float w = ImGui::CalcTextSize(b.label).x + 2 * style.FramePadding.x;
        if (at.x > 0 && at.x + w > width) at = {at.line + 1, 0};
        out.push_back(at);
        at.x += w + style.ItemSpacing.x;
    }
    return out;
}

// What "private" does: the library is a plain file on this computer, so a private comment is
// kept out of what leaves it (exports unless asked for, packs and sync always), not hidden from
// others who open the same library.
constexpr const char* kPrivateLabel = "Private (not exported or shared)";
constexpr const char* kPrivateMeaning =
    "Never put in a review pack or synced, and left out of exports\n"
    "unless you tick \"Include private comments\" there.\n"
    "Anyone who opens this library on this computer can still read it.";

constexpr store::CommentKind kKinds[] = {store::CommentKind::Strength, store::CommentKind::Question,
                                         store::CommentKind::Suggestion, store::CommentKind::Note};

std::vector<std::string> splitTags(const std::string& text) { return splitTagList(text); }

// Tab in the tag field completes the word being typed with the first suggestion.
int completeTagOnTab(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag != ImGuiInputTextFlags_CallbackCompletion) return 0;
    const auto* known = static_cast<const std::vector<std::string>*>(data->UserData);
    std::string_view text(data->Buf, static_cast<size_t>(data->BufTextLen));
    auto suggestions = tagSuggestions(text, *known, 1);
    if (suggestions.empty()) return 0;
    std::string completed = applyTagCompletion(text, suggestions.front());
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, completed.c_str());
    return 0;
}

std::string joinTags(const std::vector<std::string>& tags) {
    std::string s;
    for (const auto& t : tags) s += (s.empty() ? "" : ", ") + t;
    return s;
}

}  // namespace

uint32_t kindColor(store::CommentKind kind) {
    switch (kind) {
        case store::CommentKind::Strength: return 0x57ab5a;
        case store::CommentKind::Question: return 0x539bf5;
        case store::CommentKind::Suggestion: return 0xdaaa3f;
        case store::CommentKind::Note: return 0x909dab;
    }
    return 0x909dab;
}

std::string kindLabel(store::CommentKind kind) {
    std::string s(store::toString(kind));
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

void CommentsPanel::setKindFilter(std::optional<store::CommentKind> kind) {
    m_filterKind = kind ? static_cast<int>(std::find(std::begin(kKinds), std::end(kKinds), *kind) - std::begin(kKinds)) : -1;
}

void CommentsPanel::clearFilters() {
    m_filterKind = -1;
    m_filterResolved = 0;
    m_filterReviewerId.reset();
    m_filterTag.reset();
}

void CommentsPanel::setPin(std::pair<float, float> pin) {
    m_pinX = std::clamp(pin.first, 0.f, 1.f);
    m_pinY = std::clamp(pin.second, 0.f, 1.f);
}

std::optional<std::pair<float, float>> CommentsPanel::composingPin() const {
    if (!m_composing || !m_pinX || !m_pinY) return std::nullopt;
    return std::pair<float, float>(*m_pinX, *m_pinY);
}

void CommentsPanel::saveDraft(App& app) {
    if (!app.clip()) return;
    if (m_text.empty()) {
        if (!m_draftWritten.empty()) dropDraft(app);
        return;
    }
    nlohmann::json j = {
        {"clip", app.clip()->id.toString()}, {"start_us", m_start.micros()},
        {"end_us", m_end ? m_end->micros() : -1}, {"kind", m_kind}, {"text", m_text}, {"tags", m_tags},
        {"private", m_private}, {"parent", m_parentId ? m_parentId->toString() : ""},
        {"editing", m_editingId ? m_editingId->toString() : ""},
        {"pin_x", m_pinX ? *m_pinX : -1.f}, {"pin_y", m_pinY ? *m_pinY : -1.f},
    };
    std::string text = j.dump();
    if (text == m_draftWritten) return;
    auto file = app.draftPath();
    auto tmp = file;
    tmp += ".tmp";
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << text;
        if (!out) return;
    }
    std::filesystem::rename(tmp, file, ec);
    if (!ec) m_draftWritten = std::move(text);
}

void CommentsPanel::dropDraft(App& app) {
    std::error_code ec;
    std::filesystem::remove(app.draftPath(), ec);
    m_draftWritten.clear();
}

void CommentsPanel::restoreDraft(App& app) {
    if (!app.clip() || m_composing) return;
    std::ifstream in(app.draftPath());
    if (!in) return;
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || j.value("clip", "") != app.clip()->id.toString()) return;
    if (j.value("text", "").empty()) return;
    auto parseId = [](const std::string& s) -> std::optional<Id> {
        if (s.empty()) return std::nullopt;
        auto id = Id::parse(s);
        return id ? std::optional<Id>(*id) : std::nullopt;
    };
    m_text = j.value("text", "");
    m_tags = j.value("tags", "");
    m_kind = std::clamp(j.value("kind", 3), 0, 3);
    m_private = j.value("private", false);
    m_start = MediaTime::fromMicros(j.value("start_us", int64_t{0}));
    int64_t end = j.value("end_us", int64_t{-1});
    m_end = end >= 0 ? std::optional<MediaTime>(MediaTime::fromMicros(end)) : std::nullopt;
    m_parentId = parseId(j.value("parent", ""));
    m_editingId = parseId(j.value("editing", ""));
    const float px = j.value("pin_x", -1.f), py = j.value("pin_y", -1.f);
    m_pinX.reset();
    m_pinY.reset();
    if (px >= 0 && px <= 1 && py >= 0 && py <= 1) {
        m_pinX = px;
        m_pinY = py;
    }
    m_parentText.clear();
    openComposer(app);
    app.showMessage("Your unsaved comment was kept as a draft; here it is");
}

void CommentsPanel::openComposer(App& app) {
    app.sidePanel = App::SidePanel::Comments;  // the composer lives in the comments panel
    m_composing = true;
    m_focusText = true;
    m_resumeAfter = app.player().isPlaying();
    app.player().pause();
}

void CommentsPanel::beginCompose(App& app) {
    app.sidePanel = App::SidePanel::Comments;
    if (m_composing) {
        m_focusText = true;
        return;
    }
    m_editingId.reset();
    m_parentId.reset();
    m_text.clear();
    m_tags.clear();
    m_private = false;
    m_pinX.reset();
    m_pinY.reset();
    m_kind = 3;
    MediaTime now = app.player().position();
    if (app.markIn && app.markOut && *app.markIn != *app.markOut) {
        m_start = std::min(*app.markIn, *app.markOut);
        m_end = std::max(*app.markIn, *app.markOut);
    } else if (app.markIn && *app.markIn < now) {
        m_start = *app.markIn;
        m_end = now;
    } else {
        m_start = now;
        m_end.reset();
    }
    openComposer(app);
}

bool CommentsPanel::busyWithOtherText(App& app) {
    if (!m_composing || m_text.find_first_not_of(" \n\t") == std::string::npos) return false;
    m_focusText = true;
    app.showMessage("Save or cancel the comment you are writing first", true);
    return true;
}

void CommentsPanel::beginReply(App& app, const store::Comment& parent) {
    app.sidePanel = App::SidePanel::Comments;
    if (busyWithOtherText(app)) return;
    m_editingId.reset();
    m_parentId = parent.id;
    m_parentText = parent.authorName + ": " + parent.text.substr(0, 60);
    m_text.clear();
    m_tags.clear();
    m_private = parent.isPrivate;
    m_pinX.reset();
    m_pinY.reset();
    m_kind = 3;
    m_start = parent.start;
    m_end = parent.end;
    if (!m_composing) openComposer(app);
    m_focusText = true;
}

void CommentsPanel::beginEdit(App& app, const store::Comment& c) {
    app.sidePanel = App::SidePanel::Comments;
    if (busyWithOtherText(app)) return;
    m_editingId = c.id;
    m_parentId = c.parentId;
    m_text = c.text;
    m_tags = joinTags(c.tags);
    m_private = c.isPrivate;
    m_pinX = c.pinX;
    m_pinY = c.pinY;
    m_kind = static_cast<int>(std::find(std::begin(kKinds), std::end(kKinds), c.kind) - std::begin(kKinds));
    m_start = c.start;
    m_end = c.end;
    if (!m_composing) openComposer(app);
    m_focusText = true;
}

void CommentsPanel::finishCompose(App& app, bool save) {
    if (save) {
        if (m_text.find_first_not_of(" \n\t") == std::string::npos) {
            app.showMessage("Write something first, or press Esc to cancel", true);
            return;
        }
        store::CommentKind kind = kKinds[std::clamp(m_kind, 0, 3)];
        if (m_editingId) {
            auto existing = app.library().comments().get(*m_editingId);
            if (!existing || !existing->has_value()) {
                app.showMessage("That comment no longer exists", true);
                return;
            }
            store::Comment c = **existing;
            c.text = m_text;
            c.kind = kind;
            c.tags = splitTags(m_tags);
            c.isPrivate = m_private;
            c.pinX = m_pinX;
            c.pinY = m_pinY;
            if (auto st = app.updateComment(c); !st) {
                app.showMessage(st.error().message, true);
                return;
            }
            app.showMessage("Comment updated");
        } else {
            auto r = app.addComment(
                {m_text, kind, m_start, m_end, splitTags(m_tags), m_private, m_parentId, m_pinX, m_pinY});
            if (!r) {
                app.showMessage(r.error().message, true);
                return;
            }
            m_selected = r->id;
            app.markIn.reset();
            app.markOut.reset();
            app.showMessage("Comment saved");
        }
    }
    m_composing = false;
    m_editingId.reset();
    m_parentId.reset();
    dropDraft(app);
    if (m_resumeAfter) app.player().play();
    m_resumeAfter = false;
}

void CommentsPanel::drawComposer(App& app) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rgbToVec4(0x2a3139));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, rgbToVec4(0x1b1f24));
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, rgbToVec4(0x20252b));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
    // Cancel and Save sit right of the Private box, or on a row of their own when the panel is
    // too narrow for both; the composer is tall enough either way.
    constexpr float kButtonsW = 150;
    const float innerW = ImGui::GetContentRegionAvail().x - 2 * 10;
    const float privateW = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                           ImGui::CalcTextSize(kPrivateLabel).x + ImGui::GetStyle().ItemSpacing.x;
    const bool buttonsBelow = privateW > innerW - kButtonsW;
    float h = ImGui::GetFrameHeightWithSpacing() * (buttonsBelow ? 6 : 5) + 100 +
              (m_parentId ? ImGui::GetTextLineHeightWithSpacing() : 0) +
              (m_showSuggestions ? ImGui::GetFrameHeightWithSpacing() : 0);
    ImGui::BeginChild("##composer", ImVec2(0, h), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    std::string when = formatTime(m_start, 2) + (m_end ? " \u2192 " + formatTime(*m_end, 2) : std::string());
    ImGui::Text("%s", m_editingId ? "Edit comment" : m_parentId ? "Reply" : "New comment");
    ImGui::SameLine();
    ImGui::TextDisabled("at %s", when.c_str());
    if (m_parentId) ImGui::TextDisabled("to %s", m_parentText.c_str());
    // Kind as four chips in the kind's colour; the chosen one filled.
    // Each chip as wide as its word plus an equal share of the room left, so "Suggestion" is
    // never cut off in a narrow panel.
    float words = 0;
    for (auto k : kKinds) words += ImGui::CalcTextSize(kindLabel(k).c_str()).x;
    const float spare = std::max(0.f, ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x - words) / 4;
    for (int i = 0; i < 4; ++i) {
        const uint32_t col = kindColor(kKinds[i]);
        const bool on = m_kind == i;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? rgbToVec4(col, 0.85f) : rgbToVec4(0x1e2329));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgbToVec4(col, on ? 1.0f : 0.35f));
        ImGui::PushStyleColor(ImGuiCol_Text, on ? rgbToVec4(0x14181c) : rgbToVec4(col));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, ImGui::GetStyle().FramePadding.y));
        const std::string label = kindLabel(kKinds[i]);
        if (ImGui::Button(label.c_str(), ImVec2(ImGui::CalcTextSize(label.c_str()).x + spare, 0))) m_kind = i;
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(3);
        if (i < 3) ImGui::SameLine();
    }
    if (m_focusText) {
        ImGui::SetKeyboardFocusHere();
        m_focusText = false;
    }
    ImGui::InputTextMultiline("##text", &m_text, ImVec2(-1, 80));
    // Ctrl+Enter saves from anywhere in the composer (ImGui ends the edit instead of adding a line).
    bool submit = ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    drawTagField(app);
    // The pin: a click on the picture sets it.
    if (m_pinX && m_pinY) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Pinned at %.0f%% across, %.0f%% down the picture", *m_pinX * 100, *m_pinY * 100);
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove pin")) {
            m_pinX.reset();
            m_pinY.reset();
        }
    } else if (app.player().hasVideo()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Click the picture to pin this comment to a spot.");
    }
    ImGui::Checkbox(kPrivateLabel, &m_private);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kPrivateMeaning);
    const float buttonsX = ImGui::GetContentRegionAvail().x - kButtonsW;
    if (buttonsBelow) ImGui::SetCursorPosX(buttonsX);
    else ImGui::SameLine(buttonsX);
    if (ImGui::Button("Cancel")) finishCompose(app, false);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x2f5f8f));
    if (ImGui::Button("Save") || submit) finishCompose(app, true);
    ImGui::PopStyleColor();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) finishCompose(app, false);
    if (m_composing) saveDraft(app);
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(3);
}

void CommentsPanel::drawTagField(App& app) {
    ImGui::SetNextItemWidth(-1);
    if (m_focusTags) {
        ImGui::SetKeyboardFocusHere();
        m_focusTags = false;
    }
    ImGui::InputTextWithHint("##tags", "tags, separated by commas (Tab completes)", &m_tags,
                             ImGuiInputTextFlags_CallbackCompletion, completeTagOnTab,
                             const_cast<std::vector<std::string>*>(&app.knownTags()));
    const bool typing = ImGui::IsItemActive();
    // Suggestions as chips under the field: the most used tags that fit the word being typed.
    // They stay while the pointer is on them, so a click lands after the field lets go.
    const bool show = (typing || m_suggestionsHovered) && !app.knownTags().empty();
    bool hovered = false;
    if (show) {
        auto suggestions = tagSuggestions(m_tags, app.knownTags(), 5);
        if (suggestions.empty()) {
            ImGui::TextDisabled(currentTagWord(m_tags).empty() ? "" : "a new tag");
        }
        for (size_t i = 0; i < suggestions.size(); ++i) {
            const auto& t = suggestions[i];
            if (i > 0) {
                ImGui::SameLine();
                if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(t.c_str()).x + 24 > ImGui::GetContentRegionMax().x) break;
            }
            ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(0x1b2733));
            ImGui::PushStyleColor(ImGuiCol_Text, rgbToVec4(0x6cb6ff));
            std::string label = "#" + t;
            if (ImGui::SmallButton(label.c_str())) {
                m_tags = applyTagCompletion(m_tags, t);
                m_focusTags = true;
            }
            hovered = hovered || ImGui::IsItemHovered() || ImGui::IsItemActive();
            ImGui::PopStyleColor(2);
        }
    }
    m_suggestionsHovered = hovered;
    m_showSuggestions = show;
}

bool CommentsPanel::passesFilter(const store::Comment& c) const {
    if (m_filterReviewerId && c.authorId != *m_filterReviewerId) return false;
    if (m_filterKind >= 0 && c.kind != kKinds[m_filterKind]) return false;
    if (m_filterResolved == 1 && c.resolved) return false;
    if (m_filterResolved == 2 && !c.resolved) return false;
    if (m_filterTag && !std::binary_search(c.tags.begin(), c.tags.end(), *m_filterTag)) return false;
    return true;
}

void CommentsPanel::gatherFilterChoices(App& app) {
    // Once per change of the comments: with thousands of them, a scan per frame shows in the
    // frame time.
    if (m_choicesVersion == app.commentsVersion()) return;
    m_choicesVersion = app.commentsVersion();
    // Reviewers present on this clip, in order of appearance.
    m_reviewerChoices.clear();
    for (const auto& c : app.comments())
        if (std::none_of(m_reviewerChoices.begin(), m_reviewerChoices.end(), [&](auto& r) { return r.first == c.authorId; }))
            m_reviewerChoices.emplace_back(c.authorId, c.authorName);
    // The tags used on this clip, most used first.
    std::map<std::string, int> uses;
    for (const auto& c : app.comments())
        for (const auto& t : c.tags) ++uses[t];
    m_tagChoices.assign(uses.begin(), uses.end());
    std::stable_sort(m_tagChoices.begin(), m_tagChoices.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
}

void CommentsPanel::drawFilters(App& app) {
    gatherFilterChoices(app);
    const auto& reviewers = m_reviewerChoices;
    // Two rows of two: who and kind, then status and tag.
    float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::SetNextItemWidth(w);
    std::string who = "Everyone";
    for (const auto& r : reviewers)
        if (m_filterReviewerId && r.first == *m_filterReviewerId) who = r.second;
    if (ImGui::BeginCombo("##who", who.c_str())) {
        if (ImGui::Selectable("Everyone", !m_filterReviewerId)) m_filterReviewerId.reset();
        for (const auto& r : reviewers)
            if (ImGui::Selectable(r.second.c_str(), m_filterReviewerId == r.first)) m_filterReviewerId = r.first;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    std::string kind = m_filterKind < 0 ? "All kinds" : kindLabel(kKinds[m_filterKind]);
    if (ImGui::BeginCombo("##kind", kind.c_str())) {
        if (ImGui::Selectable("All kinds", m_filterKind < 0)) m_filterKind = -1;
        for (int i = 0; i < 4; ++i)
            if (ImGui::Selectable(kindLabel(kKinds[i]).c_str(), m_filterKind == i)) m_filterKind = i;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(w);
    const char* states[] = {"Any status", "Open", "Resolved"};
    ImGui::Combo("##resolved", &m_filterResolved, states, 3);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const auto& tags = m_tagChoices;
    std::string tagLabel = m_filterTag ? "#" + *m_filterTag : std::string("All tags");
    if (ImGui::BeginCombo("##tag", tagLabel.c_str())) {
        if (ImGui::Selectable("All tags", !m_filterTag)) m_filterTag.reset();
        for (const auto& [t, n] : tags) {
            std::string item = "#" + t + "  (" + std::to_string(n) + ")";
            if (ImGui::Selectable(item.c_str(), m_filterTag == t)) m_filterTag = t;
        }
        ImGui::EndCombo();
    }
}

CommentsPanel::Row CommentsPanel::layoutRow(const store::Comment& c, size_t index, float indent, float top,
                                            bool selected, float wrap, std::optional<std::string> wrapped) {
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    Row row{index, indent, top, 0, wrapped ? std::move(*wrapped) : wrapInCurrentFont(c.text, wrap - indent - 10)};
    const float buttonLines =
        selected ? static_cast<float>(placeButtons(actions(c), wrap - indent - 10).back().line + 1) : 0.f;
    row.height = lineH + ImGui::CalcTextSize(row.text.c_str()).y + 8 + (c.tags.empty() ? 0 : lineH) +
                 buttonLines * ImGui::GetFrameHeightWithSpacing();
    return row;
}

void CommentsPanel::layoutRows(App& app, float wrap) {
    // Compute once per change (comments, filters, width, selection), not per frame: with
    // thousands of comments only the visible rows are drawn, found by binary search on `top`.
    RowKey key{app.commentsVersion(), wrap, m_selected, m_filterReviewerId, m_filterKind, m_filterResolved, m_filterTag};
    if (key == m_rowKey && !m_rows.empty()) return;
    const auto& all = app.comments();
    // Wrapping is the costly part. A new selection or filter leaves the comments and the width
    // as they were, so the text wrapped last time is taken over (10,000 comments: no hitch).
    std::vector<std::optional<std::string>> wrapped;
    if (key.version == m_rowKey.version && key.wrap == m_rowKey.wrap) {
        wrapped.resize(all.size());
        for (auto& r : m_rows)
            if (r.index < all.size()) wrapped[r.index] = std::move(r.text);
    }
    m_rowKey = key;
    m_rows.clear();
    float y = 0;
    for (const auto& [i, reply] : commentListOrder(all, [&](const store::Comment& c) { return passesFilter(c); })) {
        std::optional<std::string> text;
        if (i < wrapped.size()) text = std::move(wrapped[i]);
        m_rows.push_back(layoutRow(all[i], i, reply ? 22.f : 0.f, y, m_selected && *m_selected == all[i].id, wrap,
                                   std::move(text)));
        y += m_rows.back().height + 4;
    }
    m_rowsHeight = y;
}

std::string CommentsPanel::tabLabel(const App& app) {
    CountKey key{app.commentsVersion(), m_filterReviewerId, m_filterKind, m_filterResolved, m_filterTag};
    if (!(key == m_countKey)) {
        m_countKey = key;
        m_shownCount =
            commentListOrder(app.comments(), [&](const store::Comment& c) { return passesFilter(c); }).size();
    }
    return commentsTabLabel(m_shownCount, app.comments().size());
}

void CommentsPanel::drawList(App& app) {
    const auto& all = app.comments();
    ImGui::BeginChild("##list", ImVec2(0, 0), false);
    const float wrap = ImGui::GetContentRegionAvail().x - 16;
    layoutRows(app, wrap);
    const char* command = nullptr;  // run after the list is drawn
    std::string tagClicked;
    const int shown = static_cast<int>(m_rows.size());
    auto drawOne = [&](const store::Comment& c, const Row& row) {
        const float indent = row.indent;
        const float h = row.height;
        ImGui::PushID(c.id.toString().c_str());
        const bool selected = m_selected && *m_selected == c.id;
        const float x = ImGui::GetCursorScreenPos().x + indent;
        ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(x, top.y));
        if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(wrap - indent, h))) {
            m_selected = c.id;
            app.invoke("seek", {formatSeconds(c.start, 6)});
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(x, top.y + 2), ImVec2(x + 4, top.y + h - 2), rgbToImU32(c.authorColor), 2);
        ImGui::SetCursorScreenPos(ImVec2(x + 10, top.y + 3));
        std::string when = formatTime(c.start, 1) + (c.end ? " \u2192 " + formatTime(*c.end, 1) : std::string());
        ImGui::TextUnformatted(when.c_str());
        ImGui::SameLine();
        ImGui::TextColored(rgbToVec4(c.authorColor), "%s", c.authorName.c_str());
        ImGui::SameLine();
        ImGui::TextColored(rgbToVec4(kindColor(c.kind)), "%s", kindLabel(c.kind).c_str());
        if (c.isPrivate) {
            ImGui::SameLine();
            ImGui::TextDisabled("private");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kPrivateMeaning);
        }
        if (c.resolved) {
            ImGui::SameLine();
            ImGui::TextColored(rgbToVec4(0x57ab5a), "\u2714 resolved");
        }
        ImGui::SetCursorScreenPos(ImVec2(x + 10, ImGui::GetCursorScreenPos().y));
        // Wrapped at spaces by layoutRow, so a row is as tall as its text.
        if (c.resolved) ImGui::PushStyleColor(ImGuiCol_Text, rgbToVec4(0x9da7b1));
        ImGui::TextUnformatted(row.text.c_str());
        if (c.resolved) ImGui::PopStyleColor();
        if (!c.tags.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x + 10, ImGui::GetCursorScreenPos().y));
            // Each tag filters the list by itself when clicked.
            for (size_t ti = 0; ti < c.tags.size(); ++ti) {
                if (ti > 0) ImGui::SameLine(0, 10);
                ImGui::TextColored(rgbToVec4(0x6cb6ff), "#%s", c.tags[ti].c_str());
                if (ImGui::IsItemHovered()) {
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    ImGui::GetWindowDrawList()->AddLine(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y),
                                                        ImGui::GetItemRectMax(), rgbToImU32(0x6cb6ff));
                    ImGui::SetTooltip("Show only comments tagged #%s", c.tags[ti].c_str());
                    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) tagClicked = c.tags[ti];
                }
            }
        }
        if (selected) {
            // The buttons act on the selected comment through the same commands as the keys.
            const auto buttons = actions(c);
            const auto places = placeButtons(buttons, wrap - indent - 10);
            const float y0 = ImGui::GetCursorScreenPos().y;
            const bool looping = c.end && app.loop && app.loop->start == c.start && app.loop->end <= *c.end &&
                                 app.loop->end + app.player().frameDuration() >= *c.end;
            for (size_t b = 0; b < buttons.size(); ++b) {
                ImGui::SetCursorScreenPos(
                    ImVec2(x + 10 + places[b].x, y0 + static_cast<float>(places[b].line) * ImGui::GetFrameHeightWithSpacing()));
                if (buttons[b].command) {
                    if (ImGui::SmallButton(buttons[b].label)) command = buttons[b].command;
                    continue;
                }
                // Loop, lit while this comment's stretch loops.
                if (looping) ImGui::PushStyleColor(ImGuiCol_Button, rgbToVec4(colors::kAccent));
                const bool clicked = ImGui::SmallButton(buttons[b].label);
                if (looping) ImGui::PopStyleColor();
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip(looping ? "Looping: click to stop (Shift+L)" : "Play this stretch over and over (Shift+L)");
                if (clicked && looping) app.invoke("loop");
                else if (clicked) app.invoke("loop", {formatSeconds(c.start, 6), formatSeconds(*c.end, 6)});
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + h + 4));
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::PopID();
    };
    // Visible rows only: binary search on the precomputed tops.
    const float scroll = ImGui::GetScrollY();
    const float viewH = ImGui::GetWindowHeight();
    if (m_scrollToSelected && m_selected) {
        for (const auto& r : m_rows)
            if (all[r.index].id == *m_selected) ImGui::SetScrollY(std::max(0.f, r.top - viewH * 0.3f));
        m_scrollToSelected = false;
    }
    auto first = std::lower_bound(m_rows.begin(), m_rows.end(), scroll,
                                  [](const Row& r, float y) { return r.top + r.height < y; });
    const float originY = ImGui::GetCursorPosY();
    for (auto it = first; it != m_rows.end() && it->top < scroll + viewH; ++it) {
        ImGui::SetCursorPosY(originY + it->top);
        drawOne(all[it->index], *it);
    }
    ImGui::SetCursorPosY(originY + m_rowsHeight);
    ImGui::Dummy(ImVec2(1, 1));
    if (shown == 0) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled(all.empty() ? "No comments yet. Press C to add one at the playhead; I and O mark a range first."
                                        : "No comments match the filters.");
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();

    // Act after the list is drawn, so the data it iterates stays put.
    if (command) app.invoke(command);
    if (!tagClicked.empty()) app.invoke("filter-tag", {tagClicked});
}

void CommentsPanel::draw(App& app, const PixelRect& area) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgbToVec4(0x22272e));
    if (beginPane("##comments", area)) {
        drawSidePanelTabs(app);
        if (app.clip()) {
            // Right-aligned; shortened when a filtered count ("Comments 3 of 10") leaves less room.
            ImGui::SameLine(0, 8);
            const float room = ImGui::GetContentRegionAvail().x;
            const bool full = room >= 130;
            const float bw = full ? 130 : ImGui::CalcTextSize("+ (C)").x + ImGui::GetStyle().FramePadding.x * 2;
            ImGui::SameLine(ImGui::GetCursorPosX() + std::max(0.f, room - bw));
            if (ImGui::Button(full ? "+ Comment (C)" : "+ (C)##new", ImVec2(bw, 0))) app.invoke("new-comment");
            if (!full && ImGui::IsItemHovered()) ImGui::SetTooltip("New comment at the playhead (C)");
        }
        ImGui::Separator();
        if (!app.clip()) {
            ImGui::TextDisabled("Open a lesson to see its comments.");
        } else {
            if (m_composing) drawComposer(app);
            drawFilters(app);
            drawList(app);
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace ll::ui
