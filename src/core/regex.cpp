// ECMA-262 -> PCRE2 translation and matching with limits, so no pattern can hang a run. The
// only file that includes PCRE2.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/regex.hpp"

#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace mdvault::core {
namespace {

// ECMA's \s: Unicode white space and line terminators (PCRE2's \s without UCP is ASCII only).
constexpr std::string_view k_ecma_space =
    "\\s\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";

// ECMA's long General_Category names, which PCRE2 may not know, and their short forms.
constexpr std::array<std::pair<std::string_view, std::string_view>, 38> k_category_names{{
    {"Letter", "L"},
    {"Cased_Letter", "LC"},
    {"Uppercase_Letter", "Lu"},
    {"Lowercase_Letter", "Ll"},
    {"Titlecase_Letter", "Lt"},
    {"Modifier_Letter", "Lm"},
    {"Other_Letter", "Lo"},
    {"Mark", "M"},
    {"Combining_Mark", "M"},
    {"Nonspacing_Mark", "Mn"},
    {"Spacing_Mark", "Mc"},
    {"Enclosing_Mark", "Me"},
    {"Number", "N"},
    {"Decimal_Number", "Nd"},
    {"digit", "Nd"},
    {"Letter_Number", "Nl"},
    {"Other_Number", "No"},
    {"Punctuation", "P"},
    {"punct", "P"},
    {"Connector_Punctuation", "Pc"},
    {"Dash_Punctuation", "Pd"},
    {"Open_Punctuation", "Ps"},
    {"Close_Punctuation", "Pe"},
    {"Initial_Punctuation", "Pi"},
    {"Final_Punctuation", "Pf"},
    {"Other_Punctuation", "Po"},
    {"Symbol", "S"},
    {"Math_Symbol", "Sm"},
    {"Currency_Symbol", "Sc"},
    {"Modifier_Symbol", "Sk"},
    {"Other_Symbol", "So"},
    {"Separator", "Z"},
    {"Space_Separator", "Zs"},
    {"Line_Separator", "Zl"},
    {"Paragraph_Separator", "Zp"},
    {"Other", "C"},
    {"Control", "Cc"},
    {"Format", "Cf"},
}};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

unsigned hex_value(std::string_view hex) {
  unsigned v = 0;
  for (char c : hex) {
    v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

std::string hex_escape(unsigned code_point) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string hex;
  do {
    hex.insert(hex.begin(), digits[code_point % 16]);
    code_point /= 16;
  } while (code_point != 0);
  return "\\x{" + hex + "}";
}

// Builds the translated pattern and remembers, for each output byte, the input byte it came
// from, so PCRE2's error offsets point into the pattern the user wrote.
class Translator {
public:
  explicit Translator(std::string_view in) : m_in(in) {}

  std::string run() {
    while (m_pos < m_in.size()) {
      step();
    }
    return std::move(m_out);
  }

  [[nodiscard]] std::size_t origin_of(std::size_t out_offset) const {
    return out_offset < m_origin.size() ? m_origin[out_offset] : m_in.size();
  }

private:
  void emit(std::string_view s, std::size_t origin) {
    m_out += s;
    m_origin.insert(m_origin.end(), s.size(), origin);
  }

  [[nodiscard]] bool at(std::size_t offset, std::string_view s) const {
    return m_in.substr(m_pos + offset, s.size()) == s;
  }

  void step() {
    const std::size_t start = m_pos;
    const char c = m_in[m_pos];
    if (c == '\\') {
      escape();
      return;
    }
    if (m_in_class) {
      if (c == ']') {
        m_in_class = false;
      } else if (c == '[') {
        emit("\\[", start);  // literal in ECMA; PCRE2 would read "[:" as a POSIX class
        ++m_pos;
        return;
      }
      emit(m_in.substr(m_pos, 1), start);
      ++m_pos;
      return;
    }
    if (c == '.') {
      emit("[^\\n\\r\\x{2028}\\x{2029}]", start);
      ++m_pos;
      return;
    }
    if (c == '[') {
      if (at(1, "^]")) {  // ECMA: any character at all
        emit("[\\s\\S]", start);
        m_pos += 3;
        return;
      }
      if (at(1, "]")) {  // ECMA: matches nothing
        emit("(?!)", start);
        m_pos += 2;
        return;
      }
      m_in_class = true;
      emit("[", start);
      ++m_pos;
      if (at(0, "^")) {
        emit("^", m_pos);
        ++m_pos;
      }
      return;
    }
    emit(m_in.substr(m_pos, 1), start);
    ++m_pos;
  }

  void escape() {
    const std::size_t start = m_pos;
    if (m_pos + 1 >= m_in.size()) {
      emit("\\", start);  // PCRE2 reports the trailing backslash
      ++m_pos;
      return;
    }
    const char e = m_in[m_pos + 1];
    m_pos += 2;
    switch (e) {
    case 's':
      emit(m_in_class ? std::string(k_ecma_space) : "[" + std::string(k_ecma_space) + "]", start);
      return;
    case 'S':
      emit(m_in_class ? std::string("\\S") : "[^" + std::string(k_ecma_space) + "]", start);
      return;
    case 'u':
      unicode_escape(start);
      return;
    case 'p':
    case 'P':
      property_escape(e, start);
      return;
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'b':
    case 'B':
      emit(m_in.substr(start, 2), start);  // ASCII in PCRE2 without UCP, as in ECMA
      return;
    default:
      emit(m_in.substr(start, 2), start);
      return;
    }
  }

  // \uXXXX, a surrogate pair \uD83D\uDE00, or \u{X...}; otherwise a literal 'u'.
  void unicode_escape(std::size_t start) {
    if (at(0, "{")) {
      const std::size_t close = m_in.find('}', m_pos);
      if (close != std::string_view::npos && close > m_pos + 1) {
        const std::string_view hex = m_in.substr(m_pos + 1, close - m_pos - 1);
        bool ok = hex.size() <= 6;
        for (char h : hex) {
          ok = ok && is_hex(h);
        }
        if (ok) {
          emit(hex_escape(hex_value(hex)), start);
          m_pos = close + 1;
          return;
        }
      }
      emit("u", start);
      return;
    }
    if (!has_hex4(m_pos)) {
      emit("u", start);
      return;
    }
    unsigned cp = hex_value(m_in.substr(m_pos, 4));
    m_pos += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && at(0, "\\u") && has_hex4(m_pos + 2)) {
      const unsigned low = hex_value(m_in.substr(m_pos + 2, 4));
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        m_pos += 6;
      }
    }
    emit(hex_escape(cp), start);
  }

  [[nodiscard]] bool has_hex4(std::size_t from) const {
    if (from + 4 > m_in.size()) {
      return false;
    }
    for (std::size_t i = from; i < from + 4; ++i) {
      if (!is_hex(m_in[i])) {
        return false;
      }
    }
    return true;
  }

  // \p{Name}, \p{General_Category=Name}, \p{Script=Name}: long names become PCRE2's short ones.
  void property_escape(char letter, std::size_t start) {
    const std::size_t close = at(0, "{") ? m_in.find('}', m_pos) : std::string_view::npos;
    if (close == std::string_view::npos) {
      emit(m_in.substr(start, 2), start);
      return;
    }
    std::string_view name = m_in.substr(m_pos + 1, close - m_pos - 1);
    std::string prefix;
    if (const std::size_t eq = name.find('='); eq != std::string_view::npos) {
      const std::string_view kind = name.substr(0, eq);
      name = name.substr(eq + 1);
      if (kind == "Script_Extensions" || kind == "scx") {
        prefix = "scx:";
      }
    }
    std::string mapped(name);
    for (const auto& [long_name, short_name] : k_category_names) {
      if (name == long_name) {
        mapped = short_name;
      }
    }
    emit(std::string("\\") + letter + "{" + prefix + mapped + "}", start);
    m_pos = close + 1;
  }

  std::string_view m_in;
  std::size_t m_pos = 0;
  bool m_in_class = false;
  std::string m_out;
  std::vector<std::size_t> m_origin;
};

std::size_t code_points_before(std::string_view s, std::size_t byte_offset) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_offset && i < s.size(); ++i) {
    n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1U : 0U;
  }
  return n;
}

// Match data is written by every search, so each thread has its own.
class ThreadMatchData {
public:
  ThreadMatchData() : m_data(pcre2_match_data_create(1, nullptr)) {}
  ~ThreadMatchData() { pcre2_match_data_free(m_data); }
  ThreadMatchData(const ThreadMatchData&) = delete;
  ThreadMatchData& operator=(const ThreadMatchData&) = delete;
  [[nodiscard]] pcre2_match_data* get() const { return m_data; }

private:
  pcre2_match_data* m_data;
};

/// The work one search may do, counted by auto-callouts: one unit per pattern item tried plus
/// every character the match position moved since the last item. PCRE2's match limit is reset
/// at each start position and never counts a possessive repeat's scan, so `a(?=[a]*c)` on
/// 300,000 characters (quadratic: each start scans to the end) ran 13 to 19 s under it.
struct WorkBudget {
  std::uint64_t used = 0;
  std::uint64_t limit = 0;
  std::size_t last = 0;
};

// Per thread, like the match data: a search runs on one thread from start to end.
thread_local WorkBudget t_budget;

// The budget of a search from `from` in a subject of `size` bytes: linear in what is left.
void start_budget(std::size_t size, std::size_t from, const RegexOptions& options) {
  t_budget.used = 0;
  t_budget.last = from;
  t_budget.limit = options.work_limit + options.work_per_byte * static_cast<std::uint64_t>(size - std::min(from, size));
}

int count_work(pcre2_callout_block* block, void* /*unused*/) {
  const std::size_t at = block->current_position;
  t_budget.used += 1 + (at > t_budget.last ? at - t_budget.last : t_budget.last - at);
  t_budget.last = at;
  return t_budget.used > t_budget.limit ? PCRE2_ERROR_MATCHLIMIT : 0;
}

/// The JIT stack of the calling thread: 1 MiB, where PCRE2's own is 32 KiB, so patterns like
/// `^(a|b)*$` match long subjects instead of running out of stack. One per thread, because a
/// JIT stack cannot serve two searches at once and compiled patterns are shared.
pcre2_jit_stack* thread_jit_stack(void* /*unused*/) {
  struct Stack {
    pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
    Stack() = default;
    Stack(const Stack&) = delete;
    Stack& operator=(const Stack&) = delete;
    ~Stack() { pcre2_jit_stack_free(stack); }
  };
  thread_local const Stack holder;
  return holder.stack;  // nullptr when it could not be made: PCRE2 then uses its own
}

}  // namespace

struct Regex::Code {
  Code(pcre2_code* c, pcre2_match_context* m, RegexOptions o) : code(c), context(m), options(o) {}
  ~Code() {
    pcre2_match_context_free(context);
    pcre2_code_free(code);
  }
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;

  // What a pcre2_match return code means, under this pattern's options.
  [[nodiscard]] Match classify(int rc) const {
    if (rc >= 0) {
      return Match::yes;  // 0 only says the ovector was too small to hold every group
    }
    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
      return Match::too_complex;
    default:
      return Match::no;  // PCRE2_ERROR_NOMATCH, or a subject that is not valid UTF-8
    }
  }

  pcre2_code* code;
  pcre2_match_context* context;  ///< the limits every search runs under; read-only, so shared
  RegexOptions options;          ///< the work budget of each search
  std::vector<std::pair<std::string, std::size_t>> names;  ///< named group -> number
};

Regex::Regex(std::string source, std::unique_ptr<Code> code) : m_source(std::move(source)), m_code(std::move(code)) {}
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

std::string translate_ecma_pattern(std::string_view ecma_pattern) { return Translator(ecma_pattern).run(); }

std::variant<Regex, RegexError> Regex::compile(std::string_view ecma_pattern, const RegexOptions& options) {
  Translator translator(ecma_pattern);
  const std::string translated = translator.run();
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  std::uint32_t flags = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_NEVER_BACKSLASH_C | PCRE2_AUTO_CALLOUT;
  if (options.match_invalid_utf) {
    flags |= PCRE2_MATCH_INVALID_UTF;
  }
  if (options.ignore_case) {
    flags |= PCRE2_CASELESS;
  }
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(), flags,
                                   &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    std::array<PCRE2_UCHAR, 256> buffer{};
    const int length = pcre2_get_error_message(error_code, buffer.data(), buffer.size());
    std::string message =
        length > 0 ? std::string(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(length))
                   : std::string("cannot compile the pattern");
    const std::size_t origin = translator.origin_of(error_offset);
    return RegexError{std::move(message), code_points_before(ecma_pattern, origin) + 1};
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // without JIT support the interpreter runs instead
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(context, options.match_limit);
  pcre2_set_depth_limit(context, options.depth_limit);
  pcre2_set_heap_limit(context, options.heap_limit_kib);
  pcre2_set_callout(context, count_work, nullptr);
  pcre2_jit_stack_assign(context, thread_jit_stack, nullptr);
  auto holder = std::make_unique<Code>(code, context, options);
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
  return Regex(std::string(ecma_pattern), std::move(holder));
}

Regex::Match Regex::search(std::string_view subject) const {
  thread_local const ThreadMatchData match_data;
  start_budget(subject.size(), 0, m_code->options);
  return m_code->classify(pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
                                      0, match_data.get(), m_code->context));
}

std::variant<std::optional<RegexMatch>, RegexTooComplex> Regex::find(std::string_view subject, std::size_t from,
                                                                     bool utf_checked) const {
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
  start_budget(subject.size(), from, m_code->options);
  const int rc = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from,
                             utf_checked ? PCRE2_NO_UTF_CHECK : 0U, data, m_code->context);
  std::variant<std::optional<RegexMatch>, RegexTooComplex> out = std::optional<RegexMatch>{};
  const Match outcome = m_code->classify(rc);
  if (outcome == Match::too_complex) {
    out = RegexTooComplex{};
  } else if (outcome == Match::yes) {
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

}  // namespace mdvault::core
