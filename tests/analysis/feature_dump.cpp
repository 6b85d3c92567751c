// Development tool: writes per-frame features of a WAV as CSV (for tuning against truth).
#include <cstdio>

#include "analysis/feature_extractor.h"
#include "analysis/wav_reader.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: feature_dump in.wav out.csv\n");
        return 2;
    }
    ll::analysis::test::WavData wav;
    std::string err;
    if (!ll::analysis::test::readWav(argv[1], wav, &err)) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    ll::analysis::FeatureExtractor fx;
    fx.push(wav.samples);
    fx.finish();
    FILE* f = std::fopen(argv[2], "w");
    std::fprintf(f, "e,flat,f0,voi,llr");
    for (int i = 0; i < ll::analysis::kMfccCount; ++i) std::fprintf(f, ",c%d", i + 1);
    std::fprintf(f, "\n");
    for (const auto& fr : fx.frames()) {
        std::fprintf(f, "%.3f,%.4f,%.1f,%.3f,%.3f", fr.logEnergy, fr.flatness, fr.pitchHz,
                     fr.voicing, fr.speechLlr);
        for (int c = 0; c < ll::analysis::kMfccCount; ++c) std::fprintf(f, ",%.3f", fr.mfcc(c));
        std::fprintf(f, "\n");
    }
    std::fclose(f);
}
