#include "media/frame_convert.h"

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cstring>

namespace ll::media {

RgbImage rotateClockwise(const RgbImage& image, int degrees) {
    degrees = ((degrees % 360) + 360) % 360;
    if (degrees == 0 || image.empty()) return image;
    RgbImage out;
    const int w = image.width, h = image.height;
    const bool swap = degrees != 180;
    out.width = swap ? h : w;
    out.height = swap ? w : h;
    out.pixels.resize(image.pixels.size());
    for (int y = 0; y < h; ++y) {
        const uint8_t* row = &image.pixels[static_cast<size_t>(y) * w * 3];
        for (int x = 0; x < w; ++x) {
            int ox, oy;
            if (degrees == 90) {
                ox = h - 1 - y;
                oy = x;
            } else if (degrees == 180) {
                ox = w - 1 - x;
                oy = h - 1 - y;
            } else {
                ox = y;
                oy = w - 1 - x;
            }
            std::memcpy(&out.pixels[(static_cast<size_t>(oy) * out.width + ox) * 3], row + x * 3,
                        3);
        }
    }
    return out;
}

}  // namespace ll::media

namespace ll::media::detail {

namespace {

bool isFullRange(const AVFrame* f) {
    switch (f->format) {
        case AV_PIX_FMT_YUVJ420P:
        case AV_PIX_FMT_YUVJ422P:
        case AV_PIX_FMT_YUVJ444P:
            return true;
        default:
            return f->color_range == AVCOL_RANGE_JPEG;
    }
}

int swsColorspace(const AVFrame* f) {
    switch (f->colorspace) {
        case AVCOL_SPC_BT709:
            return SWS_CS_ITU709;
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL:
            return SWS_CS_BT2020;
        case AVCOL_SPC_FCC:
            return SWS_CS_FCC;
        case AVCOL_SPC_SMPTE240M:
            return SWS_CS_SMPTE240M;
        default:
            return SWS_CS_DEFAULT;  // BT.601, what swscale assumes for unspecified
    }
}

bool isYuvSource(AVPixelFormat fmt) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(fmt);
    return d && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components >= 3;
}

// Scales/converts `frame` into `dst` (already sized). Sets the colour details swscale needs.
Status scale(const AVFrame* frame, AVPixelFormat dstFormat, int dstW, int dstH, uint8_t* const* dst,
             const int* dstStride) {
    auto srcFormat = static_cast<AVPixelFormat>(frame->format);
    SwsPtr sws(sws_getContext(frame->width, frame->height, srcFormat, dstW, dstH, dstFormat,
                              SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws) {
        const char* name = av_get_pix_fmt_name(srcFormat);
        return Error::make(
            Error::Code::Media, "this video's pixel format cannot be converted",
            std::string("swscale has no conversion from ") + (name ? name : "unknown"));
    }
    int* invTable = nullptr;
    int* table = nullptr;
    int srcRange = 0, dstRange = 0, brightness = 0, contrast = 0, saturation = 0;
    if (sws_getColorspaceDetails(sws.get(), &invTable, &srcRange, &table, &dstRange, &brightness,
                                 &contrast, &saturation) >= 0) {
        const int* coefficients = sws_getCoefficients(swsColorspace(frame));
        bool dstRgb = dstFormat == AV_PIX_FMT_RGB24;
        sws_setColorspaceDetails(sws.get(), coefficients, isFullRange(frame) ? 1 : 0,
                                 dstRgb ? table : coefficients, dstRgb ? 1 : dstRange, brightness,
                                 contrast, saturation);
    }
    int rows = sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    if (rows <= 0) {
        return Error::make(Error::Code::Media, "this video frame cannot be converted",
                           "sws_scale returned no rows");
    }
    return {};
}

// The frame's size, pixel aspect, levels and colour matrix.
VideoFrame describe(const AVFrame* frame) {
    VideoFrame out;
    out.width = frame->width;
    out.height = frame->height;
    if (frame->sample_aspect_ratio.num > 0 && frame->sample_aspect_ratio.den > 0)
        out.pixelAspect = av_q2d(frame->sample_aspect_ratio);
    out.fullRange = isFullRange(frame);
    switch (frame->colorspace) {
        case AVCOL_SPC_BT709:
            out.matrix = ColorMatrix::Bt709;
            break;
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL:
            out.matrix = ColorMatrix::Bt2020;
            break;
        default:
            out.matrix = ColorMatrix::Bt601;
            break;
    }
    return out;
}

// Sizes `out`'s planes (rows padded to 32 bytes) and points `dst`/`dstStride` at them.
void allocatePlanes(VideoFrame& out, const int widths[3], const int heights[3], uint8_t* dst[4],
                    int dstStride[4]) {
    for (int i = 0; i < 3; ++i) {
        auto& p = out.planes[static_cast<size_t>(i)];
        p.width = widths[i];
        p.height = heights[i];
        p.stride = (widths[i] + 31) & ~31;
        p.bytes.assign(static_cast<size_t>(p.stride) * p.height, 0);
        dst[i] = p.bytes.data();
        dstStride[i] = p.stride;
    }
}

}  // namespace

Result<VideoFrame> toVideoFrame(const AVFrame* frame) {
    VideoFrame out = describe(frame);

    auto srcFormat = static_cast<AVPixelFormat>(frame->format);
    AVPixelFormat keep = AV_PIX_FMT_NONE;
    switch (srcFormat) {
        case AV_PIX_FMT_YUV420P:
        case AV_PIX_FMT_YUVJ420P:
            keep = AV_PIX_FMT_YUV420P;
            break;
        case AV_PIX_FMT_YUV422P:
        case AV_PIX_FMT_YUVJ422P:
            keep = AV_PIX_FMT_YUV422P;
            break;
        case AV_PIX_FMT_YUV444P:
        case AV_PIX_FMT_YUVJ444P:
            keep = AV_PIX_FMT_YUV444P;
            break;
        default:
            break;
    }
    AVPixelFormat target = keep;
    if (target == AV_PIX_FMT_NONE) {
        // Keep the chroma resolution where it is cheap to do so: 4:2:2 and 4:4:4 sources
        // (ProRes, screen recordings) stay sharp; everything else becomes 4:2:0.
        const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(srcFormat);
        if (d && isYuvSource(srcFormat) && d->log2_chroma_w == 1 && d->log2_chroma_h == 0) {
            target = AV_PIX_FMT_YUV422P;
        } else if (d && d->nb_components >= 3 && d->log2_chroma_w == 0 && d->log2_chroma_h == 0) {
            target = AV_PIX_FMT_YUV444P;
        } else {
            target = AV_PIX_FMT_YUV420P;
        }
    }
    out.format = target == AV_PIX_FMT_YUV422P   ? YuvLayout::Yuv422p
                 : target == AV_PIX_FMT_YUV444P ? YuvLayout::Yuv444p
                                                : YuvLayout::Yuv420p;
    const int cw = target == AV_PIX_FMT_YUV444P ? frame->width : (frame->width + 1) / 2;
    const int ch = target == AV_PIX_FMT_YUV420P ? (frame->height + 1) / 2 : frame->height;
    const int widths[3] = {frame->width, cw, cw};
    const int heights[3] = {frame->height, ch, ch};
    uint8_t* dst[4] = {};
    int dstStride[4] = {};
    allocatePlanes(out, widths, heights, dst, dstStride);
    if (keep != AV_PIX_FMT_NONE) {
        for (int i = 0; i < 3; ++i) {
            av_image_copy_plane(dst[i], dstStride[i], frame->data[i], frame->linesize[i], widths[i],
                                heights[i]);
        }
    } else {
        if (!isYuvSource(srcFormat)) out.fullRange = false;  // swscale writes TV range from RGB
        LL_TRY(scale(frame, target, frame->width, frame->height, dst, dstStride));
    }
    return out;
}

Result<VideoFrame> toReducedVideoFrame(const AVFrame* frame, int width, int height,
                                       ReduceScratch& scratch) {
    VideoFrame out = describe(frame);
    const auto srcFormat = static_cast<AVPixelFormat>(frame->format);
    const bool yuv = isYuvSource(srcFormat);
    if (!yuv) out.fullRange = false;  // swscale writes TV range from RGB
    // The picture keeps its shape on screen: the new pixels' aspect makes up for rounding.
    const double shownAspect = out.pixelAspect * out.width / std::max(1, out.height);
    out.pixelAspect = shownAspect * height / std::max(1, width);
    out.width = width;
    out.height = height;
    out.format = YuvLayout::Yuv444Packed;
    out.reduced = true;

    // Area averaging: each output pixel is the mean of the source pixels under it, the right
    // filter for shrinking (bilinear on the GPU would skip most of them and shimmer).
    SwsContext* sws = sws_getCachedContext(scratch.sws.release(), frame->width, frame->height,
                                           srcFormat, width, height, AV_PIX_FMT_YUV444P, SWS_AREA,
                                           nullptr, nullptr, nullptr);
    scratch.sws.reset(sws);
    if (!sws) {
        const char* name = av_get_pix_fmt_name(srcFormat);
        return Error::make(
            Error::Code::Media, "this video's pixel format cannot be converted",
            std::string("swscale has no conversion from ") + (name ? name : "unknown"));
    }
    // YUV in, YUV out: same levels and matrix, so the shader's conversion stays right.
    const int* coefficients = sws_getCoefficients(swsColorspace(frame));
    const int srcRange = isFullRange(frame) ? 1 : 0;
    sws_setColorspaceDetails(sws, coefficients, srcRange, coefficients, yuv ? srcRange : 0, 0,
                             1 << 16, 1 << 16);
    // swscale has no packed 8-bit 4:4:4 output: scale to planes, then interleave.
    const int planeStride = (width + 63) & ~63;
    scratch.planes.resize(static_cast<size_t>(planeStride) * height * 3);
    uint8_t* dst[4] = {scratch.planes.data(),
                       scratch.planes.data() + static_cast<size_t>(planeStride) * height,
                       scratch.planes.data() + static_cast<size_t>(planeStride) * height * 2,
                       nullptr};
    const int dstStride[4] = {planeStride, planeStride, planeStride, 0};
    const int rows = sws_scale(sws, frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    if (rows <= 0) {
        return Error::make(Error::Code::Media, "this video frame cannot be converted",
                           "sws_scale returned no rows");
    }
    auto& packed = out.planes[0];
    packed.width = width;
    packed.height = height;
    packed.stride = width * 4;
    packed.bytes.resize(static_cast<size_t>(packed.stride) * height);
    for (int y = 0; y < height; ++y) {
        const size_t row = static_cast<size_t>(y) * planeStride;
        const uint8_t* py = dst[0] + row;
        const uint8_t* pu = dst[1] + row;
        const uint8_t* pv = dst[2] + row;
        uint8_t* o = packed.bytes.data() + static_cast<size_t>(y) * packed.stride;
        for (int x = 0; x < width; ++x) {
            o[4 * x] = py[x];
            o[4 * x + 1] = pu[x];
            o[4 * x + 2] = pv[x];
            o[4 * x + 3] = 255;
        }
    }
    return out;
}

Result<RgbImage> toRgb(const AVFrame* frame, int width, int height) {
    RgbImage out;
    out.width = width > 0 ? width : frame->width;
    out.height = height > 0 ? height : frame->height;
    // swscale writes fastest (and without warnings) into 64-byte aligned rows; pack afterwards.
    const int rowBytes = out.width * 3;
    const int stride = (rowBytes + 63) & ~63;
    std::vector<uint8_t> padded(static_cast<size_t>(stride) * out.height + 64, 0);
    uint8_t* dst[4] = {padded.data(), nullptr, nullptr, nullptr};
    int dstStride[4] = {stride, 0, 0, 0};
    LL_TRY(scale(frame, AV_PIX_FMT_RGB24, out.width, out.height, dst, dstStride));
    out.pixels.resize(static_cast<size_t>(rowBytes) * out.height);
    for (int y = 0; y < out.height; ++y) {
        std::memcpy(&out.pixels[static_cast<size_t>(y) * rowBytes],
                    &padded[static_cast<size_t>(y) * stride], static_cast<size_t>(rowBytes));
    }
    return out;
}

}  // namespace ll::media::detail
