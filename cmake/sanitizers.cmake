# ASan and UBSan as an INTERFACE target, switched on by MDVAULT_SANITIZE.
add_library(mdvault_sanitizers INTERFACE)
if(MDVAULT_SANITIZE)
  target_compile_options(mdvault_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(mdvault_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
