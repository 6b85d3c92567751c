#pragma once
// Finding what a person names on the command line: a clip by id, id prefix or media path; a
// comment by id or prefix; a reviewer by name. Messages say what to type instead.

#include <string_view>

#include "apps/lessonlens-cli/cli_context.h"
#include "store/library.h"

namespace ll::cli {

// `arg` is a clip id, a unique prefix of one, or a media path. A media path not yet in the
// library is added when `addIfNew` is set (probed first, so a file that is not media changes
// nothing); otherwise it is an error that says how to add it.
Result<store::Clip> findClip(Context& ctx, std::string_view arg, bool addIfNew);
Result<store::Comment> findComment(store::Library& library, std::string_view arg);
Result<store::Reviewer> findReviewer(store::Library& library, std::string_view name);


}  // namespace ll::cli
