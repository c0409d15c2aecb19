// Personal names in author lists: splitting (BibTeX rules), formatting, and matching the owner.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// A name split the way BibTeX splits it: "First von Last, Jr". Tokens keep their braces and
/// periods ("{de Manincor}", "C."), so a caller can convert LaTeX in them afterwards.
struct PersonName {
    std::vector<std::string> given;  ///< the First part
    std::vector<std::string> von;    ///< lower-case particles: "van", "de la"
    std::vector<std::string> last;
    std::vector<std::string> jr;
    std::string family;  ///< von, Last and Jr joined with spaces (e.g. "von Neumann Jr")
};

/// Splits "First von Last", "von Last, First" or "von Last, Jr, First". A token is "von" when
/// its first letter outside braces is lower case; braces protect ("{de Manincor}" is one Last
/// token). Spaces and '~' separate tokens.
PersonName split_name(std::string_view name);

/// Recomputes `family` after the parts were changed (e.g. after converting LaTeX in tokens).
void update_family(PersonName& name);

/// Splits a BibTeX author list on the word "and" outside braces. A final "others" is dropped
/// and reported through `others`.
std::vector<std::string> split_author_list(std::string_view list, bool* others = nullptr);

enum class NameForm { full, initials };
enum class NameOrder { first_last, last_first };

/// "Cheng Li", "C. Li", "Li, Cheng" or "Li, C."; von and Jr parts are kept
/// ("Ludwig van Beethoven", "van Beethoven, L."). Initials keep hyphens ("J.-P.").
std::string format_name(const PersonName& name, NameForm form, NameOrder order);

/// True when the two names can be the same person: same von and Last (case and accents
/// ignored) and compatible given names, an initial matching a full name ("C." ~ "Cheng").
bool same_person(const PersonName& a, const PersonName& b);

/// True when `author` names the same person as one of `owner_names`: case and accents are
/// ignored, and initials match full given names ("C. Li", "Li, C." and "Li, Cheng" all match
/// "Cheng Li"). An initial in one owner name does not match a given name that another owner
/// name spells out differently: with "Cheng Li" and "C. Li", "Conglong Li" is not the owner.
bool is_owner(std::string_view author, const std::vector<std::string>& owner_names);
bool is_owner(const PersonName& author, const std::vector<PersonName>& owner_names);

/// is_owner() for the many authors of one CV, with the owner's names split once. The answer
/// for an author written as a string is remembered by its spelling: a CV names the same people,
/// the owner above all, in entry after entry. Each stage that matches keeps its own.
class OwnerMatcher {
  public:
    explicit OwnerMatcher(std::vector<PersonName> owner_names) : owners_(std::move(owner_names)) {}

    /// is_owner(split_name(author), owner names).
    bool matches(std::string_view author);
    /// is_owner(author, owner names).
    bool matches(const PersonName& author) const { return is_owner(author, owners_); }

  private:
    std::vector<PersonName> owners_;
    std::map<std::string, bool, std::less<>> by_spelling_;
};

}  // namespace cvtex
