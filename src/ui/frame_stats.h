#pragma once
// Frame-time samples and their percentiles, for `--stats`. UI thread.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace ll::ui {

class FrameStats {
public:
    void add(double frameMs, double uiMs) {
        m_frame.push_back(frameMs);
        m_ui.push_back(uiMs);
    }
    size_t count() const { return m_frame.size(); }

    // Nearest-rank percentile of `samples` (p in 0..100); 0 for no samples.
    static double percentile(std::vector<double> samples, double p) {
        if (samples.empty()) return 0;
        std::sort(samples.begin(), samples.end());
        double rank = p / 100.0 * static_cast<double>(samples.size());
        size_t i = rank <= 1 ? 0 : static_cast<size_t>(rank + 0.999999) - 1;
        return samples[std::min(i, samples.size() - 1)];
    }

    std::string report(unsigned long long droppedFrames) const {
        char buf[512];
        auto line = [&](const char* name, const std::vector<double>& v) {
            double mx = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
            char l[200];
            std::snprintf(l, sizeof l, "%s p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", name,
                          percentile(v, 50), percentile(v, 95), mx);
            return std::string(l);
        };
        std::snprintf(buf, sizeof buf, "frames: %zu rendered, %llu video frames dropped\n",
                      m_frame.size(), droppedFrames);
        return buf + line("frame time:", m_frame) + line("UI build:  ", m_ui);
    }

private:
    std::vector<double> m_frame;
    std::vector<double> m_ui;
};

}  // namespace ll::ui
