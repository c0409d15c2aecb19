// UTF-8 helpers: the word-at-a-time ASCII scans must agree with a byte-by-byte reading.
#include "cvtex/base/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cvtex {
namespace {

// A non-ASCII byte at every position of strings long enough to span several eight-byte words,
// so a word boundary, the tail and the first byte are all covered.
TEST(Utf8, IsAsciiFindsANonAsciiByteAnywhere) {
    EXPECT_TRUE(utf8::is_ascii(""));
    for (std::size_t size = 1; size <= 20; ++size) {
        const std::string ascii(size, 'a');
        EXPECT_TRUE(utf8::is_ascii(ascii)) << size;
        for (std::size_t at = 0; at < size; ++at) {
            std::string s = ascii;
            s[at] = '\x80';
            EXPECT_FALSE(utf8::is_ascii(s)) << size << " " << at;
        }
    }
}

TEST(Utf8, FindInvalidReportsTheFirstBadByteAnywhere) {
    for (std::size_t size = 1; size <= 20; ++size) {
        const std::string ascii(size, 'a');
        EXPECT_FALSE(utf8::find_invalid(ascii)) << size;
        for (std::size_t at = 0; at < size; ++at) {
            std::string bad = ascii;
            bad[at] = '\xFF';
            EXPECT_EQ(utf8::find_invalid(bad), at) << size << " " << at;
            // A valid two-byte sequence ("é") there, then a stray continuation byte later.
            std::string valid = ascii.substr(0, at) + "\xC3\xA9" + ascii.substr(at);
            EXPECT_FALSE(utf8::find_invalid(valid)) << size << " " << at;
            valid += "\x80";
            EXPECT_EQ(utf8::find_invalid(valid), size + 2) << size << " " << at;
        }
    }
    // A sequence cut off by the end of the text.
    EXPECT_EQ(utf8::find_invalid("abcdefghij\xC3"), 10u);
    EXPECT_EQ(utf8::find_invalid("abcdefgh\xE2\x80"), 8u);
}

// Punctuation that NFC never changes skips utf8proc; text with anything else is composed.
TEST(Utf8, NfcKeepsInertPunctuationAndComposesTheRest) {
    for (const char* s : {"May \u2013 Aug 2019", "\u201CA\u201D \u2018b\u2019 c\u2026 d\u2014e",
                          "a\u00A0b", "\u2013", ""})
        EXPECT_EQ(utf8::nfc(s), s) << s;
    EXPECT_EQ(utf8::nfc("e\u0301 \u2013 x"), "\u00E9 \u2013 x");
    EXPECT_EQ(utf8::nfc("\u2013e\u0301"), "\u2013\u00E9");
    EXPECT_EQ(utf8::nfc("\u00E9\u2013"), "\u00E9\u2013");
    EXPECT_EQ(utf8::nfc("\u212B"), "\u00C5");  // a singleton: Angstrom sign -> A with ring
    EXPECT_EQ(utf8::nfc("bad \xFF \u2013"), "bad \xFF \u2013");  // invalid: unchanged
}

}  // namespace
}  // namespace cvtex
