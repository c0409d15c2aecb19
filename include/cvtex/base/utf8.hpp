// Small UTF-8 helpers: validation, decoding and code point columns.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cvtex::utf8 {

/// Byte offset of the first invalid sequence, or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid(std::string_view s);

/// Decodes the code point at `pos` and advances `pos`; returns U+FFFD for a bad sequence.
char32_t decode(std::string_view s, std::size_t& pos);

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Number of code points in `s` (lead bytes counted: exact for valid UTF-8).
std::size_t length(std::string_view s);

/// Byte offset of the code point with 0-based index `index` (clamped to the end).
std::size_t offset_of(std::string_view s, std::size_t index);

/// True when every byte of `s` is ASCII.
bool is_ascii(std::string_view s);

/// ASCII letters lowered; other bytes unchanged (keys, macro names, BibTeX types).
std::string ascii_lower(std::string_view s);

/// Space, tab, line feed or carriage return.
inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Runs of spaces, tabs and line breaks become one space; leading and trailing ones go.
std::string collapse_blanks(std::string_view s);

/// NFC normalisation through utf8proc; returns the input unchanged if it is not valid UTF-8.
std::string nfc(std::string_view s);

/// Lower case, accents removed (NFKD without marks) and case folded, for name matching.
std::string fold_for_matching(std::string_view s);

/// True for a lower-case letter (Unicode category Ll), e.g. 'a', 'é', 'ß'.
bool is_lower(char32_t cp);
/// True for an upper-case or title-case letter (Lu, Lt), e.g. 'A', 'É'.
bool is_upper(char32_t cp);

/// True for a character that prints nothing visible but changes how text reads: format
/// characters (Cf: zero-width spaces and joiners, bidirectional controls, the BOM, tags), the
/// line and paragraph separators, and the Hangul fillers that pass for letters.
bool is_invisible(char32_t cp);
/// True for a bidirectional embedding, override or isolate (U+202A..U+202E, U+2066..U+2069),
/// which reorders the text around it ("Trojan Source").
inline bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace cvtex::utf8
