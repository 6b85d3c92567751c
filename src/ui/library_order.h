#pragma once
// Which lessons the library shows, and in what order: a search over titles, file names and
// reviewers, and a sort by any column. Free of ImGui so it can be tested. Value types; UI thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/media_time.h"

namespace ll::ui {

// What the library sorts and searches one lesson by.
struct LibraryEntry {
    std::string title;
    std::string path;                    // may be empty (a lesson known only from a pack)
    std::vector<std::string> reviewers;
    int64_t added = 0;                   // Unix microseconds
    MediaTime duration;
    int comments = 0;
    std::optional<double> teacherShare;  // nullopt: no talk time yet
};

enum class LibrarySort { Title, Added, Length, Comments, Reviewers, TalkTime };

// "talk time" → TalkTime, and so on (the column's name in any case); nullopt for others.
std::optional<LibrarySort> parseLibrarySort(std::string_view name);

// Every word of `query` appears, ignoring case, in the title, the file's name or a reviewer's
// name. An empty query matches everything.
bool matchesQuery(const LibraryEntry& entry, std::string_view query);

// The indices of the entries that match `query`, sorted by `by` (ties keep the order they came
// in). Lessons without talk time come last in either direction when sorting by talk time.
std::vector<size_t> libraryOrder(std::span<const LibraryEntry> entries, std::string_view query, LibrarySort by,
                                 bool ascending);

}  // namespace ll::ui
