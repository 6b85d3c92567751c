#pragma once
// Media fixtures made at test time with the ffmpeg CLI, never downloaded or committed. Each file
// is cached in the build tree under a name that includes a hash of its recipe, and written
// atomically, so tests running in parallel processes share one copy.

#include "support/process.h"
#include <cstdint>
#include <filesystem>
#include <string>

namespace ll::media::test {

// The cache folder (created on first use).
std::filesystem::path fixtureDir();

// Makes `name` (its extension picks the muxer) with `ffmpeg -y -v error <args> <out>` unless it
// already exists; returns its path. Fails the current test (and returns an empty path) when
// ffmpeg fails.
std::filesystem::path makeFixture(const std::string& name, const std::string& args);

// The standard fixtures used across the media tests.
std::filesystem::path h264AacMp4();      // 320x240 25 fps, 3 s, GOP 50 with B-frames; 48 kHz stereo
std::filesystem::path hevcRotatedMp4();  // HEVC 320x240 with a 90° display matrix
std::filesystem::path audioOnlyM4a();    // AAC mono 44.1 kHz, 3 s
std::filesystem::path videoOnlyMp4();    // H.264 160x120, 2 s, no audio
std::filesystem::path faststartMp4();    // H.264/AAC 160x120, 4 s, GOP 25, index (moov) first
// WebM as FFmpeg writes it to a file: Duration in the header, cues (the index) after the
// clusters, so a copy cut short keeps the first and loses the second. VP9/Opus 160x120, 8 s.
std::filesystem::path webmWithCuesLast();
// WebM with a Duration and no cues at all. VP8/Vorbis 160x120, 8 s.
std::filesystem::path webmWithoutCues();
// QuickTime with a timecode track (tmcd) starting at `timecode`, as cameras write it:
// H.264 160x120 at `rate` fps, 2 s, with AAC sound when `withSound`. The extension picks .mov
// or .mp4. A drop-frame timecode ("00:59:59;28") needs an NTSC rate ("30000/1001").
std::filesystem::path withTimecodeTrack(const std::string& name, const std::string& timecode,
                                        bool withSound = true, const std::string& rate = "25");

// A stream copy of `source` with a display matrix that turns the picture clockwise.
std::filesystem::path withRotation(const std::filesystem::path& source, int clockwiseDegrees);

// A per-process scratch folder for files a test writes.
std::filesystem::path scratchDir();

// `ffmpeg -ss <seconds> -i FILE -frames:v 1` as an RGB PNG (autorotated like a player).
std::filesystem::path ffmpegFramePng(const std::filesystem::path& file, double seconds,
                                     const std::string& name);
// The `index`-th decoded frame (from 0), decoding from the start: the reference where ffmpeg's
// seeking is not frame-accurate (MPEG-TS in FFmpeg 5.1).
std::filesystem::path ffmpegFrameByIndexPng(const std::filesystem::path& file, int64_t index,
                                            const std::string& name);
// PSNR in dB between two images of the same size (ffmpeg's psnr filter); 100 when identical,
// -1 when ffmpeg fails (different sizes).
double psnr(const std::filesystem::path& a, const std::filesystem::path& b);
// ffprobe's format duration in seconds, -1 on failure.
double ffprobeDuration(const std::filesystem::path& file);
// ffprobe's start time in seconds of the container.
double ffprobeStartTime(const std::filesystem::path& file);
// The latest end (pts + duration) over all packets ffprobe reads from the whole file, in seconds
// from the container's start; -1 on failure. Where a file cut short really stops.
double ffprobeLastPacketEnd(const std::filesystem::path& file);
// The file's first `bytes` bytes copied to `name` in the scratch folder.
std::filesystem::path truncatedCopy(const std::filesystem::path& file, uint64_t bytes,
                                    const std::string& name);

// Runs a shell command, returns its exit status; stdout goes to `output` when given.
// Shell helpers shared by every suite (tests/support/process.h).
using ll::test::runShell;
using ll::test::shellQuote;

}  // namespace ll::media::test
