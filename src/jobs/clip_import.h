#pragma once
// Turning a media file into a library clip: probe it, fingerprint it, and describe it as a
// store::Clip value. Nothing is written here, so a file that is not media never touches the
// library. Any thread.

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/library.h"

namespace ll::jobs {

struct ClipImport {
    store::Clip clip;           // ready for ClipRepository::upsert; title empty unless given
    std::string fallbackTitle;  // the file's name, for a new clip without a title
    bool hasVideo = false;
    bool hasAudio = false;
    std::optional<MediaTime> endsEarlyAt;  // the file stops before its stated length
};

// "the file stops at 0:11 of its 0:24; ..." for a file that ends early, to say on opening or
// adding it; empty otherwise.
std::string endsEarlyNote(const ClipImport& import);

// `title` may be empty: addClip keeps a stored title or uses the file's name.
Result<ClipImport> describeMedia(const std::filesystem::path& file, std::string title = {});

// A file with the fingerprint of a clip whose recording is still where the library saw it, in
// another place, is a copy, unless it differs inside: then one of the two is damaged (a bad
// card, a transfer cut short that kept the size) and must not stand for the clip, or an
// analysis of the damaged one would replace a good result. Refused with a Conflict saying so.
Status checkSameRecording(const std::optional<store::Clip>& existing, const store::Clip& incoming);

// describeMedia + upsert (after checkSameRecording). `isNew` tells whether the library had not
// seen this content before.
struct AddedClip {
    store::Clip clip;
    bool isNew = false;
};
Result<AddedClip> addClip(store::Library& library, const ClipImport& import);

// The clip's recording on this computer, or why it cannot be used: moved or renamed since it was
// added, or never here (a clip that came in a colleague's review pack). Opening or adding the
// file again puts it back: clips are known by their content.
Result<std::filesystem::path> recordingOf(const store::Clip& clip);

// Whether the clip's recording has a sound track.
bool hasSound(const store::Clip& clip);

// Whether talk time can be measured in the clip: its recording is here and has a sound track.
Status checkAnalysable(const store::Clip& clip);

}  // namespace ll::jobs
