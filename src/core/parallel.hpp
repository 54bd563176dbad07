#pragma once
// Running independent work items on several threads.

#include <cstddef>
#include <functional>

namespace mdvault::core {

/// The number of threads `jobs` asks for: itself, or one per hardware thread when 0.
unsigned effective_jobs(unsigned jobs);

/// Calls `body(i)` for every i in [0, count) on up to `jobs` threads (0: one per hardware
/// thread), the calling thread included; each index is taken exactly once, in no set order.
/// `min_per_thread` keeps small inputs on fewer threads. Returns when every call has ended.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body,
                  std::size_t min_per_thread = 1);

}  // namespace mdvault::core
