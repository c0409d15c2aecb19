// Writing outputs safely: atomically, and never over the input.
#pragma once

#include <string>
#include <string_view>

namespace cvtex {

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader (or a failed build) never sees a half-written file. Returns an error message, or an
/// empty string on success. With `replace` false an existing file is never replaced, not even
/// one created while this runs; the error then starts with "exists". A symlink at `path` is
/// written through (the file it points to is replaced, the link stays) unless
/// `follow_symlinks` is false: then the link itself is replaced, as for cvtex's own cache
/// files, which must never write outside their directory. When `durable`, the file is synced
/// before the rename and the directory after it, so that a power cut leaves the old file or
/// the new one, never an empty one; caches pass false. No signal (but SIGKILL) can leave the
/// temporary file behind: they are held until it is renamed or removed.
std::string write_file_atomic(const std::string& path, std::string_view bytes, bool replace = true,
                              bool follow_symlinks = true, bool durable = true);

/// Writes `bytes` as `name` into the directory open as `dir`, as write_file_atomic() does
/// (durably), but never through what is at `name`: a symlink or a hard link there is replaced,
/// not written into, and the new file gets the mode new files get (0666 less the umask).
/// `shown` is the path for messages.
std::string write_file_at(int dir, const std::string& name, std::string_view bytes,
                          const std::string& shown);

/// write_file_atomic(), unless `path` already holds exactly `bytes`: then the file is left
/// alone (its modification time too, which make and ninja compare). `wrote`, when given, tells
/// which it was.
std::string write_file_if_changed(const std::string& path, std::string_view bytes,
                                  bool* wrote = nullptr);

/// cvtex's cache directory `name`: $XDG_CACHE_HOME/cvtex/NAME, else $HOME/.cache/cvtex/NAME;
/// empty when neither is set to an absolute path (the XDG spec says a relative
/// XDG_CACHE_HOME is invalid; a relative path would also dangle once linked elsewhere).
std::string user_cache_dir(std::string_view name);

/// True when `dir` is a directory of this user that nobody else may write to: the only kind a
/// cache may be kept in (whoever can plant a file there decides what cvtex trusts).
bool own_private_dir(const std::string& dir);

/// own_private_dir(), after creating `dir` (0700, its parents as usual) when it is missing.
bool make_private_dir(const std::string& dir);

/// True when `a` and `b` name the same existing file.
bool same_file(const std::string& a, const std::string& b);

}  // namespace cvtex
