#include "jobs/clip_import.h"

#include <algorithm>
#include <system_error>

#include "core/text.h"
#include "core/time_text.h"
#include "media/fingerprint.h"
#include "media/probe.h"

namespace ll::jobs {

Result<ClipImport> describeMedia(const std::filesystem::path& file, std::string title) {
    LL_ASSIGN(media::ProbeResult info, media::probe(file));
    LL_ASSIGN(media::Fingerprint fp, media::fingerprint(file));
    ClipImport out;
    store::Clip& clip = out.clip;
    clip.id = fp.clipId();
    clip.fingerprint = fp.toString();
    std::error_code ec;
    auto absolute = std::filesystem::absolute(file, ec);
    clip.path = (ec ? file : absolute.lexically_normal()).string();
    clip.title = std::move(title);  // empty: keep a stored title, or name a new clip by its file
    // A file name is any bytes (Latin-1 from an old camera's card): shown as text it can be.
    out.fallbackTitle = toDisplayText(file.stem().string());
    clip.duration = info.duration;
    out.endsEarlyAt = info.endsEarlyAt;
    for (const media::StreamInfo& s : info.streams) {
        if (s.type == media::StreamType::Video && !s.attachedPicture) out.hasVideo = true;
        if (s.type == media::StreamType::Audio) out.hasAudio = true;
        store::ClipStream cs;
        cs.index = s.index;
        cs.type = media::toString(s.type);
        cs.codec = s.codec;
        cs.width = s.width;
        cs.height = s.height;
        cs.fps = s.fps;
        cs.rotation = s.rotation;
        cs.sampleRate = s.sampleRate;
        cs.channels = s.channels;
        cs.language = s.language;
        clip.streams.push_back(std::move(cs));
    }
    if (!out.hasVideo && !out.hasAudio) {
        return Error::make(Error::Code::Media, file.string() +
                                                   " has neither video nor sound that LessonLens "
                                                   "can play; choose the lesson recording itself");
    }
    return out;
}

Status checkSameRecording(const std::optional<store::Clip>& existing, const store::Clip& incoming) {
    if (!existing || existing->path.empty() || existing->path == incoming.path) return {};
    std::error_code ec;
    if (!std::filesystem::exists(existing->path, ec) ||
        std::filesystem::equivalent(existing->path, incoming.path, ec)) {
        return {};
    }
    auto same = media::sameInside(existing->path, incoming.path);
    if (!same || *same) return {};  // unreadable now: the fingerprint has already decided
    return Error::make(Error::Code::Conflict,
                       "\"" + incoming.path + "\" has the same size, beginning and end as \"" +
                           existing->title + "\" (" + existing->path +
                           ") but differs inside: one of them is damaged or was changed. "
                           "LessonLens keeps using " + existing->path +
                           "; `lessonlens-cli check` tells which file is damaged");
}

Result<AddedClip> addClip(store::Library& library, const ClipImport& import) {
    AddedClip out;
    Status st = library.write([&]() -> Status {
        LL_ASSIGN(auto existing, library.clips().findByFingerprint(import.clip.fingerprint));
        out.isNew = !existing || existing->stamps.isDeleted();
        LL_TRY(checkSameRecording(existing, import.clip));
        store::Clip clip = import.clip;
        if (clip.title.empty() && (!existing || existing->title.empty())) {
            clip.title = import.fallbackTitle;
        }
        LL_ASSIGN(out.clip, library.clips().upsert(clip));
        return {};
    });
    if (!st) return st.takeError();
    return out;
}

Result<std::filesystem::path> recordingOf(const store::Clip& clip) {
    if (clip.path.empty()) {
        return Error::notFound("the recording of \"" + clip.title +
                               "\" is not on this computer; open or add the file to work on it");
    }
    std::error_code ec;
    if (!std::filesystem::exists(clip.path, ec)) {
        return Error::notFound("the recording of \"" + clip.title + "\" is not at " + clip.path +
                               " any more; open or add the file again (`lessonlens-cli add FILE`) "
                               "so LessonLens knows where it is");
    }
    return std::filesystem::path(clip.path);
}

std::string endsEarlyNote(const ClipImport& import) {
    if (!import.endsEarlyAt) return {};
    return "the file stops at " + formatTime(*import.endsEarlyAt, 0) + " of its " +
           formatTime(import.clip.duration, 0) + "; the rest is missing (was the copy finished?)";
}

bool hasSound(const store::Clip& clip) {
    return std::any_of(clip.streams.begin(), clip.streams.end(),
                       [](const store::ClipStream& s) { return s.type == "audio"; });
}

Status checkAnalysable(const store::Clip& clip) {
    LL_TRY(recordingOf(clip));
    if (!hasSound(clip)) {
        return Error::make(Error::Code::Media, "\"" + clip.title + "\" has no audio: there is "
                                               "no talk to measure in it");
    }
    return {};
}

}  // namespace ll::jobs
