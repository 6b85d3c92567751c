#!/usr/bin/python3
"""Simulate a classroom recording with exact 10 ms talk labels.

    simulate.py --seed N --minutes M --out DIR
                [--preset lecture|discussion|groupwork|mixed|recitation|meeting]

Writes DIR/lesson.wav (16 kHz mono, 16-bit), DIR/truth.csv (one row per 10 ms frame:
frame,label with label in teacher|student|multiple|silence), DIR/truth_segments.json,
DIR/truth.rttm (who spoke when, per speaker) and DIR/meta.json. Deterministic given the seed.

Speakers: espeak-ng voices (variants, pitch, speed) and a formant synthesiser (voices.py),
placed in a simulated room (1/d direct path, exponentially decaying noise reverberation with
the lesson's RT60, a critical distance), over room noise (ventilation hum and rumble, pink
noise, chair scrapes and squeaks, paper rustle, footsteps). Phases: lecture, questioning,
group work (3-8 overlapping students), seat work. The meeting preset is not a lesson: 3-6 adults
around a table, the one who talks most being the truth's teacher (see make_meeting).

--set heldout: voices from flite / festival (built on real speakers' recordings), other rooms,
noises and a cheap recorder. --set real: real recorded human speech only (real_speech.py) in the
held-out rooms, noises and recorder. --set unseen: as real, with other real speakers
(telephone-system prompts, KTuberling's volunteers) that no analyser decision was weighed on.
"""

import argparse
import json
import os
import sys

import numpy as np
from scipy import signal
from scipy.io import wavfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import voices as V  # noqa: E402
import real_speech as R  # noqa: E402

FS, HOP = V.FS, V.HOP

PRESETS = {
    "lecture": [("lecture", 0.40), ("questioning", 0.25), ("lecture", 0.20), ("seatwork", 0.15)],
    "discussion": [("lecture", 0.15), ("questioning", 0.55), ("seatwork", 0.10), ("questioning", 0.20)],
    "groupwork": [("lecture", 0.20), ("groupwork", 0.45), ("questioning", 0.25), ("seatwork", 0.10)],
    "mixed": [("lecture", 0.20), ("questioning", 0.25), ("groupwork", 0.25), ("seatwork", 0.10),
              ("questioning", 0.20)],
    # Whole-class recitation: the class answers in chorus as often as one student does.
    "recitation": [("lecture", 0.20), ("choral", 0.35), ("questioning", 0.25), ("choral", 0.20)],
    # Not a lesson: 3-6 adults around a meeting-room table, one of them chairing (the "teacher").
    "meeting": [("meeting", 1.0)],
}


class Speaker:
    def __init__(self, name, role, voice, loudness, distance):
        self.name, self.role, self.voice = name, role, voice
        self.loudness, self.distance = loudness, distance
        self.pool = {"sentence": [], "question": [], "short": [], "word": []}
        self.ir_tail = None


def make_teacher(rng, cache):
    r = rng.random()
    if r < 0.3:
        return V.EspeakVoice("en-us+m3", rng.integers(30, 50), rng.integers(145, 175), cache), "male-espeak"
    if r < 0.55:
        return V.EspeakVoice(rng.choice(["en+f2", "en-us+f4", "en+f5"]), rng.integers(45, 65),
                             rng.integers(145, 175), cache), "female-espeak"
    if r < 0.65:
        return V.EspeakVoice(rng.choice(["en-gb+m1", "en+m2"]), rng.integers(35, 55),
                             rng.integers(140, 170), cache), "male2-espeak"
    if r < 0.83:
        return V.FormantVoice(rng.uniform(95, 135), rng.uniform(0.95, 1.02), rng.uniform(0.9, 1.1),
                              rng.uniform(0.2, 0.6), rng.integers(1 << 30)), "male-formant"
    return V.FormantVoice(rng.uniform(180, 230), rng.uniform(1.08, 1.15), rng.uniform(0.9, 1.1),
                          rng.uniform(0.4, 0.9), rng.integers(1 << 30)), "female-formant"


def make_student(rng, cache):
    r = rng.random()
    if r < 0.55:  # children: high pitch espeak variants
        return V.EspeakVoice(rng.choice(["en+f1", "en+f3", "en-us+f2", "en+f4", "en+m4", "en-us+m1"]),
                             rng.integers(75, 99), rng.integers(150, 200), cache)
    if r < 0.65:  # adult learner
        return V.EspeakVoice(rng.choice(["en-us+m2", "en+f5", "en-gb+m6"]), rng.integers(40, 70),
                             rng.integers(150, 185), cache)
    return V.FormantVoice(rng.uniform(230, 320), rng.uniform(1.15, 1.28), rng.uniform(0.95, 1.25),
                          rng.uniform(0.3, 1.0), rng.integers(1 << 30))


def make_teacher_heldout(rng, cache):
    """Held-out teachers: voices built from real speakers' recordings (see voices.RecordedVoice)."""
    r = rng.random()
    st = rng.uniform(0.95, 1.15)
    if r < 0.25:
        return V.RecordedVoice("flite", "slt", cache, f0=rng.integers(170, 235), stretch=st), "female-slt"
    if r < 0.45:
        return V.RecordedVoice("flite", "rms", cache, f0=rng.integers(95, 135), stretch=st), "male-rms"
    if r < 0.6:
        return V.RecordedVoice("flite", "awb", cache, f0=rng.integers(100, 145), stretch=st), "male-awb"
    if r < 0.75:
        return V.RecordedVoice("festival", "kal_diphone", cache, stretch=st), "male-kal"
    if r < 0.9:
        return V.RecordedVoice("festival", "cmu_us_slt_arctic_hts", cache, stretch=st), "female-slt-hts"
    return V.RecordedVoice("flite", "slt", cache, f0=rng.integers(150, 175), shift=0.92,
                           stretch=st), "low-female-slt"


def make_student_heldout(rng, cache):
    r = rng.random()
    st = rng.uniform(0.9, 1.1)
    if r < 0.25:  # a real boy's recorded diphones (Czech phonology reading English words)
        return V.RecordedVoice("festival", "czech_krb", cache, shift=rng.uniform(1.0, 1.12), stretch=st)
    if r < 0.5:  # girls: the female voice, higher and with a shorter vocal tract
        return V.RecordedVoice("flite", "slt", cache, f0=rng.integers(200, 260),
                               shift=rng.uniform(1.1, 1.25), stretch=st)
    if r < 0.7:  # boys: male voices raised like a child's
        return V.RecordedVoice("flite", rng.choice(["rms", "awb"]), cache, f0=rng.integers(150, 190),
                               shift=rng.uniform(1.3, 1.5), stretch=st)
    if r < 0.85:
        return V.RecordedVoice("festival", "cmu_us_slt_arctic_hts", cache, shift=rng.uniform(1.12, 1.3),
                               stretch=st)
    # older students whose voices are close to an adult woman's (the hard case)
    return V.RecordedVoice("flite", "slt", cache, f0=rng.integers(190, 240), shift=rng.uniform(1.0, 1.08),
                           stretch=st)


def teacher_pool_sizes(minutes):
    """How many utterances of each kind a teacher (or a meeting's adult) has to draw on."""
    return (("sentence", int(min(60, 10 + 4 * minutes))), ("question", int(min(24, 6 + 2 * minutes))),
            ("short", 8))


def build_pools(rng, teacher, students, minutes):
    """Text for every utterance a speaker may say, synthesised in parallel and cached."""
    jobs = []
    text = {"sentence": lambda: V.sentence(rng, 6, 16), "question": lambda: V.question(rng),
            "short": lambda: V.sentence(rng, 1, 4)}
    for kind, k in teacher_pool_sizes(minutes):
        jobs += [(teacher, kind, text[kind]()) for _ in range(k)]
    for s in students:
        for _ in range(4):
            jobs.append((s, "sentence", V.sentence(rng, 4, 12)))
        for _ in range(3):
            jobs.append((s, "word", V.one_word(rng)))
        jobs.append((s, "short", V.sentence(rng, 1, 4)))
    synthesise(jobs)


def synthesise(jobs):
    """Synthesises (speaker, kind, text) jobs, 8 at a time, into the speakers' pools."""
    pending = []
    max_par = 8
    for i, (spk, kind, text) in enumerate(jobs):
        pending.append((spk, kind, spk.voice.request(text)))
        if len(pending) >= max_par or i == len(jobs) - 1:
            for spk2, kind2, h in pending:
                y = type(spk2.voice).collect(h)
                m = V.activity_mask(y)
                y, m = V.trim(y, m)
                y = V.normalise(y, m)
                spk2.pool[kind2].append((y, m))
            pending = []


def build_pools_real(rng, teacher, students, minutes):
    """The same pool sizes as build_pools, each utterance assembled from real recordings."""
    for kind, k in teacher_pool_sizes(minutes):
        teacher.pool[kind] += [teacher.voice.make(rng, kind) for _ in range(k)]
    for s in students:
        for kind, k in (("sentence", 4), ("word", 3), ("short", 2)):
            s.pool[kind] += [s.voice.make(rng, kind) for _ in range(k)]
    trim_pools([teacher] + students)


def trim_pools(speakers):
    """Trims every assembled utterance to its activity and normalises its level."""
    for spk in speakers:
        for kind, pool in spk.pool.items():
            for i, (y, m) in enumerate(pool):
                y, m = V.trim(y, m)
                pool[i] = (V.normalise(y, m), m)


def make_meeting(set_name, rng, cache, minutes):
    """The meeting preset's cast: a chair (the "teacher") and 2-5 other adults, no two with the
    same voice, all 0.7-2.5 m from a microphone on the table and about as loud. Everyone has as
    many utterances to draw on as a teacher. Returns (chair, chair's kind, [others])."""
    if set_name in ("real", "unseen"):
        voices, tkind = (R.make_meeting_cast if set_name == "real" else
                         R.make_meeting_cast_unseen)(rng, cache)
    else:
        make = make_teacher_heldout if set_name == "heldout" else make_teacher
        want = int(rng.integers(3, 7 if set_name == "tuning" else 6))
        voices, kinds = [], []
        for _ in range(60):  # the formant voices differ every time; the others only once each
            v, k = make(rng, cache)
            if k not in kinds or k.endswith("-formant"):
                voices.append(v)
                kinds.append(k)
            if len(voices) == want:
                break
        tkind = kinds[0]
    people = [Speaker("teacher" if i == 0 else f"student{i}", "teacher" if i == 0 else "student", v,
                      float(rng.uniform(0.7, 1.1)), float(rng.uniform(0.7, 2.5)))
              for i, v in enumerate(voices)]
    kinds = teacher_pool_sizes(minutes) + (("word", 4),)
    if set_name in ("real", "unseen"):
        for spk in people:
            for kind, k in kinds:
                spk.pool[kind] += [spk.voice.make(rng, kind) for _ in range(k)]
        trim_pools(people)
    else:
        text = {"sentence": lambda: V.sentence(rng, 5, 16), "question": lambda: V.question(rng),
                "short": lambda: V.sentence(rng, 1, 4), "word": lambda: V.one_word(rng)}
        synthesise([(spk, kind, text[kind]()) for spk in people for kind, k in kinds for _ in range(k)])
    return people[0], tkind, people[1:]


class Lesson:
    def __init__(self, rng, total_frames):
        self.rng = rng
        self.n = total_frames
        self.mix = np.zeros(total_frames * HOP + FS * 3, np.float32)
        self.count = np.zeros(total_frames, np.int16)
        self.teacher_on = np.zeros(total_frames, bool)
        self.spk_on = {}
        self.rt60 = 0.5
        self.dc = 1.5

    def make_tail(self, rng):
        """Unit-energy diffuse reverberation tail with this room's RT60."""
        n = int(self.rt60 * FS)
        t = np.arange(n) / FS
        tail = rng.standard_normal(n) * np.exp(-6.91 * t / self.rt60)
        tail[: int(0.004 * FS)] = 0.0  # first reflections arrive a few ms after the direct sound
        bb, aa = signal.butter(1, 4000 / (FS / 2))  # air and walls absorb highs
        tail = signal.lfilter(bb, aa, tail)
        return (tail / np.sqrt(np.sum(tail ** 2))).astype(np.float32)

    def say(self, spk, kind, t_s, distance=None):
        """Place one utterance starting at t_s seconds; returns its end time in seconds."""
        pool = spk.pool[kind]
        y, m = pool[int(self.rng.integers(len(pool)))]
        f0 = int(round(t_s * 100))
        if f0 >= self.n:
            return t_s
        d = distance if distance is not None else spk.distance
        d = max(0.5, d)
        g = spk.loudness * float(np.exp(self.rng.normal(0, 0.12)))
        ir = spk.ir_tail * (1.0 / self.dc)
        wet = signal.oaconvolve(y * g, ir)[: len(y) + len(ir)]
        wet[: len(y)] += y * g / d
        s0 = f0 * HOP
        s1 = min(len(self.mix), s0 + len(wet))
        self.mix[s0:s1] += wet[: s1 - s0]
        nf = min(len(m), self.n - f0)
        self.count[f0: f0 + nf] += m[:nf]
        if spk.role == "teacher":
            self.teacher_on[f0: f0 + nf] |= m[:nf]
        self.spk_on.setdefault(spk.name, np.zeros(self.n, bool))[f0: f0 + nf] |= m[:nf]
        return t_s + len(m) / 100.0


def phase_lecture(L, rng, T, S, t, end):
    while t < end:
        d = float(np.clip(T.distance + rng.normal(0, 0.8), 0.6, 5.0))  # the teacher walks about
        t = L.say(T, "sentence", t, d) + rng.uniform(0.3, 1.3)
        if rng.random() < 0.08 and t < end:  # a student interjects, the teacher replies
            s = S[int(rng.integers(len(S)))]
            t = L.say(s, rng.choice(["short", "word"]), t + rng.uniform(0.2, 1.0)) + rng.uniform(0.4, 1.5)
    return t


def phase_questioning(L, rng, T, S, t, end):
    while t < end:
        d = float(np.clip(T.distance + rng.normal(0, 0.6), 0.6, 5.0))
        t = L.say(T, "question", t, d)
        if rng.random() < 0.3:
            t = L.say(T, "short", t + rng.uniform(0.2, 0.7), d)
        wait = float(np.clip(rng.lognormal(np.log(1.5), 0.6), 0.5, 5.0))
        t += wait
        s = S[int(rng.integers(len(S)))]
        kind = "word" if rng.random() < 0.45 else ("sentence" if rng.random() < 0.7 else "short")
        a_end = L.say(s, kind, t)
        if rng.random() < 0.12:  # a second student answers at once
            s2 = S[int(rng.integers(len(S)))]
            if s2 is not s:
                a_end = max(a_end, L.say(s2, "short", t + rng.uniform(0.1, 0.8)))
        t = a_end
        if rng.random() < 0.75:
            t = L.say(T, "short", t + rng.uniform(0.3, 2.0), d)
        t += rng.uniform(0.4, 1.5)
    return t


def phase_groupwork(L, rng, T, S, t, end):
    k = int(rng.integers(3, min(8, len(S)) + 1))
    active = list(rng.choice(len(S), size=k, replace=False))
    t_end = t
    for i in active:
        s = S[i]
        ts = t + rng.uniform(0, 1.5)
        while ts < end:
            kind = "sentence" if rng.random() < 0.7 else "short"
            ts = L.say(s, kind, ts) + rng.uniform(0.1, 0.9)
        t_end = max(t_end, ts)
    tt = t + rng.uniform(5, 20)
    while tt < end - 5:  # the teacher talks to one group, standing close to it
        tt = L.say(T, "sentence", tt, rng.uniform(1.5, 4.0)) + rng.uniform(10, 30)
    return t_end


def phase_choral(L, rng, T, S, t, end):
    """Recitation: the teacher asks, and most of the class answers at once (a word or a short
    phrase, onsets within a quarter of a second), or one student does; in "repeat after me" the
    class echoes the teacher's short phrase. Several voices in bursts of a second or two, alone
    between silences, as a lone teacher's unbroken phrase can sound."""
    while t < end:
        d = float(np.clip(T.distance + rng.normal(0, 0.6), 0.6, 5.0))
        echo = rng.random() < 0.3
        t = L.say(T, "short" if echo else "question", t, d)
        t += float(np.clip(rng.lognormal(np.log(0.8 if echo else 1.2), 0.5), 0.3, 3.0))
        if echo or rng.random() < 0.6:
            k = int(rng.integers(max(3, len(S) // 2), len(S) + 1))
            kind = "short" if echo or rng.random() < 0.3 else "word"
            a_end = t
            for i in rng.choice(len(S), size=k, replace=False):
                a_end = max(a_end, L.say(S[int(i)], kind, t + rng.uniform(0.0, 0.25)))
        else:
            s = S[int(rng.integers(len(S)))]
            a_end = L.say(s, "word" if rng.random() < 0.6 else "short", t)
        t = a_end
        if rng.random() < 0.6:
            t = L.say(T, "short", t + rng.uniform(0.3, 1.2), d)
        t += rng.uniform(0.5, 1.5)
    return t


def phase_meeting(L, rng, T, S, t, end):
    """A meeting: the floor goes back to the chair (T) after 55-80 % of the others' turns, and
    the others share the rest unevenly, so the chair usually talks most (main() makes whoever
    talks most the truth's teacher).
    A turn is 1-3 utterances; the next talker starts 0.25 s after the last on average, and in a
    third of changes before the last has finished (up to 0.8 s over it; one change in ten is an
    interruption, 0.5-1.5 s over). A listener says a word over one utterance in three. Several voices come in pieces of a fraction of a second to a second and a half, as in
    recorded meetings, never the long runs of group work."""
    back = rng.uniform(0.55, 0.8)  # how often the floor returns to the chair
    w = np.concatenate([[0.0], rng.dirichlet(np.full(len(S), 2.0))])
    people = [T] + S
    cur = 0
    while t < end:
        spk = people[cur]
        last_end = t
        for u in range(int(rng.integers(1, 4))):
            if u > 0:
                t = last_end + rng.uniform(0.2, 0.9)
            r = rng.random()
            kind = "sentence" if r < 0.6 else ("question" if r < 0.8 else "short")
            last_end = L.say(spk, kind, t)
            if last_end - t > 1.5 and rng.random() < 0.33:  # a listener agrees, over the talk
                b = int(rng.integers(len(people) - 1))
                b += b >= cur
                L.say(people[b], "word", rng.uniform(t + 0.5, last_end - 0.3))
        p = w.copy()
        p[cur] = 0.0
        if cur != 0 and rng.random() < back:
            cur = 0
        else:
            cur = int(rng.choice(len(people), p=p / p.sum()))
        if rng.random() < 0.1:
            gap = -rng.uniform(0.5, 1.5)
        else:
            gap = float(np.clip(rng.normal(0.25, 0.45), -0.8, 2.0))
        t = max(t + 0.3, last_end + gap)
    return t


def phase_seatwork(L, rng, T, S, t, end):
    while t < end:
        t += rng.uniform(6, 25)
        if t >= end:
            break
        if rng.random() < 0.6:
            t = L.say(T, "short", t, rng.uniform(1.0, 5.0))
        else:
            s = S[int(rng.integers(len(S)))]
            t = L.say(s, "short", t) + rng.uniform(0.5, 1.5)
            t = L.say(T, "short", t, rng.uniform(1.0, 4.0))
    return max(t, end)


PHASES = {"lecture": phase_lecture, "questioning": phase_questioning,
          "groupwork": phase_groupwork, "seatwork": phase_seatwork, "choral": phase_choral,
          "meeting": phase_meeting}


def pink(rng, n):
    # Paul Kellet's economy pink filter: -3 dB/oct within ~0.5 dB over the audio band
    b = [0.049922035, -0.095993537, 0.050612699, -0.004408786]
    a = [1, -2.494956002, 2.017265875, -0.522189400]
    y = signal.lfilter(b, a, rng.standard_normal(n))
    return y / np.std(y)



def mix_event(L, rng, n, x, m, level, tail):
    """Adds a non-speech event `x` (its first `m` samples) at `level` RMS, with the room's `tail`,
    at a random moment of the lesson."""
    x = x / (np.sqrt(np.mean(x ** 2)) + 1e-12) * level
    x = np.concatenate([x * 0.7, np.zeros(len(tail))])
    x[: m + len(tail) - 1] += 0.3 * signal.oaconvolve(x[:m], tail)[: m + len(tail) - 1]
    s0 = int(rng.uniform(0, n / FS - 1) * FS)
    s1 = min(n, s0 + len(x))
    L.mix[s0:s1] += x[: s1 - s0].astype(np.float32)

def add_noise(L, rng, n, snr_db, events_per_min):
    noise_rms = 0.1 * 10 ** (-snr_db / 20)
    t = np.arange(n) / FS
    bed = pink(rng, n) * 0.6
    # ventilation: rumble (low-passed noise) and mains/fan hum with harmonics
    bb, aa = signal.butter(2, rng.uniform(150, 400) / (FS / 2))
    bed += signal.lfilter(bb, aa, rng.standard_normal(n)) * rng.uniform(0.5, 1.5)
    f_hum = rng.choice([50.0, 60.0, rng.uniform(80, 140)])
    for h in range(1, 5):
        bed += rng.uniform(0.05, 0.3) / h * np.sin(2 * np.pi * f_hum * h * t + rng.uniform(0, 6))
    bed *= noise_rms / np.std(bed)
    L.mix[:n] += bed.astype(np.float32)
    # transients, each through the room
    tail = L.make_tail(rng)
    n_ev = int(events_per_min * n / FS / 60)
    for _ in range(n_ev):
        kind = rng.choice(["chair", "squeak", "paper", "steps", "knock"], p=[0.3, 0.1, 0.3, 0.2, 0.1])
        level = noise_rms * 10 ** (rng.uniform(6, 24) / 20)
        if kind == "chair":
            m = int(rng.uniform(0.2, 0.8) * FS)
            x = rng.standard_normal(m)
            cf = rng.uniform(300, 1500)
            bb, aa = signal.butter(2, [cf * 0.5 / (FS / 2), min(0.95, cf * 2 / (FS / 2))], btype="band")
            x = signal.lfilter(bb, aa, x) * np.hanning(m) * (1 + 0.5 * np.sin(2 * np.pi * rng.uniform(10, 30) * np.arange(m) / FS))
        elif kind == "squeak":
            m = int(rng.uniform(0.1, 0.4) * FS)
            f = np.linspace(rng.uniform(600, 1500), rng.uniform(600, 1500), m)
            x = np.sin(2 * np.pi * np.cumsum(f) / FS) * np.hanning(m) * 0.7
        elif kind == "paper":
            m = int(rng.uniform(0.3, 1.5) * FS)
            x = rng.standard_normal(m)
            bb, aa = signal.butter(2, 2000 / (FS / 2), btype="high")
            crackle = (rng.random(m // 80 + 1) ** 3).repeat(80)[:m]
            x = signal.lfilter(bb, aa, x) * crackle * np.hanning(m)
        elif kind == "steps":
            m = int(rng.uniform(2, 5) * FS)
            x = np.zeros(m)
            period = rng.uniform(0.45, 0.65)
            for k0 in np.arange(0, m / FS - 0.1, period):
                s0 = int(k0 * FS)
                L_ = int(0.06 * FS)
                x[s0: s0 + L_] += rng.standard_normal(min(L_, m - s0)) * np.exp(-np.arange(min(L_, m - s0)) / (0.012 * FS))
            bb, aa = signal.butter(2, 600 / (FS / 2))
            x = signal.lfilter(bb, aa, x) * 3
        else:
            m = int(0.15 * FS)
            x = rng.standard_normal(m) * np.exp(-np.arange(m) / (0.01 * FS))
        mix_event(L, rng, n, x, m, level, tail)


def add_noise_heldout(L, rng, n, snr_db, events_per_min):
    """Held-out rooms' noise, none of it in the tuning set: a projector fan (blade-pass tone
    with harmonics over broadband air noise), traffic or rain outside (slowly swelling brown or
    high-passed noise), and transients the tuning set lacks: coughs (noise through a vocal-tract
    resonance), door slams, a dropped pen, a pencil sharpener."""
    noise_rms = 0.1 * 10 ** (-snr_db / 20)
    t = np.arange(n) / FS
    air = signal.lfilter([1], [1, -0.9], rng.standard_normal(n))
    bb, aa = signal.butter(2, [200 / (FS / 2), 3000 / (FS / 2)], btype="band")
    bed = signal.lfilter(bb, aa, air) * rng.uniform(0.3, 1.0)
    blade = rng.uniform(90, 320)
    for h in range(1, 7):
        bed += rng.uniform(0.05, 0.25) / h * np.sin(2 * np.pi * blade * h * t + rng.uniform(0, 6))
    swell = 1 + 0.6 * np.sin(2 * np.pi * rng.uniform(0.02, 0.1) * t + rng.uniform(0, 6))
    if rng.random() < 0.5:  # traffic: brown noise
        brown = signal.lfilter([1], [1, -0.995], rng.standard_normal(n))
        bed += brown / np.std(brown) * rng.uniform(0.5, 1.5) * swell
    else:  # rain: high-passed crackle
        bb, aa = signal.butter(2, 1500 / (FS / 2), btype="high")
        rain = signal.lfilter(bb, aa, rng.standard_normal(n) * (rng.random(n) < 0.2))
        bed += rain / np.std(rain) * rng.uniform(0.3, 1.0) * swell
    bed *= noise_rms / np.std(bed)
    L.mix[:n] += bed.astype(np.float32)
    tail = L.make_tail(rng)
    n_ev = int(events_per_min * n / FS / 60)
    for _ in range(n_ev):
        kind = rng.choice(["cough", "door", "pen", "sharpener"], p=[0.35, 0.2, 0.25, 0.2])
        level = noise_rms * 10 ** (rng.uniform(8, 26) / 20)
        if kind == "cough":
            m = int(rng.uniform(0.15, 0.45) * FS)
            x = rng.standard_normal(m) * np.exp(-np.arange(m) / (rng.uniform(0.05, 0.12) * FS))
            for f in (rng.uniform(400, 900), rng.uniform(1200, 2200)):
                r = np.exp(-np.pi * 250 / FS)
                x = signal.lfilter([1 - r], [1, -2 * r * np.cos(2 * np.pi * f / FS), r * r], x)
        elif kind == "door":
            m = int(0.4 * FS)
            x = rng.standard_normal(m) * np.exp(-np.arange(m) / (0.03 * FS))
            bb, aa = signal.butter(2, 300 / (FS / 2))
            x = signal.lfilter(bb, aa, x)
        elif kind == "pen":
            m = int(0.08 * FS)
            x = np.sin(2 * np.pi * rng.uniform(2000, 4000) * np.arange(m) / FS) * np.exp(-np.arange(m) / (0.01 * FS))
        else:
            m = int(rng.uniform(1.0, 3.0) * FS)
            x = rng.standard_normal(m) * (1 + np.sin(2 * np.pi * rng.uniform(8, 15) * np.arange(m) / FS))
            bb, aa = signal.butter(2, [800 / (FS / 2), 5000 / (FS / 2)], btype="band")
            x = signal.lfilter(bb, aa, x)
        mix_event(L, rng, n, x, m, level, tail)


def recorder_heldout(rng, y):
    """A cheaper recorder than the tuning set's: a band-limited microphone (high-pass 80-250 Hz,
    low-pass 4.5-7.5 kHz) and automatic gain control as in camcorders (level followed over about
    a second, gain moving over about two; it lifts pauses and quiet talkers and takes back 25-45 %
    of level differences, at most 12 dB)."""
    bb, aa = signal.butter(2, rng.uniform(80, 250) / (FS / 2), btype="high")
    y = signal.lfilter(bb, aa, y)
    bb, aa = signal.butter(4, rng.uniform(4500, 7500) / (FS / 2))
    y = signal.lfilter(bb, aa, y)
    a_env, a_gain = np.exp(-1 / FS), np.exp(-1 / (2 * FS))
    env = np.sqrt(signal.lfilter([1 - a_env], [1, -a_env], y.astype(np.float64) ** 2) + 1e-10)
    target = np.median(env)
    gain_db = np.clip(20 * np.log10(target / env) * rng.uniform(0.25, 0.45), -12, 12)
    gain_db = signal.lfilter([1 - a_gain], [1, -a_gain], gain_db, zi=[gain_db[0] * a_gain])[0]
    return (y * 10 ** (gain_db / 20)).astype(np.float32)


def labels(L):
    lab = np.full(L.n, "silence", dtype=object)
    lab[(L.count == 1) & L.teacher_on] = "teacher"
    lab[(L.count == 1) & ~L.teacher_on] = "student"
    lab[L.count >= 2] = "multiple"
    return lab


def runs(lab):
    out = []
    s = 0
    for i in range(1, len(lab) + 1):
        if i == len(lab) or lab[i] != lab[s]:
            out.append((s, i, lab[s]))
            s = i
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--preset", default="mixed", choices=sorted(PRESETS))
    ap.add_argument("--set", default="tuning", choices=["tuning", "heldout", "real", "unseen"],
                    help="heldout: voices from real speakers' recordings (flite, festival), more "
                         "reverberant and noisier rooms, other noises, a cheap recorder with AGC; "
                         "real: real recorded human speech (codec2-examples, klettres-data) in the "
                         "held-out rooms, noises and recorder; unseen: as real, with other real "
                         "speakers no analyser decision was weighed on (asterisk prompts, ktuberling)")
    ap.add_argument("--cache", default=os.environ.get("LL_SIM_CACHE", "/tmp/lessonlens_sim_cache"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.cache, exist_ok=True)
    rng = np.random.default_rng([args.seed, 4242])

    total_frames = int(round(args.minutes * 6000))
    real = args.set in ("real", "unseen")
    heldout = args.set == "heldout" or real  # the real sets use the held-out rooms and noises
    if real:
        lacking = R.missing() if args.set == "real" else R.missing_unseen()
        if lacking:
            sys.exit(f"simulate.py --set {args.set} needs " + ", ".join(lacking) +
                     " (scripts/setup-deps.sh)")
        rng = np.random.default_rng([args.seed, 7373 if args.set == "real" else 5151])
    elif heldout:
        rng = np.random.default_rng([args.seed, 9090])
    L = Lesson(rng, total_frames)
    meeting = args.preset == "meeting"
    if meeting:  # a meeting room: smaller and deader than a classroom
        L.rt60, L.dc = float(rng.uniform(0.3, 0.8)), float(rng.uniform(1.0, 2.0))
    else:
        L.rt60 = float(rng.uniform(1.0, 1.5) if heldout else rng.uniform(0.3, 1.0))
        L.dc = float(rng.uniform(0.7, 1.5) if heldout else rng.uniform(1.0, 2.2))
    if meeting:
        T, tkind, S = make_meeting(args.set, rng, args.cache, args.minutes)
    elif real:
        tv, tkind, svs = (R.make_cast if args.set == "real" else R.make_cast_unseen)(rng, args.cache)
        T = Speaker("teacher", "teacher", tv, 1.0, float(rng.uniform(1.0, 3.0)))
        S = [Speaker(f"student{i + 1}", "student", v, float(rng.uniform(0.5, 1.1)),
                     float(rng.uniform(1.5, 8.0))) for i, v in enumerate(svs)]
        build_pools_real(rng, T, S, args.minutes)
    else:
        tv, tkind = (make_teacher_heldout if heldout else make_teacher)(rng, args.cache)
        T = Speaker("teacher", "teacher", tv, 1.0, float(rng.uniform(1.0, 3.0)))
        S = []
        for i in range(int(rng.integers(8, 14))):
            S.append(Speaker(f"student{i + 1}", "student",
                             (make_student_heldout if heldout else make_student)(rng, args.cache),
                             float(rng.uniform(0.5, 1.1)), float(rng.uniform(1.5, 8.0))))
        build_pools(rng, T, S, args.minutes)
    for s in [T] + S:
        s.ir_tail = L.make_tail(rng)

    plan = PRESETS[args.preset]
    t = float(rng.uniform(1.0, 4.0))
    total_s = total_frames / 100.0
    for name, frac in plan:
        end = min(total_s, t + frac * total_s)
        if t >= total_s:
            break
        t = PHASES[name](L, rng, T, S, t, end) + rng.uniform(1.0, 3.0)

    if meeting:
        # No one teaches a meeting: its teacher is whoever talks most, as the analysis assumes
        # without a hint. Usually the chair; if not, the two swap names in the truth.
        top = max(L.spk_on, key=lambda k: int(L.spk_on[k].sum()))
        if top != "teacher":
            L.spk_on["teacher"], L.spk_on[top] = L.spk_on[top], L.spk_on["teacher"]
            L.teacher_on = L.spk_on["teacher"].copy()
            tkind = "not the chair: " + (S[int(top[len("student"):]) - 1].voice.describe())

    n = total_frames * HOP
    if heldout:
        snr = float(rng.uniform(15, 28))
        add_noise_heldout(L, rng, n, snr, events_per_min=float(rng.uniform(4, 14)))
        y = recorder_heldout(rng, L.mix[:n]) * float(10 ** (rng.uniform(-8, 4) / 20))
    else:
        snr = float(rng.uniform(18, 34))
        add_noise(L, rng, n, snr, events_per_min=float(rng.uniform(4, 14)))
        y = L.mix[:n] * float(10 ** (rng.uniform(-8, 4) / 20))  # recorder gain
    peak = np.max(np.abs(y))
    if peak > 0.98:
        y *= 0.98 / peak
    wavfile.write(os.path.join(args.out, "lesson.wav"), FS, (y * 32767).astype(np.int16))

    lab = labels(L)
    with open(os.path.join(args.out, "truth.csv"), "w") as f:
        f.write("frame,label\n")
        f.writelines(f"{i},{l}\n" for i, l in enumerate(lab))
    segs = [{"start": a / 100, "end": b / 100, "label": l} for a, b, l in runs(lab)]
    with open(os.path.join(args.out, "truth_segments.json"), "w") as f:
        json.dump({"segments": segs}, f)
    with open(os.path.join(args.out, "truth.rttm"), "w") as f:
        for name, on in sorted(L.spk_on.items()):
            for a, b, v in runs(on):
                if v:
                    f.write(f"SPEAKER lesson 1 {a / 100:.2f} {(b - a) / 100:.2f} <NA> <NA> {name} <NA> <NA>\n")
    shares = {k: float(np.mean(lab == k)) for k in ("teacher", "student", "multiple", "silence")}
    meta = {"seed": args.seed, "preset": args.preset, "set": args.set, "minutes": args.minutes, "rt60": L.rt60,
            "critical_distance": L.dc, "snr_db_at_1m": snr, "teacher": tkind,
            "speakers": {s.name: s.voice.describe() for s in [T] + S}, "shares": shares}
    with open(os.path.join(args.out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(json.dumps({"out": args.out, "preset": args.preset, "seed": args.seed, "shares": shares}))


if __name__ == "__main__":
    main()
