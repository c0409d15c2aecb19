// Unit tests for name splitting and owner matching.
#include <gtest/gtest.h>

#include "cvtex/names.hpp"

namespace cvtex {
namespace {

TEST(SplitName, FirstLastAndReversed) {
    auto a = split_name("Cheng Li");
    EXPECT_EQ(a.family, "Li");
    ASSERT_EQ(a.given.size(), 1u);
    EXPECT_EQ(a.given[0], "Cheng");
    auto b = split_name("Li, Cheng");
    EXPECT_EQ(b.family, "Li");
    EXPECT_EQ(b.given.at(0), "Cheng");
    auto c = split_name("von Neumann, Jr, John");
    EXPECT_EQ(c.family, "von Neumann Jr");
    EXPECT_EQ(c.given.at(0), "John");
}

TEST(IsOwner, MatchesInitialsReversedFormsAndAccents) {
    const std::vector<std::string> owner{"Cheng Li"};
    for (const char* s : {"Cheng Li", "C. Li", "Li, C.", "Li, Cheng", "cheng li", "C Li"})
        EXPECT_TRUE(is_owner(s, owner)) << s;
    for (const char* s : {"Conglong Li", "Du Li", "Cheng Lu", "Li", "X. Li"})
        EXPECT_FALSE(is_owner(s, owner)) << s;
    EXPECT_TRUE(is_owner("José Müller", {"Jose Muller"}));
    EXPECT_TRUE(is_owner("Müller, J.", {"José Müller"}));
}

}  // namespace
}  // namespace cvtex
