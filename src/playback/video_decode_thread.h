#pragma once
// The video decode thread: owns a media::VideoDecoder, answers seek and step requests, and
// decodes ahead into a FrameQueue. A new request replaces a pending one (only the latest seek
// matters) and carries the serial its frames are tagged with.
//
// Reverse playback: codecs only decode forward from a keyframe, so the thread decodes the chunk
// of frames before the last one it gave out (seeking to the keyframe before the chunk and
// decoding on), then queues that chunk newest first. A chunk is about kReverseChunkBytes of
// pictures, so the queue plus the chunk being decoded stay near two chunks of memory.
// Created and controlled from the UI thread; the decoder itself lives on the worker thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <future>
#include <optional>
#include <thread>

#include "core/result.h"
#include "media/video_decoder.h"
#include "playback/frame_queue.h"

namespace ll::playback {

struct DecodeRequest {
    enum class Kind { Seek, Step, Reverse };
    Kind kind = Kind::Seek;
    // Seek: the target; Step: the frame to step from; Reverse: frames shown at or before this
    // time, newest first (the first is the frame shown at `time`).
    MediaTime time;
    int steps = 0;   // Step: frames, negative steps back
    int serial = 0;
};

class VideoDecodeThread {
public:
    struct Info {
        int width = 0, height = 0, rotation = 0;
        double frameRate = 0;
        MediaTime duration;
    };

    // Starts the worker and waits for it to open the decoder, so errors come back at once. `serial` is the player's current serial, read by the queue to drop stale pushes.
    static Result<std::unique_ptr<VideoDecodeThread>> start(const std::filesystem::path& file,
                                                            FrameQueue& queue,
                                                            const std::atomic<int>& serial);
    ~VideoDecodeThread();
    VideoDecodeThread(const VideoDecodeThread&) = delete;
    VideoDecodeThread& operator=(const VideoDecodeThread&) = delete;

    const Info& info() const { return m_info; }
    // Frames per reverse chunk: the queue should hold this many more for reverse playback.
    size_t reverseChunkFrames() const { return m_reverseChunk; }
    void request(const DecodeRequest& request);
    // The size the picture is shown at, in pixels after rotation (0 x 0: not known). Frames
    // decoded ahead for playing come shrunk to it when that is much smaller than the video
    // (media::VideoDecoder::frameForView); the frame a seek or step asks for comes whole, so a
    // paused picture keeps all its detail. Any thread.
    void setViewSize(int width, int height);
    // True once the decoder ran past the last frame for requests of `serial`.
    bool atEnd(int serial) const { return m_endSerial.load() == serial; }

private:
    VideoDecodeThread(FrameQueue& queue, const std::atomic<int>& serial);
    // Worker thread: opens the decoder and says how that went through `opened` (false: failed,
    // the thread ends), then serves requests until stopped.
    bool open(const std::filesystem::path& file, std::promise<Status>& opened);
    void run(const std::filesystem::path& file, std::promise<Status>& opened);
    // Queues the current frame: whole, or for the view when it is decoded ahead for playing.
    bool pushCurrent(int serial, bool forView);
    enum class ChunkResult { More, Start, Interrupted };
    // Queues the frames shown at or before `upper`, newest first, one chunk's worth; moves
    // `upper` before the oldest one queued.
    ChunkResult reverseChunk(int serial, MediaTime& upper);

    // The worker's niceness on Linux, so the UI and GL rasterizer threads (0) go first.
    static constexpr int kDecodeNice = 10;
    std::unique_ptr<media::VideoDecoder> m_decoder;  // worker thread only, after start
    FrameQueue& m_queue;
    const std::atomic<int>& m_serial;
    Info m_info;
    static constexpr double kReverseChunkBytes = 64.0 * 1024 * 1024;
    size_t m_reverseChunk = 16;
    std::deque<media::VideoFrame> m_chunk;  // worker thread: the reverse chunk being decoded

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<DecodeRequest> m_pending;  // guarded by m_mutex
    bool m_stop = false;                     // guarded by m_mutex
    std::atomic<int> m_endSerial{-1};
    std::atomic<int> m_viewWidth{0}, m_viewHeight{0};
    std::thread m_thread;
};

}  // namespace ll::playback
