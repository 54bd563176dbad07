#pragma once
// URI references (RFC 3986 section 5) for `$id` and `$ref`: parsing, resolution against a
// base, and the `file://` URI of a schema file.

#include <string>
#include <string_view>

namespace mdvault::core::schema {

/// The parts of a URI reference; the `has_` flags tell an empty part from an absent one.
struct Uri {
  std::string scheme;
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;
};

/// Splits a URI reference into its parts (no decoding).
Uri parse_uri(std::string_view s);

/// Resolves a URI reference against a base URI (RFC 3986 section 5.2.2).
std::string resolve_uri(std::string_view base_text, std::string_view reference);

/// The URI without its `#fragment`.
std::string strip_fragment(const std::string& uri);

/// `%XX` escapes decoded to bytes; anything else kept as it is.
std::string percent_decode(std::string_view s);

/// The absolute `file://` URI of a path (made absolute against the working directory).
std::string file_uri(const std::string& path);

}  // namespace mdvault::core::schema
