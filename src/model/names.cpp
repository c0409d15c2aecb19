// Name splitting (the BibTeX rules), formatting and owner matching for author lists.
#include "cvtex/model/names.hpp"

#include <algorithm>
#include <optional>

#include "cvtex/base/utf8.hpp"

namespace cvtex {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~';
}
bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The comma-separated parts of a name, each split into tokens; braces protect both.
std::vector<std::vector<std::string>> tokenize(std::string_view s) {
    std::vector<std::vector<std::string>> parts(1);
    std::string cur;
    int depth = 0;
    auto flush = [&] {
        if (!cur.empty()) parts.back().push_back(std::move(cur)), cur.clear();
    };
    for (char c : s) {
        if (depth == 0 && is_space(c)) {
            flush();
        } else if (depth == 0 && c == ',') {
            flush();
            parts.emplace_back();
        } else {
            if (c == '{') ++depth;
            if (c == '}' && depth > 0) --depth;
            cur += c;
        }
    }
    flush();
    return parts;
}

// The case of a "special character" {\'E} or {\ss}: the letters of the command for the
// letter-like ones, else the first letter after the command.
std::optional<bool> special_is_lower(std::string_view group) {
    std::size_t i = 2;  // after "{\"
    std::string name;
    while (i < group.size() && is_ascii_letter(group[i])) name += group[i++];
    static const std::vector<std::string_view> letters{"i",  "j", "oe", "OE", "ae", "AE", "aa",
                                                       "AA", "o", "O",  "l",  "L",  "ss"};
    if (!name.empty() && std::find(letters.begin(), letters.end(), name) != letters.end())
        return name[0] >= 'a' && name[0] <= 'z';
    if (name.empty() && i < group.size()) ++i;  // a one-character accent command: \' \" ...
    for (; i < group.size(); ++i)
        if (is_ascii_letter(group[i])) return group[i] >= 'a' && group[i] <= 'z';
    return std::nullopt;
}

// BibTeX's test for a "von" token: the first letter outside braces is lower case. Brace
// groups that are not special characters are skipped; a token without letters is not von.
bool is_von(std::string_view token) {
    std::size_t i = 0;
    while (i < token.size()) {
        const char c = token[i];
        if (c == '{') {
            std::size_t end = i;
            int depth = 0;
            do {
                if (token[end] == '{')
                    ++depth;
                else if (token[end] == '}')
                    --depth;
                ++end;
            } while (end < token.size() && depth > 0);
            const std::string_view group = token.substr(i, end - i);
            if (group.size() > 1 && group[1] == '\\')
                if (auto lower = special_is_lower(group)) return *lower;
            i = end;
            continue;
        }
        if (c == '\\') {  // a command outside braces, e.g. \'el: judge by what follows
            ++i;
            while (i < token.size() && is_ascii_letter(token[i])) ++i;
            continue;
        }
        if (is_ascii_letter(c)) return c >= 'a' && c <= 'z';
        std::size_t next = i;
        const char32_t cp = utf8::decode(token, next);
        if (cp >= 0x80 && utf8::is_lower(cp)) return true;
        if (cp >= 0x80 && utf8::is_upper(cp)) return false;
        i = next;
    }
    return false;
}

using Tokens = std::vector<std::string>;

Tokens slice(const Tokens& t, std::size_t from, std::size_t to) {
    return Tokens(t.begin() + static_cast<std::ptrdiff_t>(from),
                  t.begin() + static_cast<std::ptrdiff_t>(to));
}

std::string join(const Tokens& t, std::string_view sep = " ") {
    std::string out;
    for (const auto& w : t) {
        if (!out.empty()) out += sep;
        out += w;
    }
    return out;
}

// Apostrophes, quotes and hyphens as one character each, however they are spelt: a .bib turns
// ' into ’ (O'Connor), a TOML file keeps what was typed.
std::string same_punctuation(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    for (std::size_t pos = 0; pos < folded.size();) {
        const char32_t cp = utf8::decode(folded, pos);
        switch (cp) {
            case U'‘':
            case U'’':
            case U'ʼ':
            case U'′':
            case U'`':
                out += '\'';
                break;
            case U'“':
            case U'”':
            case U'″':
                out += '"';
                break;
            case U'‐':
            case U'‑':
            case U'‒':
            case U'–':
            case U'—':
            case U'−':
                out += '-';
                break;
            default:
                utf8::append(out, cp);
        }
    }
    return out;
}

// "{de Manincor}" -> "de manincor", "C." -> "c": the form names are compared in.
std::string fold_token(std::string_view token) {
    std::string plain;
    bool ascii = true;
    for (char c : token) {
        if (c == '{' || c == '}' || c == '\\') continue;
        ascii &= static_cast<unsigned char>(c) < 0x80;
        plain += c;
    }
    if (!ascii) return same_punctuation(utf8::fold_for_matching(plain));
    for (char& c : plain) {  // the common case, without utf8proc
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == '`') c = '\'';
    }
    return plain;
}

// "JP", "JRR": initials written together without periods, as some pages and journals do.
bool joined_initials(std::string_view token) {
    std::size_t letters = 0;
    for (char c : token) {
        if (c == '{' || c == '}') continue;
        if (c < 'A' || c > 'Z') return false;
        ++letters;
    }
    return letters >= 2 && letters <= 3;
}

// Given names as words: "Jean-Pierre" -> jean, pierre; "J.-P." -> j, p; "J.R.R." -> j, r, r;
// "JP" -> j, p.
Tokens given_words(const Tokens& given) {
    Tokens out;
    for (const auto& token : given) {
        if (joined_initials(token)) {
            for (char c : fold_token(token)) out.emplace_back(1, c);
            continue;
        }
        std::string cur;
        for (char c : fold_token(token)) {
            if (c == '.' || c == '-' || c == ' ') {
                if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
            } else {
                cur += c;
            }
        }
        if (!cur.empty()) out.push_back(std::move(cur));
    }
    return out;
}

// "c" matches "cheng"; "cheng" matches "cheng".
bool given_matches(const std::string& a, const std::string& b) {
    if (a == b) return true;
    const auto& shorter = a.size() < b.size() ? a : b;
    const auto& longer = a.size() < b.size() ? b : a;
    std::size_t pos = 0;
    utf8::decode(shorter, pos);
    return pos == shorter.size() && longer.starts_with(shorter);
}

std::string family_key(const PersonName& n) {
    std::string out;
    for (const auto* part : {&n.von, &n.last})
        for (const auto& t : *part) out += (out.empty() ? "" : " ") + fold_token(t);
    return out;
}

std::string whole_key(const PersonName& n) {
    std::string out;
    for (const auto* part : {&n.given, &n.von, &n.last})
        for (const auto& t : *part) out += (out.empty() ? "" : " ") + fold_token(t);
    std::erase(out, '.');
    return out;
}

// "Jean-Pierre" -> "J.-P."; a token that already holds a period ("C.", "J.R.R.") is kept.
std::string initials(const std::string& token) {
    if (token.find('.') != std::string::npos) return token;
    std::string out;
    std::size_t start = 0;
    while (start <= token.size()) {
        const std::size_t dash = std::min(token.find('-', start), token.size());
        std::size_t pos = start;
        while (pos < dash && (token[pos] == '{' || token[pos] == '}')) ++pos;
        if (pos < dash) {
            const std::size_t begin = pos;
            utf8::decode(token, pos);
            if (!out.empty()) out += '-';
            out += token.substr(begin, pos - begin) + ".";
        }
        start = dash + 1;
    }
    return out;
}

}  // namespace

void update_family(PersonName& name) {
    name.family = join(name.von);
    if (!name.last.empty()) name.family += (name.family.empty() ? "" : " ") + join(name.last);
    if (!name.jr.empty()) name.family += (name.family.empty() ? "" : " ") + join(name.jr);
}

PersonName split_name(std::string_view name) {
    PersonName out;
    auto parts = tokenize(name);
    std::erase_if(parts, [](const Tokens& p) { return p.empty(); });
    if (parts.empty()) return out;
    const Tokens& head = parts[0];
    if (parts.size() == 1) {
        // First von Last: von runs from the first to the last lower-case token before the
        // final one; everything before is First, everything after is Last.
        const std::size_t n = head.size();
        std::size_t von_start = n, von_end = n;
        for (std::size_t i = 0; i + 1 < n; ++i) {
            if (!is_von(head[i])) continue;
            if (von_start == n) von_start = i;
            von_end = i + 1;
        }
        if (von_start == n) {
            out.given = slice(head, 0, n - 1);
            out.last = slice(head, n - 1, n);
        } else {
            out.given = slice(head, 0, von_start);
            out.von = slice(head, von_start, von_end);
            out.last = slice(head, von_end, n);
        }
    } else {
        // von Last, [Jr,] First: von is everything up to the last lower-case token that
        // leaves at least one token for Last.
        std::size_t von_end = 0;
        for (std::size_t i = 0; i + 1 < head.size(); ++i)
            if (is_von(head[i])) von_end = i + 1;
        out.von = slice(head, 0, von_end);
        out.last = slice(head, von_end, head.size());
        if (parts.size() == 2) {
            out.given = parts[1];
        } else {
            out.jr = parts[1];
            for (std::size_t i = 2; i < parts.size(); ++i)
                out.given.insert(out.given.end(), parts[i].begin(), parts[i].end());
        }
    }
    update_family(out);
    return out;
}

std::vector<std::string> split_author_list(std::string_view list, bool* others) {
    std::vector<std::string> out;
    if (others) *others = false;
    auto push = [&](std::string_view item) {
        const auto b = item.find_first_not_of(" \t\r\n~");
        if (b == std::string_view::npos) return;
        item = item.substr(b, item.find_last_not_of(" \t\r\n~") - b + 1);
        if (item.size() == 6 && fold_token(item) == "others") {
            if (others) *others = true;
            return;
        }
        out.emplace_back(item);
    };
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const char c = list[i];
        if (c == '{')
            ++depth;
        else if (c == '}' && depth > 0)
            --depth;
        else if (depth == 0 && is_space(c) && i + 4 < list.size() &&
                 (list[i + 1] == 'a' || list[i + 1] == 'A') &&
                 (list[i + 2] == 'n' || list[i + 2] == 'N') &&
                 (list[i + 3] == 'd' || list[i + 3] == 'D') && is_space(list[i + 4])) {
            push(list.substr(start, i - start));
            start = i + 4;
            i += 3;
        }
    }
    push(list.substr(start));
    return out;
}

std::string format_name(const PersonName& name, NameForm form, NameOrder order) {
    Tokens given = name.given;
    if (form == NameForm::initials)
        for (auto& g : given) g = initials(g);
    std::string family = join(name.von);
    if (!name.last.empty()) family += (family.empty() ? "" : " ") + join(name.last);
    const std::string first = join(given);
    const std::string jr = join(name.jr);
    std::string out;
    if (order == NameOrder::first_last) {
        out = first.empty() ? family : first + " " + family;
        if (!jr.empty()) out += ", " + jr;
    } else {
        out = family;
        if (!jr.empty()) out += ", " + jr;
        if (!first.empty()) out += ", " + first;
    }
    return out;
}

// The whole name without spaces: "王 建国" and "王建国" are one name.
std::string joined_key(const PersonName& n) {
    std::string key = whole_key(n);
    std::erase(key, ' ');
    return key;
}

bool same_person(const PersonName& a, const PersonName& b) {
    if (a.last.empty() || b.last.empty()) return false;
    // A name of one word (Sukarno, 王建国) has no given name to compare: it is the same person
    // when the whole names are the same, spaces aside.
    if (a.given.empty() || b.given.empty()) return joined_key(a) == joined_key(b);
    // Both ways of matching below end with the same last word: a cheap test first.
    auto last_word = [](const PersonName& n) {
        std::string w = fold_token(n.last.back());
        return w.substr(w.find_last_of(' ') + 1);
    };
    if (last_word(a) != last_word(b)) return false;
    // "Reza Yazdani Aminabadi" and "Yazdani Aminabadi, Reza" split differently but read the same.
    if (const std::string key = whole_key(a);
        key.find(' ') != std::string::npos && key == whole_key(b))
        return true;
    if (family_key(a) != family_key(b)) return false;
    const Tokens ga = given_words(a.given), gb = given_words(b.given);
    if (ga.empty() || gb.empty()) return false;
    // Compare the given names that both sides have, in order.
    const std::size_t n = std::min(ga.size(), gb.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!given_matches(ga[i], gb[i])) return false;
    return true;
}

namespace {

bool is_initial(const std::string& word) {
    std::size_t pos = 0;
    utf8::decode(word, pos);
    return pos >= word.size();
}

// True when `author` matched `via` only through an initial of `via` that another owner name
// spells out differently: with "Cheng Li" and the alias "C. Li", "Conglong Li" is not the owner.
bool contradicted(const PersonName& author, const PersonName& via,
                  const std::vector<PersonName>& owner_names) {
    const Tokens ga = given_words(author.given), gv = given_words(via.given);
    for (const auto& o : owner_names) {
        if (&o == &via || family_key(o) != family_key(author)) continue;
        const Tokens go = given_words(o.given);
        const std::size_t n = std::min({ga.size(), gv.size(), go.size()});
        for (std::size_t i = 0; i < n; ++i)
            if (is_initial(gv[i]) && !is_initial(ga[i]) && !is_initial(go[i]) &&
                !given_matches(ga[i], go[i]))
                return true;
    }
    return false;
}

}  // namespace

bool is_owner(const PersonName& author, const std::vector<PersonName>& owner_names) {
    return std::any_of(owner_names.begin(), owner_names.end(), [&](const PersonName& o) {
        return same_person(author, o) && !contradicted(author, o, owner_names);
    });
}

bool OwnerMatcher::matches(std::string_view author) {
    if (const auto it = by_spelling_.find(author); it != by_spelling_.end()) return it->second;
    const bool owner = is_owner(split_name(author), owners_);
    by_spelling_.emplace(author, owner);
    return owner;
}

bool is_owner(std::string_view author, const std::vector<std::string>& owner_names) {
    std::vector<PersonName> owners;
    owners.reserve(owner_names.size());
    for (const auto& o : owner_names) owners.push_back(split_name(o));
    return is_owner(split_name(author), owners);
}

}  // namespace cvtex
