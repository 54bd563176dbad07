// Random frontmatter documents (yaml_document_generator.hpp): mostly what notes hold, with the
// corners of YAML the readers must agree on mixed in at low rates.
#include "fuzz/yaml_document_generator.hpp"

#include <array>
#include <string_view>

namespace mdvault::fuzz {

namespace {

constexpr std::array<std::string_view, 18> k_keys{
    "title", "tags", "aliases", "status", "created", "id", "my key", "key.with.dots", "x-y",
    "k\xC3\xA9y", "\xE6\x97\xA5\xE6\x9C\xAC", "a/b", "_private", "n", "title", "tags", "v2", "Z"};

constexpr std::array<std::string_view, 64> k_plain{
    "1", "-0", "+7", "0o17", "0o8", "0x1f", "0x1F", "0xg", "1.5", ".5", "-.5", "1e3", "1E-3", "2.", "1_000",
    "-.inf", ".Inf", "+.INF", ".nan", ".NaN", "nan", "true", "False", "TRUE", "yes", "no", "on", "~", "null",
    "Null", "NULL", "nul", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "123456789012345678901234567890", "0x7fffffffffffffff", "0x8000000000000000", "1e400", "1e-400",
    "text with spaces", "a,b", "x]", "2025-07-05", "2025-07-05 16:56", "12:30", "C#", "a:b", "it's",
    "http://x.org/a#b", "\xF0\x9F\x9F\xA9 done", "\xC3\xA9t\xC3\xA9", "a ? b", "what?", "-x", "a - b",
    "plain", "word", "a  b", "v # comment", "0", "00", "Two Words"};

// Plain scalars that cannot start a value (yaml-cpp refuses most of them).
constexpr std::array<std::string_view, 7> k_bad_plain{"%p", "@at", "`tick", "-", "? q", "a: b", "!"};

constexpr std::array<std::string_view, 12> k_tags{"!!str", "!!int", "!!float", "!!bool", "!!null", "!custom",
                                                  "!", "!!str", "!!int", "!!binary", "!!seq", "!!map"};

}  // namespace

std::uint32_t YamlDocumentGenerator::below(std::uint32_t n) {
  // xorshift64*
  m_state ^= m_state >> 12U;
  m_state ^= m_state << 25U;
  m_state ^= m_state >> 27U;
  return static_cast<std::uint32_t>(((m_state * 2685821657736338717ULL) >> 32U) % n);
}

std::string YamlDocumentGenerator::key() {
  const std::uint32_t r = below(100);
  if (r < 70 || (m_simple && r < 97)) {
    return std::string(k_keys[below(k_keys.size())]);
  }
  if (r < 76) {
    return std::string(k_plain[below(k_plain.size())]);  // numbers, nulls and booleans as keys
  }
  if (r < 82) {
    return quoted_scalar();
  }
  if (r < 83) {
    return std::string(990 + below(60), 'k');  // around YAML's 1,024
  }
  if (r < 90 && m_anchors > 0) {
    return "*a" + std::to_string(below(static_cast<std::uint32_t>(m_anchors))) + " ";
  }
  if (r < 98) {
    return "&a" + std::to_string(m_anchors++) + " " + std::string(k_keys[below(k_keys.size())]);
  }
  return "? [" + std::string(k_keys[below(k_keys.size())]) + "]\n";  // a complex key
}

std::string YamlDocumentGenerator::plain_scalar() {
  if (chance(2)) {
    return std::string(k_bad_plain[below(k_bad_plain.size())]);
  }
  return std::string(k_plain[below(k_plain.size())]);
}

std::string YamlDocumentGenerator::quoted_scalar() {
  static constexpr std::array<std::string_view, 14> pieces{
      "x", " ", "it''s", "a # b", "\xF0\x9F\x94\x92", "\\\"", "\\n", "\\t", "\\x41", "\\u00e9", "\\\\", "[a]", "'", "Text"};
  const bool single = chance(50);
  std::string s(1, single ? '\'' : '"');
  const std::uint32_t n = below(4);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string_view p = pieces[below(pieces.size())];
    if (m_simple && p.front() == '\\') {
      p = "plain";
    } else if (chance(1)) {
      p = "\\q";  // an unknown escape
    }
    if (single && p.front() == '\\') {
      p = "\\";  // a backslash is plain text in single quotes
    } else if (!single && p == "it''s") {
      p = "it's";
    } else if (single && p == "'") {
      p = "''";
    }
    s += p;
  }
  if (!chance(2)) {
    s += single ? '\'' : '"';  // else unclosed
  }
  return s;
}

std::string YamlDocumentGenerator::properties() {
  std::string p;
  if (m_simple) {
    return p;
  }
  if (chance(8)) {
    p += "&a" + std::to_string(m_anchors++) + " ";
  }
  if (chance(8)) {
    p += std::string(k_tags[below(k_tags.size())]) + " ";
  }
  return p;
}

std::string YamlDocumentGenerator::flow_value(int depth) {
  const std::uint32_t r = below(100);
  if (r < 8 && m_anchors > 0 && !m_simple) {
    return "*a" + std::to_string(below(static_cast<std::uint32_t>(m_anchors)));
  }
  if (depth < (m_simple ? 1 : 3) && r < 25) {
    std::string s = chance(70) || m_simple ? "[" : "{";
    const bool map = s == "{";
    const std::uint32_t n = below(4);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (i > 0) {
        s += chance(80) ? ", " : ",";
      }
      if (map) {
        s += std::string(k_keys[below(k_keys.size())]) + (chance(90) ? ": " : ":");
      }
      s += properties() + flow_value(depth + 1);
    }
    if (chance(3)) {
      s += ",";  // a trailing comma
    }
    if (!chance(2)) {
      s += map ? "}" : "]";  // else unclosed
    }
    return s;
  }
  if (r < 45) {
    return quoted_scalar();
  }
  std::string p = plain_scalar();
  if (depth > 0 && (p.find_first_of(",[]{}#") != std::string::npos) && chance(80)) {
    p = "plain";  // mostly keep flow lists readable
  }
  return p;
}

void YamlDocumentGenerator::block_value(std::string& out, int indent, int depth) {
  const std::uint32_t r = m_simple && below(100) < 40 ? below(55) : below(100);
  const int step = 1 + static_cast<int>(below(4));
  if (r < 45) {
    out += " " + properties() + flow_value(depth > 2 ? 3 : 0);
    out += chance(8) ? "  # trailing comment\n" : "\n";
  } else if (r < 55) {
    out += " " + properties() + (chance(75) ? "|" : ">");
    const std::uint32_t chomp = below(4);
    out += chomp == 0 ? "-" : chomp == 1 ? "+" : "";
    out += "\n";
    const std::uint32_t lines = 1 + below(3);
    for (std::uint32_t i = 0; i < lines; ++i) {
      if (chance(20)) {
        out += "\n";
      }
      out += std::string(static_cast<std::size_t>(indent + step + (i > 0 && chance(15) ? 2 : 0)), ' ');
      out += chance(50) ? "line of text" : "# not a comment";
      out += "\n";
    }
    if (chance(30)) {
      out += "\n";
    }
  } else if (r < 70 && depth < 4) {
    out += (chance(10) ? " " + properties() : std::string()) + "\n";
    block_list(out, chance(50) ? indent : indent + step, depth + 1);
  } else if (r < 85 && depth < 4 && !m_simple) {
    out += (chance(10) ? " " + properties() : std::string()) + "\n";
    block_map(out, indent + step, depth + 1);
  } else if (r < 92 && m_anchors > 0 && !m_simple) {
    out += " *a" + std::to_string(below(static_cast<std::uint32_t>(m_anchors))) + "\n";
  } else {
    out += chance(20) ? " # empty\n" : "\n";  // null
  }
}

void YamlDocumentGenerator::block_list(std::string& out, int indent, int depth) {
  const std::uint32_t n = 1 + below(4);
  for (std::uint32_t i = 0; i < n; ++i) {
    out += std::string(static_cast<std::size_t>(indent), ' ') + "-";
    if (chance(15) && depth < 4 && !m_simple) {
      // A map inside the item: `- key: value` lines.
      out += " ";
      std::string inner;
      block_map(inner, indent + 2, depth + 1);
      out += inner.substr(static_cast<std::size_t>(indent + 2));
    } else if (chance(5)) {
      out += "\n";  // an empty item
    } else {
      out += " " + properties() + flow_value(depth > 2 ? 3 : 0) + "\n";
    }
    if (chance(8)) {
      out += chance(50) ? "\n" : std::string(static_cast<std::size_t>(indent), ' ') + "# between items\n";
    }
  }
}

void YamlDocumentGenerator::block_map(std::string& out, int indent, int depth) {
  const std::uint32_t n = 1 + below(depth == 0 ? 8 : 4);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (chance(6)) {
      out += chance(50) ? "\n" : std::string(static_cast<std::size_t>(indent), ' ') + "# comment\n";
    }
    out += std::string(static_cast<std::size_t>(indent), ' ');
    const std::string k = key();
    out += k;
    if (k.back() == '\n') {
      out += std::string(static_cast<std::size_t>(indent), ' ');  // `? [key]` then `: value`
    }
    out += ":";
    if (chance(3) && !m_simple) {
      out += "\t" + plain_scalar() + "\n";  // a tab after the colon
      continue;
    }
    block_value(out, indent, depth);
  }
}

std::string YamlDocumentGenerator::next() {
  m_anchors = 0;
  m_simple = chance(40);
  std::string doc;
  if (chance(5)) {
    doc += "\xEF\xBB\xBF";
  }
  if (chance(3)) {
    doc += "# leading comment\n\n";
  }
  block_map(doc, 0, 0);
  if (chance(1)) {
    doc += "  bad: indentation\n";
  }
  if (chance(1)) {
    doc.insert(doc.size() / 2, "\t");
  }
  if (chance(3) && !doc.empty()) {
    doc.pop_back();  // no final newline
  }
  if (chance(5)) {
    std::string crlf;
    for (char c : doc) {
      if (c == '\n') {
        crlf += '\r';
      }
      crlf += c;
    }
    doc = std::move(crlf);
  }
  return doc;
}

}  // namespace mdvault::fuzz
