#include "pupitre/net/gzip.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/MemoryStream.h>

#include <array>
#include <sstream>

namespace pupitre::net {

std::string gzip(std::string_view data)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, kGzipLevel);
  deflater.write(data.data(), static_cast<std::streamsize>(data.size()));
  deflater.close();
  return std::move(out).str();
}

std::string gunzip(std::string_view data, std::size_t maxBytes)
{
  Poco::MemoryInputStream compressed(data.data(), data.size());
  Poco::InflatingInputStream inflater(compressed, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::string plain;
  std::array<char, 64 * 1024> buffer{};
  try {
    while (inflater) {
      inflater.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(inflater.gcount());
      if (got > maxBytes - plain.size()) {
        throw InflatedTooLarge("the data decompresses to more than " + std::to_string(maxBytes) +
                               " bytes");
      }
      plain.append(buffer.data(), got);
    }
  } catch (const Poco::Exception& e) {
    throw Error("the compressed data is damaged: " + e.displayText());
  }
  if (inflater.bad()) {
    throw Error("the compressed data is damaged");
  }
  return plain;
}

} // namespace pupitre::net
