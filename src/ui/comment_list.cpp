#include "ui/comment_list.h"

#include <map>
#include <set>

namespace ll::ui {

std::vector<CommentListEntry> commentListOrder(
    const std::vector<store::Comment>& all,
    const std::function<bool(const store::Comment&)>& passes) {
    std::set<Id> present;
    for (const auto& c : all) present.insert(c.id);
    std::map<Id, std::vector<size_t>> replies;
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].parentId && present.count(*all[i].parentId)) replies[*all[i].parentId].push_back(i);
    std::vector<CommentListEntry> out;
    out.reserve(all.size());
    // Iterative, so a long chain of replies to replies cannot exhaust the stack.
    std::vector<size_t> pending;
    for (size_t i = 0; i < all.size(); ++i) {
        const auto& c = all[i];
        if ((c.parentId && present.count(*c.parentId)) || !passes(c)) continue;
        out.push_back({i, false});
        pending.clear();
        auto pushReplies = [&](size_t of) {
            auto it = replies.find(all[of].id);
            if (it == replies.end()) return;
            for (auto r = it->second.rbegin(); r != it->second.rend(); ++r) pending.push_back(*r);
        };
        pushReplies(i);
        while (!pending.empty()) {
            const size_t r = pending.back();
            pending.pop_back();
            out.push_back({r, true});
            pushReplies(r);
        }
    }
    return out;
}

std::string commentsTabLabel(size_t shown, size_t total) {
    if (shown == total) return "Comments " + std::to_string(total);
    return "Comments " + std::to_string(shown) + " of " + std::to_string(total);
}

}  // namespace ll::ui
