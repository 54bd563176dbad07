#include "core/export/csv_export.hpp"

#include "core/json_value.hpp"

namespace mdvault::core::exports {

namespace {

constexpr std::string_view k_crlf = "\r\n";

/// True when `field` is a plain number ("-5", "+1.5", "2e3"), which no spreadsheet runs.
bool is_plain_number(std::string_view field) {
  std::size_t i = field.empty() || (field[0] != '-' && field[0] != '+') ? 0 : 1;
  bool digits = false;
  bool dot = false;
  for (; i < field.size(); ++i) {
    const char c = field[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

/// True when a spreadsheet would run `field` as a formula (OWASP's CSV injection list).
bool looks_like_formula(std::string_view field) {
  if (field.empty()) return false;
  const char c = field.front();
  return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !is_plain_number(field);
}

}  // namespace

std::string csv_quote(std::string_view field) {
  const bool formula = looks_like_formula(field);
  if (!formula && field.find_first_of("\",\r\n") == std::string_view::npos) return std::string(field);
  // A cell a spreadsheet would run as a formula starts with a ' so it stays text (OWASP).
  std::string out = formula ? "\"'" : "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_cell(const Value& value) {
  if (!value.is_list()) return value.is_map() ? to_json_text(value) : scalar_text(value);
  std::string out;
  bool first = true;
  for (const auto& item : value.as_list()) {
    if (!first) out += "; ";
    first = false;
    out += (item.is_list() || item.is_map()) ? to_json_text(item) : scalar_text(item);
  }
  return out;
}

std::vector<std::string> csv_columns(const RecordBuilder& builder) {
  if (!builder.options().csv_fields.empty()) return builder.options().csv_fields;
  return builder.frontmatter_keys();
}

bool write_csv_export(std::ostream& out, const RecordBuilder& builder, const Progress& progress) {
  const std::vector<std::string> columns = csv_columns(builder);
  if (builder.options().csv_bom) out << "\xEF\xBB\xBF";
  out << "path,name";
  for (const auto& column : columns) out << ',' << csv_quote(column);
  out << k_crlf;
  const std::size_t total = builder.notes().size();
  for (std::size_t i = 0; i < total && out; ++i) {
    const NoteRecord record = builder.build(i);
    out << csv_quote(record.note->path) << ',' << csv_quote(record.note->name);
    for (const auto& column : columns) {
      out << ',';
      const Value* value = record.frontmatter.value != nullptr ? record.frontmatter.value->find(column) : nullptr;
      if (value != nullptr) out << csv_quote(csv_cell(*value));
    }
    out << k_crlf;
    if (progress) progress(i + 1, total);
  }
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace mdvault::core::exports
