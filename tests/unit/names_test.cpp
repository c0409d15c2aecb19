// Unit tests for name splitting, formatting and owner matching.
#include <gtest/gtest.h>

#include "cvtex/model/names.hpp"

namespace cvtex {
namespace {

std::string parts(const PersonName& n) {
    auto j = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& w : v) s += (s.empty() ? "" : " ") + w;
        return s;
    };
    return "[" + j(n.given) + "|" + j(n.von) + "|" + j(n.last) + "|" + j(n.jr) + "]";
}

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

TEST(SplitName, FollowsTheBibtexRules) {
    EXPECT_EQ(parts(split_name("Ludwig van Beethoven")), "[Ludwig|van|Beethoven|]");
    EXPECT_EQ(parts(split_name("van Beethoven, Ludwig")), "[Ludwig|van|Beethoven|]");
    EXPECT_EQ(parts(split_name("Charles Louis Xavier Joseph de la Vallee Poussin")),
              "[Charles Louis Xavier Joseph|de la|Vallee Poussin|]");
    EXPECT_EQ(parts(split_name("de la Fontaine, Jr., Jean")), "[Jean|de la|Fontaine|Jr.]");
    EXPECT_EQ(parts(split_name("Simon Garcia de Gonzalo")), "[Simon Garcia|de|Gonzalo|]");
    EXPECT_EQ(parts(split_name("Reza Yazdani Aminabadi")), "[Reza Yazdani||Aminabadi|]");
    EXPECT_EQ(parts(split_name("Wen-mei Hwu")), "[Wen-mei||Hwu|]");
    EXPECT_EQ(parts(split_name("Jean~Pierre  Sartre")), "[Jean Pierre||Sartre|]");
    EXPECT_EQ(parts(split_name("Plato")), "[||Plato|]");
    EXPECT_EQ(parts(split_name("  ")), "[|||]");
}

TEST(SplitName, BracesProtect) {
    EXPECT_EQ(parts(split_name("Matteo {de Manincor}")), "[Matteo||{de Manincor}|]");
    EXPECT_EQ(parts(split_name("{de Manincor}, Matteo")), "[Matteo||{de Manincor}|]");
    EXPECT_EQ(parts(split_name("{Sacco-Martret de Préville}, Jean")),
              "[Jean||{Sacco-Martret de Préville}|]");
    EXPECT_EQ(parts(split_name("{Barnes and Noble, Inc.}")), "[||{Barnes and Noble, Inc.}|]");
    // Special characters count by the letter they make.
    EXPECT_EQ(parts(split_name("Jean {\\'e}t{\\'e} Dupont")), "[Jean|{\\'e}t{\\'e}|Dupont|]");
    EXPECT_EQ(parts(split_name("{\\'E}mile Zola")), "[{\\'E}mile||Zola|]");
    EXPECT_EQ(parts(split_name("Émile de Zola")), "[Émile|de|Zola|]");
}

TEST(SplitAuthorList, SplitsOnAndOutsideBraces) {
    bool others = false;
    auto v =
        split_author_list("Li, Cheng and Dakkak, Abdul AND {Barnes and Noble} and others", &others);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0], "Li, Cheng");
    EXPECT_EQ(v[1], "Dakkak, Abdul");
    EXPECT_EQ(v[2], "{Barnes and Noble}");
    EXPECT_TRUE(others);
    v = split_author_list("Alexander Anderson and\n  Andy Sand", &others);
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[1], "Andy Sand");
    EXPECT_FALSE(others);
}

TEST(FormatName, FullOrInitialsInEitherOrder) {
    const auto n = split_name("Li, Cheng");
    EXPECT_EQ(format_name(n, NameForm::full, NameOrder::first_last), "Cheng Li");
    EXPECT_EQ(format_name(n, NameForm::initials, NameOrder::first_last), "C. Li");
    EXPECT_EQ(format_name(n, NameForm::full, NameOrder::last_first), "Li, Cheng");
    EXPECT_EQ(format_name(n, NameForm::initials, NameOrder::last_first), "Li, C.");
    const auto v = split_name("de la Fontaine, Jr., Jean-Pierre");
    EXPECT_EQ(format_name(v, NameForm::full, NameOrder::first_last),
              "Jean-Pierre de la Fontaine, Jr.");
    EXPECT_EQ(format_name(v, NameForm::initials, NameOrder::last_first),
              "de la Fontaine, Jr., J.-P.");
    EXPECT_EQ(format_name(split_name("Émile Zola"), NameForm::initials, NameOrder::first_last),
              "É. Zola");
    EXPECT_EQ(format_name(split_name("J.R.R. Tolkien"), NameForm::initials, NameOrder::first_last),
              "J.R.R. Tolkien");
    EXPECT_EQ(format_name(split_name("Plato"), NameForm::initials, NameOrder::last_first), "Plato");
}

TEST(IsOwner, MatchesInitialsReversedFormsAndAccents) {
    const std::vector<std::string> owner{"Cheng Li"};
    for (const char* s : {"Cheng Li", "C. Li", "Li, C.", "Li, Cheng", "cheng li", "C Li"})
        EXPECT_TRUE(is_owner(s, owner)) << s;
    for (const char* s : {"Conglong Li", "Du Li", "Cheng Lu", "Li", "X. Li"})
        EXPECT_FALSE(is_owner(s, owner)) << s;
    // Apostrophes and hyphens of any spelling; one-word names; initials written together.
    EXPECT_TRUE(is_owner("Brendan O’Connor", {"Brendan O'Connor"}));
    EXPECT_TRUE(is_owner("O‘Connor, B.", {"Brendan O'Connor"}));
    EXPECT_TRUE(is_owner("Jean‐Pierre Dupont", {"Jean-Pierre Dupont"}));
    EXPECT_TRUE(is_owner("Sukarno", {"Sukarno"}));
    EXPECT_TRUE(is_owner("王建国", {"王 建国"}));
    EXPECT_FALSE(is_owner("Ahmad Sukarno", {"Sukarno"}));
    EXPECT_FALSE(is_owner("Sukarno", {"Ahmad Sukarno"}));
    EXPECT_TRUE(is_owner("JP Dupont", {"Jean-Pierre Dupont"}));
    EXPECT_TRUE(is_owner("Jean-Pierre Dupont", {"JP Dupont"}));
    EXPECT_FALSE(is_owner("JP Dupont", {"Jean-Marc Dupont"}));
    EXPECT_TRUE(is_owner("José Müller", {"Jose Muller"}));
    EXPECT_TRUE(is_owner("Müller, J.", {"José Müller"}));
}

TEST(IsOwner, VonPartsBracesAndHyphens) {
    EXPECT_TRUE(is_owner("{de Manincor}, M.", {"Matteo de Manincor"}));
    EXPECT_TRUE(is_owner("van Beethoven, Ludwig", {"Ludwig van Beethoven"}));
    EXPECT_TRUE(is_owner("J.-P. Sartre", {"Jean-Pierre Sartre"}));
    EXPECT_TRUE(is_owner("Sartre, Jean-Paul", {"J. Sartre"}));
    EXPECT_FALSE(is_owner("Jean-Paul Sartre", {"Jean-Pierre Sartre"}));
    EXPECT_TRUE(is_owner("Yazdani Aminabadi, Reza", {"Reza Yazdani Aminabadi"}));
    EXPECT_TRUE(is_owner("Wen-Mei Hwu", {"Wen-mei Hwu"}));
    EXPECT_TRUE(is_owner("W. Hwu", {"Wen-mei Hwu"}));
}

TEST(IsOwner, AnInitialsAliasDoesNotCatchOtherGivenNames) {
    const std::vector<std::string> owner{"Cheng Li", "C. Li"};
    for (const char* s : {"Cheng Li", "C. Li", "Li, C.", "C Li"})
        EXPECT_TRUE(is_owner(s, owner)) << s;
    EXPECT_FALSE(is_owner("Conglong Li", owner));
    EXPECT_FALSE(is_owner("Li, Conglong", owner));
    // A nickname alias still works.
    EXPECT_TRUE(is_owner("Chuck Li", {"Cheng Li", "Chuck Li"}));
    // Without the full name, the initial is all there is to go on.
    EXPECT_TRUE(is_owner("Conglong Li", {"C. Li"}));
}

// The matcher gives is_owner()'s answers, also when asked again for a spelling it remembers.
TEST(OwnerMatcher, AnswersAsIsOwnerDoesAndRemembersSpellings) {
    const std::vector<std::vector<std::string>> owner_lists{
        {"Cheng Li"}, {"Cheng Li", "C. Li"}, {"C. Li"}, {"Jean-Pierre Sartre"}, {"José Müller"}};
    const std::vector<std::string> authors{"Cheng Li",     "C. Li",
                                           "Li, C.",       "Li, Cheng",
                                           "cheng li",     "C Li",
                                           "Conglong Li",  "Li, Conglong",
                                           "Du Li",        "Cheng Lu",
                                           "Li",           "X. Li",
                                           "J.-P. Sartre", "Jean-Paul Sartre",
                                           "Müller, J.",   "Jose Muller",
                                           "{Li}, C.",     ""};
    for (const auto& list : owner_lists) {
        std::vector<PersonName> split;
        for (const auto& o : list) split.push_back(split_name(o));
        OwnerMatcher matcher(split);
        for (int round = 0; round < 2; ++round) {
            for (const auto& a : authors) {
                const bool expected = is_owner(a, list);
                EXPECT_EQ(matcher.matches(a), expected) << list[0] << " / " << a << " " << round;
                EXPECT_EQ(matcher.matches(split_name(a)), expected) << list[0] << " / " << a;
            }
        }
    }
}

}  // namespace
}  // namespace cvtex
