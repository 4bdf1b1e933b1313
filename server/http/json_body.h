#pragma once
// Reading and writing the small JSON bodies of the API's requests and answers, for the route
// table (routes.cpp) and the web version's routes alike.
#include <Poco/JSON/Object.h>

#include <string>

namespace pupitre::server::http {

// The JSON object of a request body; ProtocolError (400 bad_request) when it is not one.
Poco::JSON::Object::Ptr jsonObject(const std::string& body);
// A string member of `object`; ProtocolError when it is missing or not a string.
std::string stringField(const Poco::JSON::Object::Ptr& object, const std::string& name);
// The same, "" when the member is absent.
std::string optionalStringField(const Poco::JSON::Object::Ptr& object, const std::string& name);
// The whole answer as JSON text.
std::string jsonText(const Poco::JSON::Object& object);

} // namespace pupitre::server::http
