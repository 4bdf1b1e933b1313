#include "pupitre/blobs/blob_answers.h"

#include "pupitre/json_integers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace pupitre::blobs {
namespace {

[[noreturn]] void unexpected()
{
  throw sync::TransportError("The server's answer about files is not what Pupitre expects; "
                             "update Pupitre or the server.");
}

Poco::JSON::Object::Ptr parseObject(std::string_view body)
{
  // Poco would read such a number (a size, a count) as 0 or another wrong value.
  if (const auto number = firstIntegerOutOfRange(body)) {
    throw sync::TransportError("In the server's answer about files, " +
                               integerOutOfRangeMessage(*number) +
                               "; update Pupitre or the server.");
  }
  try {
    auto parsed = Poco::JSON::Parser().parse(std::string(body));
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      return parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const std::exception&) {
  }
  unexpected();
}

// A member read as T, `fallback` when absent; a member of the wrong type is unexpected.
template <class T>
T member(const Poco::JSON::Object::Ptr& object, const std::string& name, T fallback)
{
  try {
    return object->optValue<T>(name, fallback);
  } catch (const std::exception&) {
    unexpected();
  }
}

StorageFigures storageOf(const Poco::JSON::Object::Ptr& object)
{
  return {member<std::int64_t>(object, "storage_used", -1),
          member<std::int64_t>(object, "storage_quota", -1)};
}

} // namespace

MissingAnswer decodeMissingAnswer(std::string_view json)
{
  const auto object = parseObject(json);
  MissingAnswer answer;
  answer.storage = storageOf(object);
  answer.maxBlobBytes = member<std::int64_t>(object, "max_blob_bytes", 0);
  Poco::JSON::Array::Ptr list;
  try {
    list = object->getArray("missing");
  } catch (const std::exception&) {
    unexpected();
  }
  if (list) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      Poco::JSON::Object::Ptr entry;
      try {
        entry = list->getObject(static_cast<unsigned>(i));
      } catch (const std::exception&) {
        unexpected();
      }
      if (entry) {
        answer.missing.push_back(
            {member<std::string>(entry, "hash", ""), member<std::int64_t>(entry, "received", 0)});
      }
    }
  }
  return answer;
}

ChunkAnswer decodeChunkAnswer(std::string_view json)
{
  const auto object = parseObject(json);
  return {member<std::int64_t>(object, "received", 0), member<bool>(object, "complete", false),
          storageOf(object)};
}

} // namespace pupitre::blobs
