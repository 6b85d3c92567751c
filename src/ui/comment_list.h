#pragma once
// The comments list's order and its count, apart from the drawing so they can be tested and so
// the panel's tab, the list, the library and the report count comments by one rule: every
// comment that is not deleted counts once, replies included. Pure functions; UI thread.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "store/model.h"

namespace ll::ui {

struct CommentListEntry {
    size_t index;  // into the clip's comments
    bool reply;    // shown indented under the comment it answers
};

// The comments in list order: each comment that `passes`, then its replies (and theirs), which
// stay with their comment whatever the filters say. A reply whose comment is not among `all`
// (that reviewer's pack is not imported yet) stands on its own and is filtered like a comment,
// as the HTML report shows it.
std::vector<CommentListEntry> commentListOrder(
    const std::vector<store::Comment>& all,
    const std::function<bool(const store::Comment&)>& passes);

// The Comments tab: "Comments 7", or "Comments 3 of 7" while filters hide some.
std::string commentsTabLabel(size_t shown, size_t total);

}  // namespace ll::ui
