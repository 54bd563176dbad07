#pragma once
// The differential check of mdvault's YAML readers: the fast reader and mdvault's yaml-cpp path
// (both through the ValueBuilder) against yaml-cpp's own document model (YAML::Load, whose
// nodes are turned into expected values here, independently of mdvault's code). Used by the
// fuzz target `yaml_oracle` and by the generator-driven test `yaml_differential`.

#include <optional>
#include <string>
#include <string_view>

#include "core/frontmatter.hpp"

namespace mdvault::fuzz {

/// The first difference between two results of reading the same text, or nothing: values,
/// kinds, keys, positions and findings (rule, field, message, line, column) all compared.
std::optional<std::string> compare_yaml_results(const core::YamlResult& a, const core::YamlResult& b);

/// The first difference between what mdvault's readers make of `yaml` (the frontmatter text,
/// read from line 2) and what yaml-cpp's document model makes of it, or nothing when they
/// agree. Compared: accept or reject (yaml-cpp's errors, and the refusals mdvault adds on top:
/// more than one document, an unclosed quote at the end, an alias inside its own anchor, the
/// node and depth bounds); on accept, every value's kind and value, every key and its order,
/// the positions of keys, scalars and collections not reached through an alias, and the
/// duplicate-key and complex-key findings (rule and line). Texts that yaml-cpp would not read
/// as UTF-8 (a NUL in the first four bytes) give nothing.
std::optional<std::string> find_yaml_divergence(std::string_view yaml);

}  // namespace mdvault::fuzz
