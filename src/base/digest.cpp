// SHA-256 through nettle: a content hash without accidental collisions, at a speed (hundreds
// of MB/s) that keeps hashing every input far below the cost of reading it.
#include "cvtex/base/digest.hpp"

#include <nettle/sha2.h>

namespace cvtex {

std::string sha256_hex(std::string_view bytes) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t b : digest) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

}  // namespace cvtex
