#include <gtest/gtest.h>

#include <set>

#include "core/id.h"

using namespace ll;

TEST(Id, GeneratedIdsAreUniqueVersion4) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        std::string s = Id::generate().toString();
        EXPECT_EQ(s.size(), 36u);
        EXPECT_EQ(s[14], '4');
        seen.insert(s);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Id, ParsesAnyCaseAndPrintsLowerCase) {
    auto id = Id::parse("6F9619FF-8B86-D011-B42D-00C04FC964FF");
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->toString(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
    EXPECT_EQ(*Id::parse(id->toString()), *id);
}

TEST(Id, RejectsMalformedText) {
    EXPECT_FALSE(Id::parse("").ok());
    EXPECT_FALSE(Id::parse("6f9619ff").ok());
    EXPECT_FALSE(Id::parse("6f9619ff-8b86-d011-b42d-00c04fc964fg").ok());
    EXPECT_FALSE(Id::parse("6f9619ff-8b86-d011-b42d-00c04fc964ff0").ok());
}

TEST(Id, FromDigestIsStableAndMarkedNameBased) {
    std::array<uint8_t, 16> digest{};
    for (int i = 0; i < 16; ++i) digest[i] = static_cast<uint8_t>(i * 17);
    Id a = Id::fromDigest(digest), b = Id::fromDigest(digest);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.toString()[14], '8');
    EXPECT_FALSE(a.isNil());
    EXPECT_TRUE(Id().isNil());
}

TEST(Id, PrefixCheck) {
    EXPECT_TRUE(looksLikeIdPrefix("6f96"));
    EXPECT_TRUE(looksLikeIdPrefix("6F96-8b"));
    EXPECT_FALSE(looksLikeIdPrefix("lesson.mp4"));
    EXPECT_FALSE(looksLikeIdPrefix(""));
}

TEST(Id, ClipIdFromFingerprintIsTheDigestsFirstBytes) {
    std::string fp = "v1:1234:" + std::string(64, 'a');
    auto id = clipIdFromFingerprint(fp);
    ASSERT_TRUE(id.ok());
    std::array<uint8_t, 16> digest;
    digest.fill(0xaa);
    EXPECT_EQ(*id, Id::fromDigest(digest));
    EXPECT_FALSE(clipIdFromFingerprint("v2:1:" + std::string(64, 'a')).ok());
    EXPECT_FALSE(clipIdFromFingerprint("v1::" + std::string(64, 'a')).ok());
    EXPECT_FALSE(clipIdFromFingerprint("v1:12:" + std::string(63, 'a')).ok());
    EXPECT_FALSE(clipIdFromFingerprint("v1:12:" + std::string(64, 'G')).ok());
}
