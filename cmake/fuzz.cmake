# Fuzz targets (fuzz/, docs/fuzzing.md). Each target is one entry function over bytes, kept in
# the library mdvault_fuzz_targets. With the tests, fuzz_corpus_replay runs every target over
# its seed corpus (fuzz/corpus/<target>/) under CTest. With MDVAULT_FUZZ (clang only), the whole
# project gets libFuzzer's coverage instrumentation with ASan and UBSan, and each target becomes
# a libFuzzer binary fuzz_<target>.
option(MDVAULT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

set(MDVAULT_FUZZ_TARGETS
  bases config dql_expression dql_query frontmatter json markdown mcp_message note note_codec schema schema_instance wikilink yaml_oracle yaml_reader)

if(MDVAULT_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MDVAULT_FUZZ needs clang's libFuzzer: configure with -DCMAKE_CXX_COMPILER=clang++")
endif()

if(MDVAULT_BUILD_TESTS OR MDVAULT_FUZZ)
  add_library(mdvault_fuzz_targets STATIC
    fuzz/bases_fuzz.cpp
    fuzz/config_fuzz.cpp
    fuzz/dql_expression_fuzz.cpp
    fuzz/dql_query_fuzz.cpp
    fuzz/frontmatter_fuzz.cpp
    fuzz/fuzz_support.cpp
    fuzz/fuzz_vault.cpp
    fuzz/json_fuzz.cpp
    fuzz/markdown_fuzz.cpp
    fuzz/mcp_message_fuzz.cpp
    fuzz/note_fuzz.cpp
    fuzz/note_codec_fuzz.cpp
    fuzz/schema_fixtures.cpp
    fuzz/schema_fuzz.cpp
    fuzz/schema_instance_fuzz.cpp
    fuzz/wikilink_fuzz.cpp
    fuzz/yaml_document_generator.cpp
    fuzz/yaml_oracle.cpp
    fuzz/yaml_oracle_fuzz.cpp
    fuzz/yaml_reader_fuzz.cpp
  )
  target_include_directories(mdvault_fuzz_targets PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_definitions(mdvault_fuzz_targets PRIVATE MDVAULT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  # yaml-cpp's document model is the oracle of the yaml_oracle target (fuzz/yaml_oracle.cpp).
  target_link_libraries(mdvault_fuzz_targets PUBLIC mdvault_core PRIVATE yaml-cpp mdvault_warnings mdvault_sanitizers)

  add_executable(fuzz_corpus_replay fuzz/replay_main.cpp)
  target_link_libraries(fuzz_corpus_replay PRIVATE mdvault_fuzz_targets mdvault_warnings mdvault_sanitizers)

  # The generator-driven differential test of the YAML readers (docs/fuzzing.md).
  add_executable(yaml_differential fuzz/yaml_differential_main.cpp)
  target_link_libraries(yaml_differential PRIVATE mdvault_fuzz_targets mdvault_warnings mdvault_sanitizers)
endif()

if(MDVAULT_BUILD_TESTS)
  add_test(NAME fuzz_corpus_replay COMMAND fuzz_corpus_replay ${PROJECT_SOURCE_DIR}/fuzz/corpus)
  set_tests_properties(fuzz_corpus_replay PROPERTIES TIMEOUT 300)
  add_test(NAME yaml_differential COMMAND yaml_differential --count 20000 --seed 1)
  set_tests_properties(yaml_differential PROPERTIES TIMEOUT 300)
endif()

if(MDVAULT_FUZZ)
  # Instrument everything that links the sanitizer target (mdvault_core included), so libFuzzer
  # sees the coverage of the parsers; only the fuzz_<target> binaries link libFuzzer's main.
  target_compile_options(mdvault_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(mdvault_sanitizers INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  foreach(name IN LISTS MDVAULT_FUZZ_TARGETS)
    add_executable(fuzz_${name} fuzz/libfuzzer_entry.cpp)
    target_compile_definitions(fuzz_${name} PRIVATE MDVAULT_FUZZ_TARGET="${name}")
    target_link_libraries(fuzz_${name} PRIVATE mdvault_fuzz_targets mdvault_warnings mdvault_sanitizers)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  endforeach()
endif()
