// UTF-8 helpers; normalisation is delegated to utf8proc (see docs/decisions.md).
#include "cvtex/base/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace cvtex::utf8 {

namespace {

// Length of the sequence introduced by `lead`, or 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

bool decode_at(std::string_view s, std::size_t pos, char32_t& cp, std::size_t& len) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    len = sequence_length(lead);
    if (len == 0 || pos + len > s.size()) return false;
    if (len == 1) {
        cp = lead;
        return true;
    }
    cp = lead & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        const auto c = static_cast<unsigned char>(s[pos + i]);
        if ((c & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (c & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    return true;
}

// Eight bytes at a time: a word with no high bit set is eight ASCII characters.
constexpr std::uint64_t high_bits = 0x8080808080808080ull;

std::uint64_t word_at(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

std::string map_with(std::string_view s, int options) {
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                static_cast<utf8proc_ssize_t>(s.size()), &out,
                                static_cast<utf8proc_option_t>(options));
    if (n < 0) return std::string(s);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace

std::optional<std::size_t> find_invalid(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (pos + 8 <= s.size() && (word_at(s.data() + pos) & high_bits) == 0) {
            pos += 8;  // eight ASCII bytes, the common case
            continue;
        }
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        char32_t cp = 0;
        std::size_t len = 0;
        if (!decode_at(s, pos, cp, len)) return pos;
        pos += len;
    }
    return std::nullopt;
}

char32_t decode(std::string_view s, std::size_t& pos) {
    char32_t cp = 0;
    std::size_t len = 0;
    if (!decode_at(s, pos, cp, len)) {
        ++pos;
        return 0xFFFD;
    }
    pos += len;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Counting lead bytes (every byte that is not 10xxxxxx starts a code point) gives the same
// answer as decoding for valid UTF-8, which every input is by the time positions are needed,
// and is several times cheaper: the loader measures every key and value it reports.
std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::size_t offset_of(std::string_view s, std::size_t index) {
    std::size_t pos = 0;
    for (std::size_t seen = 0; pos < s.size(); ++pos) {
        if ((static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;
        if (seen++ == index) return pos;
    }
    return pos;
}

bool is_ascii(std::string_view s) {
    std::size_t pos = 0;
    for (; pos + 8 <= s.size(); pos += 8)
        if (word_at(s.data() + pos) & high_bits) return false;
    for (; pos < s.size(); ++pos)
        if (s[pos] & 0x80) return false;
    return true;
}

namespace {

// Punctuation that NFC leaves alone wherever it stands: no canonical decomposition, combining
// class 0, and no composition with any code point before it (checked with utf8proc for all of
// them). The en dash of every date range is one.
bool nfc_inert(char32_t cp) {
    switch (cp) {
        case 0xA0:  // no-break space
        case 0x2013:
        case 0x2014:  // en and em dash
        case 0x2018:
        case 0x2019:
        case 0x201C:
        case 0x201D:  // curly quotes
        case 0x2026:  // ellipsis
            return true;
        default:
            return false;
    }
}

// True when NFC cannot change `s`: ASCII (never part of a composition but as its first
// half, and then only before a combining mark) and inert punctuation.
bool nfc_stable(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        if (!nfc_inert(decode(s, pos))) return false;
    }
    return true;
}

}  // namespace

// Text in NFC already, ASCII above all, skips utf8proc: that keeps the writer fast (most CV
// text is ASCII, and normalisation was most of the front end's time).
std::string nfc(std::string_view s) {
    if (is_ascii(s) || nfc_stable(s)) return std::string(s);
    return map_with(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string collapse_blanks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool blank = false;
    for (char c : s) {
        if (is_blank(c)) {
            blank = !out.empty();
            continue;
        }
        if (blank) out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

std::string fold_for_matching(std::string_view s) {
    if (is_ascii(s)) return ascii_lower(s);
    return map_with(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
                           UTF8PROC_CASEFOLD);
}

bool is_lower(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}

bool is_upper(char32_t cp) {
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool is_invisible(char32_t cp) {
    if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0) return true;
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return category == UTF8PROC_CATEGORY_CF || category == UTF8PROC_CATEGORY_ZL ||
           category == UTF8PROC_CATEGORY_ZP;
}

}  // namespace cvtex::utf8
