#pragma once
// One spelling for text that is looked up or compared: Unicode's composed form (NFC). "José"
// typed on Linux is one character é; from a Mac keyboard, a file name or a pack written there it
// can be e plus a combining accent. Both look the same, and without this a reviewer or a tag
// would be split in two. Uses utf8proc. Any thread.

#include <string>
#include <string_view>

namespace ll::store {

// `text` in NFC. Text that is not valid UTF-8 comes back unchanged (callers check it first).
std::string composed(std::string_view text);

// `text` as a search or sort compares it: case folded, accents and compatibility forms dropped
// ("Élodie" and "ELODIE" are both "elodie", "ﬁ" is "fi"). Not for display.
std::string searchKey(std::string_view text);

}  // namespace ll::store
