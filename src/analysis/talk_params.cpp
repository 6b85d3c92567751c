#include "analysis/talk_params.h"

#include <charconv>
#include <cstdio>

namespace ll::analysis {

namespace {

template <class Fn>
void forEachNumber(TalkParams& p, Fn&& fn) {
    fn("floor_window_s", p.floorWindowS);
    fn("floor_cap_db", p.floorCapDb);
    fn("speech_snr_db", p.speechSnrDb);
    fn("voiced_min", p.voicedMin);
    fn("vad_voiced_min", p.vadVoicedMin);
    fn("voiced_density_min", p.voicedDensityMin);
    fn("loud_snr_db", p.loudSnrDb);
    fn("sustained_s", p.sustainedS);
    fn("sustained_flat_max", p.sustainedFlatMax);
    fn("sustained_llr_min", p.sustainedLlrMin);
    fn("tail_trim_db", p.tailTrimDb);
    fn("min_speech_s", p.minSpeechS);
    fn("island_steady_oct", p.islandSteadyOct);
    fn("max_pause_s", p.maxPauseS);
    fn("tone_min_s", p.toneMinS);
    fn("tone_oct", p.toneOct);
    fn("tone_level_db", p.toneLevelDb);
    fn("pulse_min_s", p.pulseMinS);
    fn("pulse_oct", p.pulseOct);
    fn("pulse_level_db", p.pulseLevelDb);
    fn("pulse_window_s", p.pulseWindowS);
    fn("pulse_jitter_s", p.pulseJitterS);
    fn("quiet_snr_db", p.quietSnrDb);
    fn("quiet_llr_min", p.quietLlrMin);
    fn("quiet_llr_half_s", p.quietLlrHalfS);
    fn("quiet_density_min", p.quietDensityMin);
    fn("quiet_tail_s", p.quietTailS);
    fn("quiet_tail_db", p.quietTailDb);
    fn("multi_window_s", p.multiWindowS);
    fn("multi_level_sd_db", p.multiLevelSdDb);
    fn("multi_dip_max", p.multiDipMax);
    fn("multi_jump_rate", p.multiJumpRate);
    fn("multi_jump_weight", p.multiJumpWeight);
    fn("multi_mod_db", p.multiModDb);
    fn("multi_mod_half_s", p.multiModHalfS);
    fn("multi_mod_weight", p.multiModWeight);
    fn("multi_one_voice_share", p.multiOneVoiceShare);
    fn("multi_one_voice_iqr_oct", p.multiOneVoiceIqrOct);
    fn("multi_one_voice_max_s", p.multiOneVoiceMaxS);
    fn("multi_teacher_llr", p.multiTeacherLlr);
    fn("multi_isolated_s", p.multiIsolatedS);
    fn("multi_isolated_llr", p.multiIsolatedLlr);
    fn("multi_group_gap_s", p.multiGroupGapS);
    fn("multi_fringe_min_s", p.multiFringeMinS);
    fn("answer_min_s", p.answerMinS);
    fn("answer_voiced_share", p.answerVoicedShare);
    fn("one_voice_share", p.oneVoiceShare);
    fn("one_voice_iqr_oct", p.oneVoiceIqrOct);
    fn("one_voice_max_s", p.oneVoiceMaxS);
    fn("multi_min_s", p.multiMinS);
    fn("multi_threshold", p.multiThreshold);
    fn("multi_hysteresis", p.multiHysteresis);
    fn("chunk_s", p.chunkS);
    fn("cluster_min_s", p.clusterMinS);
    fn("bic_lambda", p.bicLambda);
    fn("pitch_weight", p.pitchWeight);
    fn("link_pitch_oct", p.linkPitchOct);
    fn("link_cepstral_distance", p.linkCepstralDistance);
    fn("link_threshold", p.linkThreshold);
    fn("link_max_pitch_oct", p.linkMaxPitchOct);
    fn("max_cluster_items", p.maxClusterItems);
    fn("teacher_outlier_z", p.teacherOutlierZ);
    fn("teacher_outlier_min_oct", p.teacherOutlierMinOct);
    fn("mixture_components", p.mixtureComponents);
    fn("mixture_llr", p.mixtureLlr);
    fn("resegment_cost", p.resegmentCost);
    fn("min_turn_s", p.minTurnS);
    fn("student_pause_s", p.studentPauseS);
    fn("chorus_max_s", p.chorusMaxS);
    fn("chorus_min_p", p.chorusMinP);
}

std::string format(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
    return buf;
}
std::string format(int v) {
    return std::to_string(v);
}

template <class T>
bool parse(std::string_view text, T& out) {
    T v{};
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) return false;
    out = v;
    return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> TalkParams::toKeyValues() const {
    std::vector<std::pair<std::string, std::string>> out{{"version", version}};
    auto copy = *this;
    forEachNumber(copy, [&](const char* name, auto& v) { out.emplace_back(name, format(v)); });
    return out;
}

bool TalkParams::set(std::string_view name, std::string_view value) {
    if (name == "version") {
        version = std::string(value);
        return true;
    }
    bool found = false, ok = false;
    forEachNumber(*this, [&](const char* n, auto& v) {
        if (!found && name == n) {
            found = true;
            ok = parse(value, v);
        }
    });
    return found && ok;
}

}  // namespace ll::analysis
