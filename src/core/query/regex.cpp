#define PCRE2_CODE_UNIT_WIDTH 8

#include "core/query/regex.hpp"

#include <pcre2.h>

#include <array>

#include "core/schema/regex.hpp"

namespace mdvault::core::query {

namespace {

constexpr std::uint32_t k_match_limit = 1'000'000;
constexpr std::uint32_t k_depth_limit = 10'000;

std::size_t utf8_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 1;
  const auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return 1;
  if ((b & 0xE0u) == 0xC0u) return 2;
  if ((b & 0xF0u) == 0xE0u) return 3;
  if ((b & 0xF8u) == 0xF0u) return 4;
  return 1;
}

}  // namespace

struct QueryRegex::Code {
  pcre2_code* code = nullptr;
  pcre2_match_context* context = nullptr;
  std::vector<std::pair<std::string, std::size_t>> names;
  ~Code() {
    pcre2_match_context_free(context);
    pcre2_code_free(code);
  }
};

QueryRegex::QueryRegex(std::unique_ptr<Code> code) : m_code(std::move(code)) {}
QueryRegex::~QueryRegex() = default;

std::variant<std::shared_ptr<const QueryRegex>, std::string> QueryRegex::compile(std::string_view pattern,
                                                                                  bool ignore_case) {
  const std::string translated = schema::translate_ecma_pattern(pattern);
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  std::uint32_t options = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_NEVER_BACKSLASH_C | PCRE2_MATCH_INVALID_UTF;
  if (ignore_case) options |= PCRE2_CASELESS;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(), options,
                                   &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    std::array<PCRE2_UCHAR, 256> buffer{};
    const int length = pcre2_get_error_message(error_code, buffer.data(), buffer.size());
    return std::string(reinterpret_cast<const char*>(buffer.data()), length > 0 ? static_cast<std::size_t>(length) : 0);
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  auto holder = std::make_unique<Code>();
  holder->code = code;
  holder->context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(holder->context, k_match_limit);
  pcre2_set_depth_limit(holder->context, k_depth_limit);
  std::uint32_t count = 0;
  std::uint32_t entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  for (std::uint32_t i = 0; i < count; ++i) {
    const PCRE2_SPTR entry = table + i * entry_size;
    const std::size_t number = (static_cast<std::size_t>(entry[0]) << 8) | entry[1];
    holder->names.emplace_back(reinterpret_cast<const char*>(entry + 2), number);
  }
  return std::make_shared<const QueryRegex>(std::move(holder));
}

std::variant<std::optional<RegexMatch>, RegexTooComplex> QueryRegex::search(std::string_view subject,
                                                                            std::size_t from) const {
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
  const int rc = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, 0,
                             data, m_code->context);
  std::variant<std::optional<RegexMatch>, RegexTooComplex> out = std::optional<RegexMatch>{};
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
    out = RegexTooComplex{};
  } else if (rc > 0) {
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
    const std::uint32_t pairs = pcre2_get_ovector_count(data);
    RegexMatch m;
    m.start = ovector[0];
    m.end = ovector[1];
    for (std::uint32_t i = 1; i < pairs; ++i) {
      if (ovector[2 * i] == PCRE2_UNSET) {
        m.groups.emplace_back(std::nullopt);
      } else {
        m.groups.emplace_back(std::make_pair(ovector[2 * i], ovector[2 * i + 1]));
      }
    }
    m.names = m_code->names;
    out = std::optional<RegexMatch>(std::move(m));
  }
  pcre2_match_data_free(data);
  return out;
}

std::variant<std::string, RegexTooComplex> regex_replace_all(const QueryRegex& re, std::string_view subject,
                                                             std::string_view replacement) {
  std::string out;
  std::size_t last = 0;
  std::size_t from = 0;
  while (from <= subject.size()) {
    auto result = re.search(subject, from);
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    const auto& found = std::get<std::optional<RegexMatch>>(result);
    if (!found) break;
    const RegexMatch& m = *found;
    out.append(subject.substr(last, m.start - last));
    auto group_text = [&](std::size_t n) -> std::string {
      if (n == 0) return std::string(subject.substr(m.start, m.end - m.start));
      if (n > m.groups.size() || !m.groups[n - 1]) return {};
      return std::string(subject.substr(m.groups[n - 1]->first, m.groups[n - 1]->second - m.groups[n - 1]->first));
    };
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      const char c = replacement[i];
      if (c != '$' || i + 1 >= replacement.size()) {
        out += c;
        continue;
      }
      const char next = replacement[i + 1];
      if (next == '$') {
        out += '$';
        ++i;
      } else if (next == '&') {
        out += group_text(0);
        ++i;
      } else if (next == '`') {
        out.append(subject.substr(0, m.start));
        ++i;
      } else if (next == '\'') {
        out.append(subject.substr(m.end));
        ++i;
      } else if (next >= '0' && next <= '9') {
        std::size_t n = static_cast<std::size_t>(next - '0');
        std::size_t used = 1;
        if (i + 2 < replacement.size() && replacement[i + 2] >= '0' && replacement[i + 2] <= '9') {
          const std::size_t two = n * 10 + static_cast<std::size_t>(replacement[i + 2] - '0');
          if (two >= 1 && two <= m.groups.size()) {
            n = two;
            used = 2;
          }
        }
        if (n >= 1 && n <= m.groups.size()) {
          out += group_text(n);
          i += used;
        } else {
          out += c;
        }
      } else if (next == '<' && !m.names.empty()) {
        const std::size_t close = replacement.find('>', i + 2);
        if (close == std::string_view::npos) {
          out += c;
          continue;
        }
        const std::string_view name = replacement.substr(i + 2, close - i - 2);
        for (const auto& [group_name, number] : m.names) {
          if (group_name == name) out += group_text(number);
        }
        i = close;
      } else {
        out += c;
      }
    }
    last = m.end;
    from = m.end == m.start ? m.end + utf8_length(subject, m.end) : m.end;
    if (m.end == m.start && m.end < subject.size()) {
      out.append(subject.substr(m.end, from - m.end));
      last = from;
    }
  }
  if (last < subject.size()) out.append(subject.substr(last));
  return out;
}

std::variant<std::vector<std::string>, RegexTooComplex> regex_split(const QueryRegex& re, std::string_view subject,
                                                                    std::optional<std::size_t> limit) {
  std::vector<std::string> out;
  const std::size_t max = limit.value_or(static_cast<std::size_t>(-1));
  if (max == 0) return out;
  if (subject.empty()) {
    auto result = re.search(subject, 0);
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    if (!std::get<std::optional<RegexMatch>>(result)) out.emplace_back();
    return out;
  }
  std::size_t p = 0;
  std::size_t q = 0;
  while (q < subject.size()) {
    auto result = re.search(subject, q);
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    const auto& found = std::get<std::optional<RegexMatch>>(result);
    if (!found || found->start >= subject.size()) break;
    const RegexMatch& m = *found;
    if (m.end == p || (m.end == m.start && m.start == p)) {
      q = m.start + utf8_length(subject, m.start);
      continue;
    }
    out.emplace_back(subject.substr(p, m.start - p));
    if (out.size() == max) return out;
    for (const auto& g : m.groups) {
      out.emplace_back(g ? std::string(subject.substr(g->first, g->second - g->first)) : std::string());
      if (out.size() == max) return out;
    }
    p = m.end;
    q = p == m.start ? p + utf8_length(subject, p) : p;
  }
  out.emplace_back(subject.substr(p));
  return out;
}

}  // namespace mdvault::core::query
