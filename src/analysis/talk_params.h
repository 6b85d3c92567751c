#pragma once
// Tunable numbers of the talk-time engine. Stored with every analysis run (as text pairs, so
// this module needs no JSON library) so a result can always be traced to the settings behind it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ll::analysis {

struct TalkParams {
    // Bump when the algorithm changes results for the same audio and parameters.
    std::string version = "talk-v16";

    // Noise floor: 10th percentile of each 1 s block, minimum over +-floorWindowS, capped at the
    // recording's quiet level + floorCapDb so long group work is never mistaken for background.
    float floorWindowS = 30.0f;
    // (talk-v3: 10 dB. Quiet group work in a reverberant room, about 16 dB over the quiet level,
    // then sat 5-7 dB above its "floor", below speechSnrDb: 80 s of group work scored as silence
    // in held-out lesson 128. A noise that rises mid-lesson still needs voicing to count as
    // talk: TalkAnalyzer.ANoiseThatStartsMidLessonIsNotTalk.)
    float floorCapDb = 5.0f;

    // Voice activity.
    float speechSnrDb = 9.0f;    // smoothed band level above the floor that can be a voice
    float voicedMin = 0.45f;     // normalised autocorrelation counted as voiced (speaker models)
    float vadVoicedMin = 0.38f;  // the same, for voice activity (reverberation lowers it)
    float voicedDensityMin = 0.10f;  // share of voiced frames within +-0.3 s that confirms a voice
    float loudSnrDb = 22.0f;  // this far above the floor, low flatness alone confirms a voice
    float sustainedS = 3.0f;  // this long above speechSnrDb with a little voicing is talk...
    // ... if its spectrum is less flat than this (babble 0.2-0.35; air noise 0.5, which a
    // camcorder's gain control lifts above speechSnrDb in long pauses; talk-v3 had no limit).
    float sustainedFlatMax = 0.4f;
    // ... and if the speech model sees some speech in it: the mean of log(1 + speechLlr) over
    // +-0.5 s at least this. A fan or a projector switched on mid-lesson sits 9-11 dB over the
    // floor for minutes with a little chance voicing and an uneven spectrum, but the speech
    // model's noise estimate follows it (speechLlr 0); babble's and a voice's do not (talk-v6
    // had no such test: held-out lesson 126 scored 11 points of silence as teacher). 0 disables.
    float sustainedLlrMin = 0.2f;
    // Island edges this far below the island's median level are cut (talk-v2: 10, talk-v1: 15).
    float tailTrimDb = 7.0f;
    float minSpeechS = 0.20f;  // shorter voice islands are dropped, and ones without 5 voiced
    // frames whose pitch is within this of a voiced neighbour's (0: any voiced frame counts)
    float islandSteadyOct = 0.1f;
    float maxPauseS = 0.30f;  // shorter pauses inside talk (tails trimmed) are bridged
    // Steady tones (steadyTones): pitch within toneOct of where it began for toneMinS or more.
    // The longest such run of any voice in 240 recordings (simulated, real speech and meetings)
    // is 0.72 s at 0.005 octave (0.88 s at 0.01); a buzzer, a beep or a fan's whine holds its
    // pitch to 0.1 Hz. 0 disables.
    float toneMinS = 1.0f;
    float toneOct = 0.005f;
    // Also a steady tone: toneMinS of which 90 % is pitched and whose level, smoothed over
    // +-20 ms, stays within toneLevelDb (a tone barely over the noise, whose pitch wavers).
    // In those 240 recordings no second that pitched holds a voice's level within 2.96 dB; a
    // 240 Hz sine or a 120 Hz hum 15 dB over white noise holds within 1.45 dB. 0 disables.
    float toneLevelDb = 2.0f;
    // Also steady tones: beeps repeated at one pitch and pace (a timer, an alarm, a phone's ring
    // or buzz), each shorter than toneMinS. A pulse is at least pulseMinS of pitched frames
    // within pulseOct of one another whose level (but for its first and last 30 ms) stays within
    // pulseLevelDb. Three pulses whose median pitches lie within 2 * toneOct, starting within
    // pulseWindowS of the middle one, evenly spaced (the two gaps within pulseJitterS), are a
    // beep. In those 240 recordings no voice does that; without the even spacing, a monotonous
    // real voice did (0.26 s). talk-v15 called a 300 Hz beep of 0.3 s every 0.6 s the teacher.
    // (A pure tone in a very reverberant room swells and fades as its echoes interfere, and its
    // pitch track breaks: such beeps are still heard as talk.) pulseMinS 0 disables.
    float pulseMinS = 0.25f;
    float pulseOct = 0.03f;
    float pulseLevelDb = 3.0f;
    float pulseWindowS = 3.0f;
    float pulseJitterS = 0.08f;
    // Quiet voices: a teacher far from the microphone in a noisy, reverberant room sits only
    // 4-8 dB over the floor, below speechSnrDb (half the talk of held-out lesson 186 scored
    // silence). A frame more than quietSnrDb over the floor is a voice when its statistical-model
    // log-likelihood ratio (FrameFeatures::speechLlr) averaged over +-quietLlrHalfS reaches
    // quietLlrMin (harmonics stand out of the noise bin by bin where the band level barely
    // moves), quietDensityMin of the frames within +-0.3 s are voiced, and its level is not
    // more than quietTailDb below any of the last quietTailS: that is a louder voice's
    // reverberation dying away, which annotators count as silence. (A plain 5-6 dB threshold
    // with voicing turned those tails into talk.) quietLlrMin 1e9 disables (talk-v4).
    float quietSnrDb = 4.0f;
    float quietLlrMin = 1.0f;
    float quietLlrHalfS = 0.05f;
    float quietDensityMin = 0.15f;
    float quietTailS = 0.3f;
    float quietTailDb = 4.0f;

    // Several voices at once (DART-like cues over a window of multiWindowS).
    float multiWindowS = 5.0f;
    float multiLevelSdDb = 4.6f;   // level s.d. below this suggests continuous babble
    float multiDipMax = 0.08f;     // share of deep dips above this suggests one talker
    float multiJumpRate = 0.12f;   // share of pitch hops between voiced frames typical of babble
    float multiJumpWeight = 0.5f;  // weight of that cue in the score
    // Syllable-rate modulation: RMS of the frame level around its +-multiModHalfS mean, over the
    // window. One talker's syllables and pauses modulate the level strongly; many voices at once
    // smooth it out. Above multiModDb it counts against several voices, with multiModWeight per
    // 0.5 dB (at most two); 0 disables (talk-v3).
    float multiModDb = 2.6f;
    float multiModHalfS = 0.12f;
    float multiModWeight = 0.5f;
    // A several-voices region no longer than multiOneVoiceMaxS whose voiced pitch stays within
    // linkMaxPitchOct of the teacher's on multiOneVoiceShare of frames, with an interquartile
    // spread under multiOneVoiceIqrOct octaves, is the teacher alone. (talk-v2: looser than
    // talk-v1's 0.75 / 0.2: in reverberant rooms one voice's pitch track scatters, while babble
    // of other voices rarely stays near the teacher's pitch half of the time.)
    float multiOneVoiceShare = 0.55f;
    float multiOneVoiceIqrOct = 0.5f;
    float multiOneVoiceMaxS = 20.0f;  // talk-v3: 12; group work lasts minutes
    // ... or whose MFCCs fit the teacher's frames better than the other talk's (students' and
    // several voices') by this much per frame (log-likelihood ratio of two diagonal Gaussians);
    // 1e9 disables (talk-v3).
    float multiTeacherLlr = 0.0f;
    // A several-voices region on trial that is not the teacher by those tests, with no group
    // work within multiIsolatedS seconds, is the teacher alone if her voice fits it better than
    // the students' by multiIsolatedLlr per frame (two mixtures over the MFCCs, as in
    // reassignByMixtures). Group work: several voices for longer than multiOneVoiceMaxS, in
    // stretches joined across gaps shorter than multiGroupGapS. talk-v7 left such a region
    // several voices; multiIsolatedS 0 does again. See giveLoneSeveralVoicesToTeacher.
    float multiIsolatedS = 10.0f;
    float multiGroupGapS = 8.0f;
    float multiIsolatedLlr = -0.5f;
    // A several-voices run of at least multiFringeMinS that every one-voice test left several
    // voices also takes the teacher or student runs up to half a cue window long touching it:
    // the window straddling the quiet around it heard them as one voice, as with group work's
    // first and last seconds. 0: talk-v9, where only group work took them.
    float multiFringeMinS = 5.0f;
    // A single voice shorter than 1 s between two silences is a short answer if it lasts
    // answerMinS and answerVoicedShare of its frames are voiced, else a noise (talk-v2 called
    // every one silence, one-word answers too; talk-v4 wanted half its frames voiced, which
    // missed about half the one-word answers: "six", "yes" are mostly consonants). talk-v5
    // wanted 0.3 s, with the word's echo; talk-v6 trims echoes first (see maxPauseS), leaving
    // the word, and "Yes." can be 0.2 s.
    float answerMinS = 0.2f;
    float answerVoicedShare = 0.2f;
    // A several-voices region no longer than oneVoiceMaxS whose voiced pitch stays within
    // linkMaxPitchOct of its own median on oneVoiceShare of frames, with an interquartile spread
    // of at most oneVoiceIqrOct, is one voice (anyone's); oneVoiceShare 1 disables.
    float oneVoiceShare = 0.8f;
    float oneVoiceIqrOct = 0.15f;
    float oneVoiceMaxS = 12.0f;
    float multiMinS = 1.5f;        // shorter multiple-voice runs are relabelled
    float multiHysteresis = 1.0f;  // regions extend while the score stays above threshold - this
    float multiThreshold = 0.0f;   // decision threshold on the combined score

    // Speaker modelling (BIC clustering of MFCC + log-pitch Gaussians).
    float chunkS = 2.5f;       // longer talk is cut into chunks this long before clustering
    float clusterMinS = 0.8f;  // shorter chunks are assigned after clustering
    float bicLambda = 4.0f;    // BIC penalty weight
    float pitchWeight = 2.0f;  // weight of the log-pitch dimension in the BIC
    // Linking clusters into one voice: pitch distance (octaves) / linkPitchOct plus cepstral
    // distance (RMS of per-dimension z scores) / linkCepstralDistance at most linkThreshold,
    // and never more than linkMaxPitchOct apart in pitch.
    float linkPitchOct = 0.2f;
    float linkCepstralDistance = 0.8f;  // v3: 0.7, v2: 0.6
    float linkThreshold = 1.8f;
    float linkMaxPitchOct = 0.25f;
    int maxClusterItems = 1500;  // bounds clustering cost on very long recordings
    // Items put with the teacher whose voice is an outlier among the teacher's items (robust z
    // of the cepstral distance, combined with pitch) are moved out; 0 disables.
    float teacherOutlierZ = 2.8f;
    float teacherOutlierMinOct = 0.1f;  // ... and only if its pitch is at least this far above
    // Then every item is weighed between a Gaussian mixture of the teacher's frames (this many
    // components, at most 8) and one of the other voices' (half as many): see
    // reassignByMixtures. 0 disables (talk-v5). It goes to the teacher when the mean
    // log-likelihood ratio per frame reaches mixtureLlr.
    int mixtureComponents = 8;
    float mixtureLlr = 0.0f;
    // Then the ends of each run of clustered talk are relabelled frame by frame, with this cost
    // per switch (nats): see resegmentRunEnds. 0 disables (talk-v10).
    float resegmentCost = 25.0f;

    // Final smoothing.
    float minTurnS = 0.20f;  // shorter teacher/student runs join their neighbours (talk-v5: 0.3)
    // Silences shorter than this between two runs of student talk are student talk. A student is
    // usually far from the microphone, and the quiet middle of an answer sinks under the room's
    // noise: on 228 looked-at lessons and 48 meetings, the 0.3-0.6 s silences found between two
    // runs of student talk held 4,610 frames of true student talk (lessons) and 4,070
    // (meetings), against 127 and 200 of true silence. Between a teacher's runs they are mostly
    // real pauses, and a student's answer after the teacher is another matter (the wait time).
    // 0 disables (talk-v13).
    float studentPauseS = 0.6f;
    // A run of student talk alone between silences, at most chorusMaxS long, is the class
    // answering together (several voices) when the chorus test gives it a probability of at least
    // chorusMinP: see hearChoruses. The several-voices cues weigh a window of seconds and so
    // hear a one-second chorus with the silences around it, as one voice. 0 disables (talk-v14).
    float chorusMaxS = 4.0f;
    float chorusMinP = 0.8f;

    // Every parameter as (name, value) text, version first.
    std::vector<std::pair<std::string, std::string>> toKeyValues() const;
    // Sets one parameter from text; false for an unknown name or a malformed value.
    bool set(std::string_view name, std::string_view value);
};

}  // namespace ll::analysis
