#pragma once
// Secrets with libsodium: passwords hashed with Argon2id (crypto_pwhash_str, interactive
// limits), device tokens of 32 random bytes written as hex and stored only as SHA-256.
#include <string>

namespace pupitre::server {

std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& hash, const std::string& password);
// Spends the time of a verification without a hash to check against, so an unknown e-mail
// answers as slowly as a wrong password.
void verifyAgainstNothing(const std::string& password);

std::string newToken();
std::string tokenHash(const std::string& token);

} // namespace pupitre::server
