// Reading one YAML document: the fast reader when the text is simple, yaml-cpp's parser
// otherwise, both into the same ValueBuilder; yaml-cpp's exceptions become findings in plain
// words at the position the user needs to look at.

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <exception>
#include <istream>
#include <streambuf>

#include "core/frontmatter_internal.hpp"
#include "core/frontmatter_value_builder.hpp"

namespace mdvault::core::frontmatter_detail {

namespace {

// Reads a std::istream straight from a string_view, without copying it.
class ViewStreamBuf : public std::streambuf {
public:
  explicit ViewStreamBuf(std::string_view text) {
    // The get area is only read: std::streambuf wants non-const pointers.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// ---------------------------------------------------------------------------------------
// yaml-cpp errors -> plain findings

struct ErrorHint {
  std::string_view yaml_message;  // yaml-cpp's ErrorMsg text (or its prefix)
  std::string_view plain;
};

constexpr ErrorHint k_hints[] = {
    {"end of sequence flow not found",
     "a list opened with '[' is never closed with ']': add the ']' (quote any item that "
     "holds a ',', '[' or ']')"},
    {"end of map flow not found",
     "a map opened with '{' is never closed with '}': add the '}' (quote any value that "
     "holds a ',', '{' or '}')"},
    {"illegal flow end", "a ']' or '}' here closes nothing: remove it, or quote the value"},
    {"illegal map value",
     "unexpected ':' here: quote a value that contains ': ', and indent a nested key under "
     "its parent"},
    {"end of map not found",
     "this does not continue the properties above: check the indentation, and quote a value "
     "that starts with a quote but goes on after it"},
    {"end of sequence not found",
     "this does not continue the list above: check the indentation of the '- ' items"},
    {"illegal block entry",
     "a '- ' list item is not allowed here: put each item on its own line, indented under "
     "its key"},
    {"illegal map key", "a '?' key is not allowed here"},
    {"the referenced anchor is not defined",
     "this alias ('*name') refers to no anchor: define '&name' on a value before using it"},
    {"unknown escape character",
     "unknown escape in a double-quoted text: write '\\\\' for a backslash, or use single "
     "quotes"},
    {"bad character found while scanning hex number",
     "a '\\x', '\\u' or '\\U' escape in a double-quoted text needs hex digits: write '\\\\' "
     "for a backslash (as in a Windows path), or use single quotes"},
    {"illegal EOF in scalar", "a quoted text is never closed: add the closing quote"},
    {"illegal document indicator in scalar",
     "a line inside a value starts with '---' or '...': indent it or quote the value"},
    {"illegal character in scalar", "a character that is not allowed here: quote the value"},
    {"cannot assign multiple anchors to the same node", "a value has two anchors: keep one"},
    {"cannot assign multiple tags to the same node", "a value has two tags: keep one"},
};

std::string plain_yaml_message(std::string_view yaml_message) {
  for (const ErrorHint& h : k_hints) {
    if (yaml_message.substr(0, h.yaml_message.size()) == h.yaml_message) {
      return "invalid YAML: " + std::string(h.plain) + " (YAML parser: " +
             std::string(yaml_message) + ")";
    }
  }
  return "invalid YAML: " + std::string(yaml_message);
}

// The offset of a tab in the leading white space of `line`, if any.
std::optional<std::size_t> indentation_tab(std::string_view line) {
  for (std::size_t i = 0; i < line.size() && is_space_or_tab(line[i]); ++i) {
    if (line[i] == '\t') {
      return i;
    }
  }
  return std::nullopt;
}

Diagnostic describe_parser_error(const YAML::ParserException& e, const SourceMap& source,
                                 const ValueBuilder& builder, const std::string& path) {
  const std::size_t index = source.line_index(e.mark);
  // A tab in the indentation of the failing line (or the one before) is the usual cause.
  for (std::size_t i : {index, index > 0 ? index - 1 : index}) {
    const std::string_view line = source.line_text(i);
    if (const auto tab = indentation_tab(line)) {
      const Position pos{source.file_line(i), column_at(line, *tab)};
      return make_diagnostic(path, pos, k_rule_yaml, {},
                             "invalid YAML: this line is indented with a tab; YAML allows only "
                             "spaces for indentation: replace the tab with spaces (YAML parser: " +
                                 e.msg + ")");
    }
  }
  Position pos = source.position(e.mark);
  std::string message = plain_yaml_message(e.msg);
  if (e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    if (auto open = builder.open_flow_position(e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW)) {
      pos = *open;
    }
  } else if (e.msg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0 ||
             e.msg == YAML::ErrorMsg::INVALID_HEX) {
    // yaml-cpp marks the character after the escape, or the end of the text: find the '\'.
    const std::size_t offset = source.offset(e.mark);
    const std::size_t backslash = offset == 0 ? std::string_view::npos
                                              : source.text().rfind('\\', offset - 1);
    if (backslash != std::string_view::npos) {
      pos = source.position_of_offset(backslash);
    }
  } else if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
    const std::string_view rest = source.text().substr(source.offset(e.mark));
    if (rest.substr(0, 1) == "*") {
      const std::size_t end = rest.find_first_of(" \t\n,[]{}");
      const std::string name(rest.substr(1, end == std::string_view::npos ? end : end - 1));
      message = "invalid YAML: the alias '*" + name + "' refers to no anchor: define '&" + name +
                "' on a value before using it";
    }
  }
  return make_diagnostic(path, pos, k_rule_yaml, {}, std::move(message));
}

}  // namespace

// Reads one YAML document; `first_line` is the file line of the text's first line. Returns
// nothing only for Reader::simple_only when the text is outside the simple subset.
std::optional<YamlResult> read_yaml(std::string_view text, const std::string& path,
                                    int first_line, Reader reader) {
  YamlResult result;
  const SourceMap source(text, first_line);
  if (reader != Reader::yaml_cpp_only) {
    ValueBuilder simple(source, path);
    try {
      if (read_simple_yaml(text, simple)) {
        result.value = simple.take_root();
        if (!result.value) {
          result.value = Value::make_null(Position{first_line, 1});
        }
        result.diagnostics = simple.take_diagnostics();
        return result;
      }
    } catch (const BuildAbort& abort) {
      result.diagnostics = simple.take_diagnostics();
      result.diagnostics.push_back(
          make_diagnostic(path, abort.position, abort.rule, {}, abort.message));
      return result;
    } catch (const std::exception&) {
      // Left to yaml-cpp below, which reports it.
    }
    if (reader == Reader::simple_only) {
      return std::nullopt;
    }
  }
  ValueBuilder builder(source, path);
  try {
    ViewStreamBuf buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      parser.HandleNextDocument(builder);  // a second document throws BuildAbort
    }
    result.value = builder.take_root();
    if (!result.value) {
      result.value = Value::make_null(Position{first_line, 1});
    }
    result.diagnostics = builder.take_diagnostics();
    return result;
  } catch (const BuildAbort& abort) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(
        make_diagnostic(path, abort.position, abort.rule, {}, abort.message));
  } catch (const YAML::DeepRecursion& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(make_diagnostic(
        path, builder.innermost_position().value_or(source.position(e.mark)), k_rule_too_large, {},
        "the YAML nests lists and maps too deeply (the YAML parser stops at " +
            std::to_string(e.depth()) + " levels); it is not read"));
  } catch (const YAML::ParserException& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(describe_parser_error(e, source, builder, path));
  } catch (const std::exception& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(make_diagnostic(path, Position{first_line, 1}, k_rule_yaml, {},
                                                 std::string("the YAML could not be read: ") +
                                                     e.what()));
  } catch (...) {
    result.diagnostics.push_back(make_diagnostic(path, Position{first_line, 1}, k_rule_yaml, {},
                                                 "the YAML could not be read"));
  }
  result.value.reset();
  return result;
}

}  // namespace mdvault::core::frontmatter_detail
