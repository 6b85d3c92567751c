#pragma once
// What a media file holds, read from its headers (and a short look at the packets where the
// container does not say): container, duration, streams, rotation, creation time.
// Any thread; no state.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/media_time.h"
#include "core/result.h"

namespace ll::media {

enum class StreamType { Video, Audio, Subtitle, Other };
const char* toString(StreamType t);  // "video", "audio", "subtitle", "other"

struct StreamInfo {
    int index = -1;                 // the container's stream index
    StreamType type = StreamType::Other;
    std::string codec;              // FFmpeg's short codec name: "h264", "aac", ...
    std::string codecLongName;
    std::string codecTag;           // the container's four characters: "avc1", "tmcd"; or empty
    std::string handlerName;        // QuickTime's name for the track ("GoPro MET"), or empty
    std::string timecode;           // the start timecode a camera stamped: "01:00:00:00"
    std::string language;           // ISO 639 tag from the container, empty when unknown
    bool isDefault = false;         // the stream a player picks by default for its type
    MediaTime duration;             // zero when the container does not say
    int64_t bitRate = 0;            // bits per second, 0 when unknown
    // video
    int width = 0, height = 0;      // coded size, before rotation
    double fps = 0;                 // average frame rate
    bool variableFrameRate = false;
    std::string pixelFormat;
    int rotation = 0;               // clockwise degrees a player turns the picture: 0, 90, 180, 270
    bool attachedPicture = false;   // cover art in an audio file, not a video track
    // audio
    int sampleRate = 0;
    int channels = 0;
    std::string channelLayout;
};

// What a stream of type Other holds, in words a teacher can read: "timecode 01:00:00:00" for a
// timecode track, FFmpeg's codec name when it has one, else "data" with what the container
// says of it ("GoPro MET data (gpmd)").
std::string describeOtherStream(const StreamInfo& s);

struct ProbeResult {
    std::string container;          // FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string containerLongName;
    MediaTime duration;
    int64_t bitRate = 0;
    uint64_t sizeBytes = 0;
    std::optional<int64_t> creationTimeUnixMicros;  // from the container's creation_time tag
    std::vector<StreamInfo> streams;
    // Set when the recording stops here, before `duration` (a copy that did not finish, a card
    // pulled out mid-write): the container's index points past the end of the file, or, with
    // no index left to say so (a WebM whose cues went with the cut), its last packets end more
    // than kEndsEarlyTolerance before the Duration its header states.
    std::optional<MediaTime> endsEarlyAt;

    const StreamInfo* bestVideo() const;  // first default, else first real video stream
    const StreamInfo* bestAudio() const;
};

// How far before its stated duration a file's packets may end and the file still be whole: the
// last frame's duration and encoder delay. checkMedia allows decoding the same slack.
inline constexpr MediaTime kEndsEarlyTolerance = MediaTime::fromMillis(500);

// Errors name the file and say what a teacher can do ("is not a video or audio file", "is a
// folder", "cannot be read: permission denied").
Result<ProbeResult> probe(const std::filesystem::path& file);

}  // namespace ll::media
