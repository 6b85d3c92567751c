// Review packs come from colleagues' machines and shared folders: a damaged or hostile pack is
// refused with a reason, and a pack that is read writes back to the same bytes.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"
#include "exchange/pack.h"
#include "fuzz/fuzz_target.h"

namespace {

using namespace ll;

// A fixed "now" (2027-01-15), so that a run's verdicts do not depend on the clock.
constexpr int64_t kNow = 1'800'000'000'000'000;

#ifndef LL_FUZZ_LIBFUZZER
Id fixedId(uint8_t n) {
    std::array<uint8_t, 16> bytes{};
    bytes.fill(n);
    return Id::fromDigest(bytes);
}

std::vector<std::string> seeds() {
    exchange::Pack pack;
    pack.createdAt = kNow - 1'000'000;
    const int64_t t = kNow - 86'400'000'000;
    store::Reviewer lee{fixedId(1), "Coach Lee", 0xf28e2b, {t, t, std::nullopt}};
    store::Reviewer rivera{fixedId(2), "Ms. Rivera \xc3\xa9", 0x4e79a7, {t, t + 5, std::nullopt}};
    pack.author = lee.id;
    pack.reviewers = {lee, rivera};

    exchange::PackClip clip;
    clip.fingerprint = "v1:123456:" + std::string(64, 'a');
    clip.id = *clipIdFromFingerprint(clip.fingerprint);
    clip.title = "Grade 4 fractions";
    clip.duration = MediaTime::fromMillis(112'730);

    store::Comment strength;
    strength.id = fixedId(3);
    strength.clipId = clip.id;
    strength.authorId = lee.id;
    strength.start = MediaTime::fromMillis(21'000);
    strength.kind = store::CommentKind::Strength;
    strength.text = "You waited almost four seconds after the question.";
    strength.tags = {"wait-time"};
    strength.pinX = 0.25f;
    strength.pinY = 0.75f;
    strength.stamps = {t, t, std::nullopt};

    store::Comment range = strength;
    range.id = fixedId(4);
    range.start = MediaTime::fromMillis(43'000);
    range.end = MediaTime::fromMillis(67'000);
    range.kind = store::CommentKind::Question;
    range.text = "Pair talk: \"who can add to that?\"\nSecond line.";
    range.tags = {"questioning", "student-talk"};
    range.pinX.reset();
    range.pinY.reset();
    range.resolved = true;

    store::Comment reply = strength;
    reply.id = fixedId(5);
    reply.parentId = strength.id;
    reply.authorId = rivera.id;
    reply.kind = store::CommentKind::Note;
    reply.text = "Thank you \xe2\x80\x94 I'll keep it.";
    reply.tags = {};
    reply.pinX.reset();
    reply.pinY.reset();

    store::Comment deleted = strength;
    deleted.id = fixedId(6);
    deleted.stamps.deletedAt = t + 10;
    clip.comments = {strength, range, reply, deleted};

    store::SegmentCorrection relabel;
    relabel.id = fixedId(7);
    relabel.clipId = clip.id;
    relabel.reviewerId = lee.id;
    relabel.kind = store::SegmentCorrection::Kind::Relabel;
    relabel.range = {MediaTime::fromMillis(4'100), MediaTime::fromMillis(4'300)};
    relabel.label = "student";
    relabel.stamps = {t, t, std::nullopt};
    store::SegmentCorrection teacherAt = relabel;
    teacherAt.id = fixedId(8);
    teacherAt.kind = store::SegmentCorrection::Kind::TeacherAt;
    teacherAt.range = {MediaTime::fromMillis(9'000), MediaTime::fromMillis(9'000)};
    teacherAt.label.clear();
    clip.corrections = {relabel, teacherAt};
    pack.clips = {clip};

    exchange::Pack empty;
    empty.createdAt = kNow;
    empty.author = lee.id;
    empty.reviewers = {lee};
    return {exchange::writePack(pack), exchange::writePack(empty)};
}
#endif

}  // namespace

LL_FUZZ_TARGET(pack, seeds) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto pack = exchange::readPack(bytes, kNow);
    if (!pack) {
        LL_FUZZ_CHECK(!pack.error().message.empty());
        return 0;
    }
    // What was accepted is whole: writing it and reading it again gives the same pack.
    const std::string written = exchange::writePack(*pack);
    auto again = exchange::readPack(written, kNow);
    LL_FUZZ_CHECK(again.ok());
    LL_FUZZ_CHECK(exchange::writePack(*again) == written);
    return 0;
}
