#include "playback/video_decode_thread.h"

#include <cstdio>

namespace ll::playback {

Result<std::unique_ptr<VideoDecodeThread>> VideoDecodeThread::start(
    const std::filesystem::path& file, FrameQueue& queue, const std::atomic<int>& serial) {
    // Two decoder threads: the machine may have only two cores and the UI needs one.
    LL_ASSIGN(auto decoder, media::VideoDecoder::open(file, {.streamIndex = -1, .threads = 2}));
    return std::unique_ptr<VideoDecodeThread>(
        new VideoDecodeThread(std::move(decoder), queue, serial));
}

VideoDecodeThread::VideoDecodeThread(std::unique_ptr<media::VideoDecoder> decoder,
                                     FrameQueue& queue, const std::atomic<int>& serial)
    : m_decoder(std::move(decoder)), m_queue(queue), m_serial(serial) {
    m_info = {m_decoder->width(), m_decoder->height(), m_decoder->rotation(),
              m_decoder->frameRate(), m_decoder->duration()};
    m_thread = std::thread([this] { run(); });
}

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

bool VideoDecodeThread::pushCurrent(int serial) {
    auto frame = m_decoder->frame();
    if (!frame) {
        std::fprintf(stderr, "lessonlens: %s\n", frame.error().describe().c_str());
        return false;
    }
    return m_queue.push({std::move(frame).value(), serial}, m_serial);
}

void VideoDecodeThread::run() {
    int serial = -1;     // the serial of the request being served
    bool atEof = true;   // nothing to decode ahead until the first request
    for (;;) {
        DecodeRequest req;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || m_pending || !atEof; });
            if (m_stop) return;
            if (!m_pending) {
                lock.unlock();
                // Decode ahead: the queue's capacity bounds how far.
                auto next = m_decoder->stepForward();
                if (!next) {
                    atEof = true;
                    m_endSerial = serial;
                    continue;
                }
                pushCurrent(serial);
                continue;
            }
            req = *m_pending;
            m_pending.reset();
        }
        serial = req.serial;
        atEof = false;
        m_endSerial = -1;
        auto at = m_decoder->seek(req.time);
        if (!at) {
            std::fprintf(stderr, "lessonlens: %s\n", at.error().describe().c_str());
            atEof = true;
            m_endSerial = serial;
            continue;
        }
        if (req.kind == DecodeRequest::Kind::Step) {
            for (int i = 0; i < req.steps; ++i)
                if (!m_decoder->stepForward()) break;
            for (int i = 0; i > req.steps; --i)
                if (!m_decoder->stepBack()) break;
        }
        pushCurrent(serial);
    }
}

}  // namespace ll::playback
