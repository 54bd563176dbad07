#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace mdvault::core {

unsigned effective_jobs(unsigned jobs) { return jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency()); }

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body,
                  std::size_t min_per_thread) {
  // Each worker takes the next free index, so uneven items still spread evenly.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      body(i);
    }
  };
  const std::size_t wanted = std::max<std::size_t>(1, count / std::max<std::size_t>(1, min_per_thread));
  const auto threads = static_cast<unsigned>(std::min<std::size_t>(effective_jobs(jobs), wanted));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(work);
  }
  work();
  for (auto& thread : pool) {
    thread.join();
  }
}

}  // namespace mdvault::core
