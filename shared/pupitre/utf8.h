#pragma once
// UTF-8 text as Pupitre stores it: decoding one character and counting characters, with
// the same rule everywhere for what is not UTF-8 (overlong forms, surrogates, code points past
// U+10FFFF and cut sequences are not).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pupitre {

// The length in bytes of the UTF-8 character at `text[i]` (i < text.size()), its code point in
// `code`; 0 when the bytes there are not a valid UTF-8 character.
std::size_t utf8Decode(std::string_view text, std::size_t i, std::uint32_t& code);

// The number of characters of `text`; nothing when it is not valid UTF-8.
std::optional<std::size_t> utf8Length(std::string_view text);

} // namespace pupitre
