#include "playback/video_decode_thread.h"

#include <algorithm>
#include <cstdio>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ll::playback {

Result<std::unique_ptr<VideoDecodeThread>> VideoDecodeThread::start(
    const std::filesystem::path& file, FrameQueue& queue, const std::atomic<int>& serial) {
    std::unique_ptr<VideoDecodeThread> t(new VideoDecodeThread(queue, serial));
    // The decoder opens on the worker, so the codec's own threads start from it and share its
    // lower priority; the caller still gets an error at once.
    std::promise<Status> opened;
    std::future<Status> result = opened.get_future();
    t->m_thread = std::thread([self = t.get(), file, &opened] { self->run(file, opened); });
    Status status = result.get();
    if (!status) return status.error();  // the worker has ended; the destructor joins it
    return t;
}

VideoDecodeThread::VideoDecodeThread(FrameQueue& queue, const std::atomic<int>& serial)
    : m_queue(queue), m_serial(serial) {}

VideoDecodeThread::~VideoDecodeThread() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_queue.abort();
    if (m_thread.joinable()) m_thread.join();
}

void VideoDecodeThread::request(const DecodeRequest& request) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = request;
    }
    m_cv.notify_all();
    m_queue.wake();  // a push blocked on a full queue gives up when the serial moved on
}

void VideoDecodeThread::setViewSize(int width, int height) {
    m_viewWidth = std::max(0, width);
    m_viewHeight = std::max(0, height);
}

bool VideoDecodeThread::pushCurrent(int serial, bool forView) {
    auto frame = forView ? m_decoder->frameForView(m_viewWidth.load(), m_viewHeight.load())
                         : m_decoder->frame();
    if (!frame) {
        std::fprintf(stderr, "lessonlens: %s\n", frame.error().describe().c_str());
        return false;
    }
    return m_queue.push({std::move(frame).value(), serial}, m_serial);
}

VideoDecodeThread::ChunkResult VideoDecodeThread::reverseChunk(int serial, MediaTime& upper) {
    const double fps = m_info.frameRate > 0 ? m_info.frameRate : 25.0;
    const MediaTime span = MediaTime::fromSeconds(static_cast<double>(m_reverseChunk) / fps);
    const MediaTime from = std::max(MediaTime::zero(), upper - span);
    if (m_serial.load() != serial) return ChunkResult::Interrupted;
    auto at = m_decoder->seek(from);
    if (!at) {
        std::fprintf(stderr, "lessonlens: %s\n", at.error().describe().c_str());
        return ChunkResult::Start;
    }
    // Before the first frame already: nothing older to show.
    if (*at > upper) return ChunkResult::Start;
    m_chunk.clear();
    bool droppedOldest = false;
    for (;;) {
        if (m_serial.load() != serial) return ChunkResult::Interrupted;
        auto frame = m_decoder->frameForView(m_viewWidth.load(), m_viewHeight.load());
        if (!frame) {
            std::fprintf(stderr, "lessonlens: %s\n", frame.error().describe().c_str());
            break;
        }
        m_chunk.push_back(std::move(frame).value());
        // A long frame interval (variable frame rate) can make the span hold more frames than
        // planned; keep the newest.
        if (m_chunk.size() > m_reverseChunk + 2) {
            m_chunk.pop_front();
            droppedOldest = true;
        }
        auto next = m_decoder->stepForward();
        if (!next || *next > upper) break;
    }
    if (m_chunk.empty()) return ChunkResult::Start;
    const MediaTime oldest = m_chunk.front().time;
    // Decoded from the very first frame and kept it: nothing older is left.
    const bool reachedStart = from == MediaTime::zero() && !droppedOldest;
    while (!m_chunk.empty()) {
        if (!m_queue.push({std::move(m_chunk.back()), serial}, m_serial)) {
            m_chunk.clear();
            return ChunkResult::Interrupted;
        }
        m_chunk.pop_back();
    }
    upper = oldest - MediaTime::fromMicros(1);
    return reachedStart ? ChunkResult::Start : ChunkResult::More;
}

bool VideoDecodeThread::open(const std::filesystem::path& file, std::promise<Status>& opened) {
#ifdef __linux__
    // Decoding runs ahead of the picture (the queue holds frames to spare), so it can wait when
    // the UI thread and the GL rasterizer want both cores: on a 2-core laptop with software GL,
    // drawing a frame competes with decoding the next ones. Linux priorities are per thread and
    // threads started from here (the codec's) inherit this one.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kDecodeNice);
#endif
    // Two decoder threads: the machine may have only two cores and the UI needs one.
    auto decoder = media::VideoDecoder::open(file, {.streamIndex = -1, .threads = 2});
    if (!decoder) {
        opened.set_value(decoder.error());
        return false;
    }
    m_decoder = std::move(decoder).value();
    m_info = {m_decoder->width(), m_decoder->height(), m_decoder->rotation(),
              m_decoder->frameRate(), m_decoder->duration()};
    // 4:2:0 is 1.5 bytes a pixel; the bounds keep tiny clips from decoding in huge chunks and
    // huge ones from stuttering every few frames.
    const double frameBytes = 1.5 * std::max(1, m_info.width) * std::max(1, m_info.height);
    m_reverseChunk = std::clamp<size_t>(static_cast<size_t>(kReverseChunkBytes / frameBytes), 8, 48);
    opened.set_value({});
    return true;
}

void VideoDecodeThread::run(const std::filesystem::path& file, std::promise<Status>& opened) {
    if (!open(file, opened)) return;
    enum class Mode { Idle, Forward, Reverse };
    int serial = -1;          // the serial of the request being served
    Mode mode = Mode::Idle;   // nothing to decode ahead until the first request
    MediaTime reverseUpper;   // Reverse: the next chunk ends with the frame shown here
    for (;;) {
        DecodeRequest req;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || m_pending || mode != Mode::Idle; });
            if (m_stop) return;
            if (!m_pending) {
                lock.unlock();
                if (mode == Mode::Reverse) {
                    if (reverseChunk(serial, reverseUpper) == ChunkResult::Start) {
                        mode = Mode::Idle;
                        m_endSerial = serial;
                    }
                    continue;
                }
                // Decode ahead: the queue's capacity bounds how far.
                auto next = m_decoder->stepForward();
                if (!next) {
                    mode = Mode::Idle;
                    m_endSerial = serial;
                    continue;
                }
                pushCurrent(serial, true);
                continue;
            }
            req = *m_pending;
            m_pending.reset();
        }
        serial = req.serial;
        m_endSerial = -1;
        if (req.kind == DecodeRequest::Kind::Reverse) {
            mode = Mode::Reverse;
            reverseUpper = req.time;
            continue;
        }
        mode = Mode::Forward;
        auto at = m_decoder->seek(req.time);
        if (!at) {
            std::fprintf(stderr, "lessonlens: %s\n", at.error().describe().c_str());
            mode = Mode::Idle;
            m_endSerial = serial;
            continue;
        }
        if (req.kind == DecodeRequest::Kind::Step) {
            for (int i = 0; i < req.steps; ++i)
                if (!m_decoder->stepForward()) break;
            for (int i = 0; i > req.steps; --i)
                if (!m_decoder->stepBack()) break;
        }
        pushCurrent(serial, false);
    }
}

}  // namespace ll::playback
