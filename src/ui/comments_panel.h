#pragma once
// The clip's comments: a filterable list (time, author colour, kind, text, tags; replies under
// their comment), click to seek, and the composer for adding, editing and replying. Opening the
// composer pauses playback; saving or cancelling resumes it if it was playing. Saving writes to
// the library at once.
// UI thread.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/id.h"
#include "store/model.h"
#include "ui/app.h"

namespace ll::ui {

class CommentsPanel {
public:
    void draw(App& app, const PixelRect& area);

    // A new comment at the playhead (or over the in/out range when marked).
    void beginCompose(App& app);
    void beginReply(App& app, const store::Comment& parent);
    void beginEdit(App& app, const store::Comment& comment);
    bool isComposing() const { return m_composing; }
    // Reopens the composer with text that was being typed when the app last stopped (crash,
    // kill, power loss) if it belongs to the open clip.
    void restoreDraft(App& app);
    // "Comments 7", or "Comments 3 of 7" while the filters hide some (replies count too).
    std::string tabLabel(const App& app);
    void select(const Id& id) { m_selected = id; m_scrollToSelected = true; }
    const std::optional<Id>& selected() const { return m_selected; }

    // Filters (the combos and the filter-* commands).
    void setTagFilter(std::optional<std::string> tag) { m_filterTag = std::move(tag); }
    void setKindFilter(std::optional<store::CommentKind> kind);
    void setReviewerFilter(std::optional<Id> reviewer) { m_filterReviewerId = std::move(reviewer); }
    void setResolvedFilter(int state) { m_filterResolved = state; }  // 0 all, 1 open, 2 resolved
    void clearFilters();

    // The pin of the comment being written: a click on the picture sets it.
    void setPin(std::pair<float, float> pin);
    std::optional<std::pair<float, float>> composingPin() const;

private:
    void drawComposer(App& app);
    void gatherFilterChoices(App& app);
    void drawFilters(App& app);
    void drawTagField(App& app);
    void drawList(App& app);
    void layoutRows(App& app, float wrap);
    bool passesFilter(const store::Comment& c) const;
    void finishCompose(App& app, bool save);
    void openComposer(App& app);
    // True (with a message) when the composer holds unsaved text another action would replace.
    bool busyWithOtherText(App& app);
    // The composer's contents go to a draft file on every change, and the file is removed when
    // the comment is saved or cancelled: text being typed survives a crash.
    void saveDraft(App& app);
    void dropDraft(App& app);
    std::string m_draftWritten;  // what the draft file holds, to skip identical writes

    bool m_composing = false;
    bool m_focusText = false;
    bool m_resumeAfter = false;
    std::optional<Id> m_editingId;
    std::optional<Id> m_parentId;
    std::string m_parentText;
    MediaTime m_start;
    std::optional<MediaTime> m_end;
    std::string m_text;
    int m_kind = 3;  // CommentKind::Note
    std::string m_tags;
    bool m_private = false;
    std::optional<float> m_pinX, m_pinY;
    bool m_focusTags = false;
    bool m_suggestionsHovered = false;  // keeps the suggestions up while one is being clicked
    bool m_showSuggestions = false;     // last frame's, for the composer's height

    std::optional<Id> m_selected;
    bool m_scrollToSelected = false;
    // Filters: -1 means all.
    int m_filterKind = -1;
    int m_filterResolved = 0;   // 0 all, 1 open, 2 resolved
    std::optional<Id> m_filterReviewerId;
    std::optional<std::string> m_filterTag;

    // The list's layout, rebuilt when its key changes.
    struct Row {
        size_t index;  // into App::comments()
        float indent;
        float top;     // from the list's top, pixels
        float height;
        std::string text;  // the comment's text, wrapped at spaces to the row's width
    };
    // Comment `index` of App::comments() laid out `indent` pixels in, in a list `wrap` wide;
    // `wrapped` is its text as wrapped before at that width, if known.
    static Row layoutRow(const store::Comment& c, size_t index, float indent, float top, bool selected, float wrap,
                         std::optional<std::string> wrapped);
    struct RowKey {
        uint64_t version = ~uint64_t{0};
        float wrap = 0;
        std::optional<Id> selected;
        std::optional<Id> reviewer;
        int kind = -1;
        int resolved = 0;
        std::optional<std::string> tag;
        bool operator==(const RowKey&) const = default;
    };
    std::vector<Row> m_rows;
    RowKey m_rowKey;
    // The tab's count of listed comments, recounted when the comments or the filters change
    // (the tab shows while the list is not drawn, so the rows above may be out of date).
    struct CountKey {
        uint64_t version = ~uint64_t{0};
        std::optional<Id> reviewer;
        int kind = -1;
        int resolved = 0;
        std::optional<std::string> tag;
        bool operator==(const CountKey&) const = default;
    };
    CountKey m_countKey;
    size_t m_shownCount = 0;
    // The filters' choices: reviewers (in order of appearance) and tags (most used first) on the
    // clip, gathered when the comments change.
    std::optional<uint64_t> m_choicesVersion;
    std::vector<std::pair<Id, std::string>> m_reviewerChoices;
    std::vector<std::pair<std::string, int>> m_tagChoices;
    float m_rowsHeight = 0;
};

// Display colour of a comment kind (0xRRGGBB).
uint32_t kindColor(store::CommentKind kind);
// "strength" -> "Strength".
std::string kindLabel(store::CommentKind kind);

}  // namespace ll::ui
