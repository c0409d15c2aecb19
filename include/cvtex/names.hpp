// Personal names in author lists: splitting, and matching the CV's owner.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// A name split into given names and family name ("von" parts and suffixes stay in family).
struct PersonName {
    std::vector<std::string> given;
    std::string family;
};

/// Splits "First Middle Last" or "Last, First" (a "Last, Jr, First" form keeps Jr with Last).
PersonName split_name(std::string_view name);

/// True when `author` names the same person as one of `owner_names`: case and accents are
/// ignored, and initials match full given names ("C. Li", "Li, C." and "Li, Cheng" all match
/// "Cheng Li").
bool is_owner(std::string_view author, const std::vector<std::string>& owner_names);

}  // namespace cvtex
