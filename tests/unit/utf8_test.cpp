// UTF-8 helpers: the word-at-a-time ASCII scans must agree with a byte-by-byte reading.
#include "cvtex/utf8.hpp"

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

}  // namespace
}  // namespace cvtex
