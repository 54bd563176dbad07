#pragma once
// Fixed schemas and instances for the schema targets, and a link checker that needs no vault.

#include <optional>
#include <string>
#include <vector>

#include "core/schema/schema_set.hpp"
#include "core/value.hpp"

namespace mdvault::fuzz {

/// Frontmatter-like values of every kind (read once from YAML), validated against fuzzed schemas.
const std::vector<core::Value>& fixed_instances();

/// The example vault's schemas (schemas/ of the source tree, MDVAULT_SOURCE_DIR); read once.
const core::schema::SchemaSet& example_schemas();

/// One schema, class "kitchen", that uses every keyword mdvault compiles; compiled once.
const core::schema::SchemaSet& kitchen_schema();

/// x-link without a vault: "[[...]]" strings are links, class "missing" is never met.
class StubLinkChecker final : public core::schema::LinkChecker {
public:
  [[nodiscard]] std::optional<std::string> check_link(const core::Value& value,
                                                      const std::string& required_class) const override;
};

}  // namespace mdvault::fuzz
