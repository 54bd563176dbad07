// URI references (RFC 3986 section 5): parsing, dot segments, resolution, file URIs.

#include "core/schema/uri.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace mdvault::core::schema {

namespace {

bool is_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

std::string remove_dot_segments(std::string in) {
  std::string out;
  const auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.erase(0, 3);
    } else if (in.starts_with("./")) {
      in.erase(0, 2);
    } else if (in.starts_with("/./")) {
      in.replace(0, 3, "/");
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.replace(0, 4, "/");
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in.clear();
    } else {
      const std::size_t end = in.find('/', 1);
      out += in.substr(0, end);
      in.erase(0, end);
    }
  }
  return out;
}

std::string compose(const Uri& u, bool with_fragment) {
  std::string s;
  if (!u.scheme.empty()) {
    s += u.scheme + ":";
  }
  if (u.has_authority) {
    s += "//" + u.authority;
  }
  s += u.path;
  if (u.has_query) {
    s += "?" + u.query;
  }
  if (with_fragment && u.has_fragment) {
    s += "#" + u.fragment;
  }
  return s;
}

}  // namespace

Uri parse_uri(std::string_view s) {
  Uri u;
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    u.has_fragment = true;
    u.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t question = s.find('?'); question != std::string_view::npos) {
    u.has_query = true;
    u.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  if (const std::size_t colon = s.find(':');
      colon != std::string_view::npos && colon < s.find('/') && is_scheme(s.substr(0, colon))) {
    u.scheme = s.substr(0, colon);
    s = s.substr(colon + 1);
  }
  if (s.substr(0, 2) == "//") {
    s = s.substr(2);
    const std::size_t slash = s.find('/');
    u.has_authority = true;
    u.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  u.path = s;
  return u;
}

// Resolves a URI reference against a base URI (RFC 3986 section 5.2.2).
std::string resolve_uri(std::string_view base_text, std::string_view reference) {
  const Uri r = parse_uri(reference);
  if (!r.scheme.empty()) {
    Uri t = r;
    t.path = remove_dot_segments(r.path);
    return compose(t, true);
  }
  const Uri b = parse_uri(base_text);
  Uri t;
  t.scheme = b.scheme;
  if (r.has_authority) {
    t.has_authority = true;
    t.authority = r.authority;
    t.path = remove_dot_segments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    t.has_authority = b.has_authority;
    t.authority = b.authority;
    if (r.path.empty()) {
      t.path = b.path;
      t.has_query = r.has_query || b.has_query;
      t.query = r.has_query ? r.query : b.query;
    } else {
      if (r.path.front() == '/') {
        t.path = remove_dot_segments(r.path);
      } else if (b.has_authority && b.path.empty()) {
        t.path = remove_dot_segments("/" + r.path);
      } else {
        const std::size_t slash = b.path.rfind('/');
        t.path = remove_dot_segments((slash == std::string::npos ? "" : b.path.substr(0, slash + 1)) + r.path);
      }
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  return compose(t, true);
}

std::string strip_fragment(const std::string& uri) { return uri.substr(0, uri.find('#')); }

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) {
    absolute = path;
  }
  std::string generic = absolute.lexically_normal().generic_string();
  if (generic.empty() || generic.front() != '/') {
    generic.insert(generic.begin(), '/');  // "c:/x" -> "/c:/x", as file URIs write it
  }
  return "file://" + generic;
}

}  // namespace mdvault::core::schema
