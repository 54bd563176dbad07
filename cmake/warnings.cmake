# Warning flags as an INTERFACE target that each of our targets links PRIVATE.
add_library(mdvault_warnings INTERFACE)
target_compile_options(mdvault_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough -Wold-style-cast
  $<$<BOOL:${MDVAULT_WERROR}>:-Werror>)
