#include "ui/library_order.h"

#include <algorithm>
#include <filesystem>

#include "core/text.h"
#include "store/unicode.h"

namespace ll::ui {
namespace {

bool contains(std::string_view haystackLower, std::string_view needleLower) {
    return haystackLower.find(needleLower) != std::string_view::npos;
}

std::string reviewerList(const LibraryEntry& e) {
    std::string names;
    for (const auto& n : e.reviewers) names += (names.empty() ? "" : ", ") + n;
    return names;
}

}  // namespace

std::optional<LibrarySort> parseLibrarySort(std::string_view name) {
    const std::string n = toLower(trim(name));
    if (n == "lesson" || n == "title") return LibrarySort::Title;
    if (n == "added") return LibrarySort::Added;
    if (n == "length") return LibrarySort::Length;
    if (n == "comments") return LibrarySort::Comments;
    if (n == "reviewers") return LibrarySort::Reviewers;
    if (n == "talk time" || n == "talk" || n == "teacher") return LibrarySort::TalkTime;
    return std::nullopt;
}

bool matchesQuery(const LibraryEntry& e, std::string_view query) {
    const std::string title = store::searchKey(e.title);
    const std::string file = store::searchKey(std::filesystem::path(e.path).filename().string());
    const std::string reviewers = store::searchKey(reviewerList(e));
    for (const std::string& word : split(store::searchKey(query), ' ')) {
        if (word.empty()) continue;
        if (!contains(title, word) && !contains(file, word) && !contains(reviewers, word)) return false;
    }
    return true;
}

std::vector<size_t> libraryOrder(std::span<const LibraryEntry> entries, std::string_view query, LibrarySort by,
                                 bool ascending) {
    std::vector<size_t> order;
    for (size_t i = 0; i < entries.size(); ++i)
        if (matchesQuery(entries[i], query)) order.push_back(i);
    // Titles and names sort as they are searched: "Élodie" among the e's, whatever the case.
    std::vector<std::string> keys(entries.size());
    if (by == LibrarySort::Title || by == LibrarySort::Reviewers)
        for (size_t i : order)
            keys[i] = store::searchKey(by == LibrarySort::Title ? entries[i].title : reviewerList(entries[i]));
    // -1, 0 or 1: how entry i compares with j in ascending order.
    auto compare = [&](size_t i, size_t j) -> int {
        auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
        const LibraryEntry &a = entries[i], &b = entries[j];
        switch (by) {
            case LibrarySort::Title:
            case LibrarySort::Reviewers: return cmp(keys[i], keys[j]);
            case LibrarySort::Added: return cmp(a.added, b.added);
            case LibrarySort::Length: return cmp(a.duration, b.duration);
            case LibrarySort::Comments: return cmp(a.comments, b.comments);
            case LibrarySort::TalkTime: return cmp(a.teacherShare.value_or(0), b.teacherShare.value_or(0));
        }
        return 0;
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
        const LibraryEntry &a = entries[i], &b = entries[j];
        if (by == LibrarySort::TalkTime && a.teacherShare.has_value() != b.teacherShare.has_value())
            return a.teacherShare.has_value();  // not analysed yet: last either way
        if (by == LibrarySort::Reviewers && a.reviewers.empty() != b.reviewers.empty())
            return !a.reviewers.empty();  // no reviewers yet: last either way
        const int c = compare(i, j);
        return ascending ? c < 0 : c > 0;
    });
    return order;
}

}  // namespace ll::ui
