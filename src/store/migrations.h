#pragma once
// The library's schema, as an ordered list of migrations keyed on PRAGMA user_version.

#include <cstdint>
#include <span>
#include <string_view>

namespace ll::store {

// 'LsnL' in the SQLite header marks a file as a LessonLens library.
inline constexpr int32_t kApplicationId = 0x4C736E4C;

struct Migration {
    int version;           // user_version after this migration
    std::string_view sql;  // applied inside one transaction
};

std::span<const Migration> migrations();
int latestSchemaVersion();

}  // namespace ll::store
