#pragma once
// FROM sources that match nothing: a misspelt folder, tag or note gives an empty result and
// exit 0, so each gets a warning with a "did you mean" (as lint does for links).

#include <string>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/query/ast.hpp"
#include "core/vault.hpp"

namespace mdvault::core::query {

/// One sentence per folder, tag or note named under FROM (also a FROM written later) that no
/// note matches, such as `FROM "Core Fear" matches no folder or note; did you mean "Core Fears"?`.
std::vector<std::string> unmatched_source_warnings(const Query& query, const Vault& vault,
                                                   const LinkResolver& resolver);

}  // namespace mdvault::core::query
