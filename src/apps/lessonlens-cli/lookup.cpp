#include "apps/lessonlens-cli/lookup.h"

#include <cmath>
#include <system_error>

#include "core/text.h"
#include "jobs/clip_import.h"

namespace ll::cli {

Result<store::Clip> findClip(Context& ctx, std::string_view arg, bool addIfNew) {
    const std::string text(trimView(arg));
    if (text.empty()) return Error::invalid("name a clip: its id, the start of its id, or its file");
    std::error_code ec;
    if (std::filesystem::exists(text, ec) && !looksLikeIdPrefix(text)) {
        // A media path: the content decides which clip it is.
        LL_ASSIGN(jobs::ClipImport import, jobs::describeMedia(text));
        LL_ASSIGN(store::Library * lib, ctx.library());
        LL_ASSIGN(auto stored, lib->clips().findByFingerprint(import.clip.fingerprint));
        LL_TRY(jobs::checkSameRecording(stored, import.clip));
        if (stored && !stored->stamps.isDeleted()) return *stored;
        if (!addIfNew) {
            return Error::notFound(text + " is not in the library yet; add it with "
                                          "`lessonlens-cli add " + text + "`");
        }
        LL_ASSIGN(jobs::AddedClip added, jobs::addClip(*lib, import));
        return added.clip;
    }
    LL_ASSIGN(store::Library * lib, ctx.library());
    if (!looksLikeIdPrefix(text)) {
        return Error::notFound("there is no clip or file called \"" + text +
                               "\"; see `lessonlens-cli clips` for the clips in the library");
    }
    LL_ASSIGN(auto matches, lib->clips().findByIdPrefix(text));
    if (matches.empty()) {
        return Error::notFound("no clip id starts with \"" + text +
                               "\"; see `lessonlens-cli clips` for the clips in the library");
    }
    if (matches.size() > 1) {
        return Error::make(Error::Code::Conflict,
                           std::to_string(matches.size()) + " clips have ids starting with \"" +
                               text + "\"; type more of the id");
    }
    return matches.front();
}

Result<store::Comment> findComment(store::Library& library, std::string_view arg) {
    const std::string text(trimView(arg));
    if (!looksLikeIdPrefix(text)) {
        return Error::invalid("\"" + text + "\" is not a comment id; `lessonlens-cli comment list "
                                            "CLIP` shows the ids");
    }
    LL_ASSIGN(auto matches, library.comments().findByIdPrefix(text));
    if (matches.empty()) return Error::notFound("no comment id starts with \"" + text + "\"");
    if (matches.size() > 1) {
        return Error::make(Error::Code::Conflict, std::to_string(matches.size()) +
                                                      " comments have ids starting with \"" + text +
                                                      "\"; type more of the id");
    }
    return matches.front();
}

Result<store::Reviewer> findReviewer(store::Library& library, std::string_view name) {
    LL_ASSIGN(auto found, library.reviewers().findByName(name));
    if (found) return *found;
    LL_ASSIGN(auto all, library.reviewers().list());
    std::string known;
    for (const auto& r : all) known += (known.empty() ? "" : ", ") + r.name;
    return Error::notFound("there is no reviewer called \"" + std::string(trimView(name)) + "\"" +
                           (known.empty() ? std::string(" (no one has commented yet)")
                                          : " (reviewers: " + known + ")"));
}

}  // namespace ll::cli
