#pragma once
// Secrets with libsodium: passwords hashed with Argon2id (crypto_pwhash_str, interactive
// limits), device tokens of 32 random bytes written as hex and stored only as SHA-256.
// Each Argon2id hashing takes 64 MiB: at most kConcurrentPasswordHashes run at once.
#include <optional>
#include <string>

namespace pupitre::server {

// Password hashings (hash or check) running at once in the process ...
inline constexpr int kConcurrentPasswordHashes = 4;
// ... and sign-ins allowed to wait for one; more are refused at once (checkPassword).
inline constexpr int kWaitingPasswordChecks = 8;

std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& hash, const std::string& password);
// Spends the time of a verification without a hash to check against, so an unknown e-mail
// answers as slowly as a wrong password.
void verifyAgainstNothing(const std::string& password);
// For a sign-in: whether `password` matches `hash` (nullptr: an unknown e-mail, checked
// against nothing in the same time); nullopt at once, without checking, when
// kWaitingPasswordChecks sign-ins already wait for a hashing place.
std::optional<bool> checkPassword(const std::string* hash, const std::string& password);

std::string newToken();
std::string tokenHash(const std::string& token);

} // namespace pupitre::server
