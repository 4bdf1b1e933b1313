#pragma once
// gzip compression of HTTP bodies, and decompression within a size limit so that a small
// compressed body cannot become gigabytes in memory.
#include "pupitre/error.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace pupitre::net {

// Decompressed data would be over the limit given to gunzip().
class InflatedTooLarge : public Error
{
public:
  using Error::Error;
};

// zlib's fastest level: on the sync's JSON, level 6 took about 4x the time for about 15 %
// fewer bytes (bench/README.md, bench_sync).
inline constexpr int kGzipLevel = 1;

// `data` gzip-compressed (at kGzipLevel).
[[nodiscard]] std::string gzip(std::string_view data);

// The decompressed bytes of gzip `data`. Throws InflatedTooLarge past `maxBytes` (having
// inflated no more than that) and Error when the data is not valid gzip.
[[nodiscard]] std::string gunzip(std::string_view data, std::size_t maxBytes);

} // namespace pupitre::net
