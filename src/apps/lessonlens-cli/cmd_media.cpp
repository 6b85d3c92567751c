// lessonlens-cli probe, frame, check: looking into a media file without adding it to the library.
// MEDIA may also name a clip already in the library (its id or the start of it): its recording.

#include <cmath>
#include <iostream>
#include <memory>

#include "apps/lessonlens-cli/cli_context.h"
#include "apps/lessonlens-cli/lookup.h"
#include "core/id.h"
#include "core/text.h"
#include "core/time_text.h"
#include "jobs/clip_import.h"
#include "media/fingerprint.h"
#include "media/media_check.h"
#include "media/png_writer.h"
#include "media/probe.h"
#include "media/video_decoder.h"

namespace ll::cli {
namespace {

// The file MEDIA names: the file itself, or when no such file exists and MEDIA looks like a clip
// id, that clip's recording (a coach saving the frame of a comment types the id the comment
// list shows). Never creates a library: with none, the media layer says the file is missing.
Result<std::string> mediaFile(Context& ctx, const std::string& arg) {
    std::error_code ec;
    if (std::filesystem::exists(arg, ec) || !looksLikeIdPrefix(trimView(arg)) ||
        !std::filesystem::exists(ctx.databasePath(), ec))
        return arg;
    LL_ASSIGN(store::Clip clip, findClip(ctx, arg, false));
    LL_ASSIGN(std::filesystem::path file, jobs::recordingOf(clip));
    return file.string();
}

// Seconds for JSON, rounded to the microsecond so no binary noise shows.
double seconds(MediaTime t) {
    return static_cast<double>(t.micros()) / 1e6;
}

nlohmann::json streamJson(const media::StreamInfo& s) {
    nlohmann::json j = {{"index", s.index},       {"type", media::toString(s.type)},
                        {"codec", s.codec},       {"codec_long_name", s.codecLongName},
                        {"default", s.isDefault}, {"duration", seconds(s.duration)},
                        {"bit_rate", s.bitRate}};
    if (!s.language.empty()) j["language"] = s.language;
    if (!s.codecTag.empty()) j["codec_tag"] = s.codecTag;
    if (!s.timecode.empty()) j["timecode"] = s.timecode;
    if (s.type == media::StreamType::Other) j["description"] = media::describeOtherStream(s);
    if (s.type == media::StreamType::Video) {
        j["width"] = s.width;
        j["height"] = s.height;
        j["fps"] = std::round(s.fps * 1000.0) / 1000.0;
        j["variable_frame_rate"] = s.variableFrameRate;
        j["pixel_format"] = s.pixelFormat;
        j["rotation"] = s.rotation;
        if (s.attachedPicture) j["attached_picture"] = true;
    } else if (s.type == media::StreamType::Audio) {
        j["sample_rate"] = s.sampleRate;
        j["channels"] = s.channels;
        j["channel_layout"] = s.channelLayout;
    }
    return j;
}

std::string describeStream(const media::StreamInfo& s) {
    const bool other = s.type == media::StreamType::Other;
    std::string out = "#" + std::to_string(s.index) + " " + media::toString(s.type) + ": " +
                      (other ? media::describeOtherStream(s) : s.codec);
    if (s.type == media::StreamType::Video) {
        out += " " + std::to_string(s.width) + "x" + std::to_string(s.height);
        if (!s.attachedPicture && s.fps > 0) {  // a cover picture has no frame rate
            char fps[32];
            std::snprintf(fps, sizeof fps, " %.3g fps", s.fps);
            out += fps;
        }
        if (s.variableFrameRate) out += " (variable)";
        if (!s.pixelFormat.empty()) out += " " + s.pixelFormat;
        if (s.rotation) out += ", rotated " + std::to_string(s.rotation) + "° clockwise";
        if (s.attachedPicture) out += " (cover picture)";
    } else if (s.type == media::StreamType::Audio) {
        out += " " + std::to_string(s.sampleRate) + " Hz " +
               (s.channelLayout.empty() ? std::to_string(s.channels) + " ch" : s.channelLayout);
    }
    // A timecode has no language: the one on its track is the muxer's default ("eng").
    if (!s.language.empty() && s.codecTag != "tmcd") out += " [" + s.language + "]";
    if (s.isDefault) out += " default";
    return out;
}

void runProbe(Context& ctx, const std::string& arg) {
    auto resolved = mediaFile(ctx, arg);
    if (!resolved) return ctx.fail(resolved.error());
    const std::string& path = *resolved;
    auto info = media::probe(path);
    if (!info) return ctx.fail(info.error());
    auto fp = media::fingerprint(path);
    if (!fp) return ctx.fail(fp.error());
    if (ctx.json) {
        nlohmann::json streams = nlohmann::json::array();
        for (const auto& s : info->streams) streams.push_back(streamJson(s));
        nlohmann::json j = {{"path", path},
                            {"container", info->container},
                            {"container_long_name", info->containerLongName},
                            {"duration", seconds(info->duration)},
                            {"bit_rate", info->bitRate},
                            {"size_bytes", info->sizeBytes},
                            {"fingerprint", fp->toString()},
                            {"clip_id", fp->clipId().toString()},
                            {"streams", streams}};
        j["ends_early_at"] = info->endsEarlyAt ? nlohmann::json(seconds(*info->endsEarlyAt))
                                               : nlohmann::json(nullptr);
        j["creation_time"] = info->creationTimeUnixMicros
                                 ? nlohmann::json(formatIsoUtc(*info->creationTimeUnixMicros))
                                 : nlohmann::json(nullptr);
        ctx.printJson(j);
        return;
    }
    std::cout << path << "\n"
              << "  container: " << info->container << " (" << info->containerLongName << ")\n"
              << "  duration:  " << formatTime(info->duration) << "\n"
              << "  size:      " << formatBytes(info->sizeBytes) << "\n";
    if (info->creationTimeUnixMicros) {
        std::cout << "  recorded:  " << formatIsoUtc(*info->creationTimeUnixMicros) << "\n";
    }
    for (const auto& s : info->streams) std::cout << "  " << describeStream(s) << "\n";
    if (info->endsEarlyAt) {
        std::cout << "  ends early: the file stops at " << formatTime(*info->endsEarlyAt)
                  << "; the rest is missing\n";
    }
    std::cout << "  fingerprint: " << fp->toString() << "\n";
}

struct FrameOptions {
    std::string media;
    std::string at;
    std::string out;
    int width = 0;            // 0: full size
    bool widthGiven = false;  // --width 0 is a mistake, not "full size"
};

void runFrame(Context& ctx, const FrameOptions& opt) {
    auto t = parseTime(opt.at);
    if (!t) {
        return ctx.fail(Error::invalid("--at " + opt.at +
                                       " is not a time; use seconds (83.4) or "
                                       "m:ss (1:23.4)"));
    }
    if ((opt.widthGiven && opt.width == 0) || opt.width < 0 || opt.width > 16384) {
        return ctx.fail(Error::invalid("--width must be between 1 and 16384 pixels"));
    }
    auto file = mediaFile(ctx, opt.media);
    if (!file) return ctx.fail(file.error());
    // Every lesson's recording is kept from being written over, so an existing library is
    // opened to list them (none is created for this).
    std::error_code ec;
    if (std::filesystem::exists(ctx.databasePath(), ec)) {
        if (auto lib = ctx.library(); !lib) return ctx.fail(lib.error());
    }
    if (Status st = checkOutputOption(ctx, opt.out, "--out", {{*file, "the recording"}}); !st) {
        return ctx.fail(st.error());
    }
    auto decoder = media::VideoDecoder::open(*file);
    if (!decoder) return ctx.fail(decoder.error());
    MediaTime duration = (*decoder)->duration();
    if (*t < MediaTime::zero() || (duration > MediaTime::zero() && *t >= duration)) {
        return ctx.fail(Error::invalid("--at " + opt.at +
                                       " is outside the clip, which runs from "
                                       "0:00.000 to " +
                                       formatTime(duration)));
    }
    // Past where a file cut short stops there is no frame to show, whatever the decoder finds
    // (an earlier frame, or an error that says less).
    if (auto info = media::probe(*file); info && info->endsEarlyAt && *t >= *info->endsEarlyAt) {
        return ctx.fail(Error::make(Error::Code::Damaged,
                                    "--at " + opt.at + " is past where the file stops (" +
                                        formatTime(*info->endsEarlyAt) +
                                        "); the rest of the recording is missing"));
    }
    auto shown = (*decoder)->seek(*t);
    if (!shown) return ctx.fail(shown.error());
    auto image = (*decoder)->thumbnail(opt.width);
    if (!image) return ctx.fail(image.error());
    if (auto written = media::writePng(opt.out, *image); !written) return ctx.fail(written.error());
    if (ctx.json) {
        ctx.printJson({{"out", opt.out},
                       {"time", seconds(*shown)},
                       {"width", image->width},
                       {"height", image->height},
                       {"rotation", (*decoder)->rotation()}});
    } else {
        noteStreamFor(opt.out) << "Wrote " << opt.out << " (" << image->width << "x"
                               << image->height << "), the frame shown at " << formatTime(*t)
                               << " (it starts at " << formatTime(*shown) << ")\n";
    }
}

void runCheck(Context& ctx, const std::string& arg) {
    auto resolved = mediaFile(ctx, arg);
    if (!resolved) return ctx.fail(resolved.error());
    const std::string& path = *resolved;
    auto report = media::checkMedia(path);
    if (!report) {
        // A file too damaged to open is a damaged file too: `check` says so with its exit code.
        const bool damaged = report.error().code == Error::Code::Damaged;
        return ctx.fail(report.error(), damaged ? kExitDamaged : kExitFailure);
    }
    const media::CheckReport& r = *report;
    if (ctx.json) {
        nlohmann::json streams = nlohmann::json::array();
        for (const auto& s : r.streams) {
            nlohmann::json j = {{"index", s.index},
                                {"type", media::toString(s.type)},
                                {"codec", s.codec},
                                {"packets", s.packets},
                                {"frames", s.frames},
                                {"decode_errors", s.decodeErrors},
                                {"start", seconds(s.start)},
                                {"end", seconds(s.end)},
                                {"declared_duration", seconds(s.declaredDuration)}};
            if (s.type == media::StreamType::Audio) j["samples"] = s.samples;
            streams.push_back(std::move(j));
        }
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& p : r.problems) {
            errors.push_back(
                {{"stream", p.streamIndex}, {"time", seconds(p.time)}, {"message", p.message}});
        }
        nlohmann::json gaps = nlohmann::json::array();
        for (const auto& g : r.gaps) {
            gaps.push_back(
                {{"stream", g.streamIndex}, {"from", seconds(g.from)}, {"to", seconds(g.to)}});
        }
        ctx.printJson({{"path", path},
                       {"ok", !r.damaged()},
                       {"damaged", r.damaged()},
                       {"summary", r.summary()},
                       {"duration", seconds(r.declaredDuration)},
                       {"decoded_duration", seconds(r.decodedDuration)},
                       {"cut_short", r.cutShort},
                       {"read_error", r.readError},
                       {"decode_error_count", r.decodeErrorCount()},
                       {"streams", streams},
                       {"errors", errors},
                       {"gaps", gaps}});
    } else {
        std::cout << path << ": " << r.summary() << "\n";
        for (const auto& s : r.streams) {
            std::cout << "  #" << s.index << " " << media::toString(s.type) << " " << s.codec
                      << ": " << s.frames << " frames, " << formatTime(s.start) << " to "
                      << formatTime(s.end);
            if (s.decodeErrors) std::cout << ", " << s.decodeErrors << " decode errors";
            std::cout << "\n";
        }
        for (const auto& p : r.problems) {
            std::cout << "  error at " << formatTime(p.time) << " in stream #" << p.streamIndex
                      << ": " << p.message << "\n";
        }
        for (const auto& g : r.gaps) {
            std::cout << "  gap in stream #" << g.streamIndex << " from " << formatTime(g.from)
                      << " to " << formatTime(g.to) << "\n";
        }
    }
    if (r.damaged()) ctx.exitCode = kExitDamaged;
}

}  // namespace

void registerMediaCommands(CLI::App& app, Context& ctx) {
    auto media = std::make_shared<std::string>();
    auto* probe = app.add_subcommand("probe",
                                     "show what a media file holds (streams, duration, "
                                     "rotation, fingerprint)");
    probe->add_option("MEDIA", *media, "the video or audio file, or a clip in the library")->required();
    probe->callback([&ctx, media] { runProbe(ctx, *media); });

    auto frameOpt = std::make_shared<FrameOptions>();
    auto* frame = app.add_subcommand("frame",
                                     "save the frame shown at a time as a PNG, rotated "
                                     "as a player shows it");
    frame->add_option("MEDIA", frameOpt->media, "the video file, or a clip in the library")->required();
    frame->add_option("--at", frameOpt->at, "the time: seconds (83.4), m:ss or h:mm:ss")
        ->required();
    frame->add_option("--out", frameOpt->out, "the PNG file to write")->required();
    auto* width = frame->add_option("--width", frameOpt->width, "width in pixels (height follows)");
    frame->callback([&ctx, frameOpt, width] {
        frameOpt->widthGiven = width->count() > 0;
        runFrame(ctx, *frameOpt);
    });

    auto checkMedia = std::make_shared<std::string>();
    auto* check = app.add_subcommand("check",
                                     "decode every stream to the end and report damage; "
                                     "exit 3 when the file is damaged");
    check->add_option("MEDIA", *checkMedia, "the video or audio file, or a clip in the library")->required();
    check->callback([&ctx, checkMedia] { runCheck(ctx, *checkMedia); });
}

}  // namespace ll::cli
