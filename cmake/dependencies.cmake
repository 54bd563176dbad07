# Every third-party library comes from Debian's packages (see README).
find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
# RapidJSON (header only, package rapidjson-dev) writes the export: it streams, where
# nlohmann-json builds a tree first (docs/export-format.md).
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/writer.h REQUIRED)
add_library(rapidjson INTERFACE)
target_include_directories(rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
# SSE2 is part of every x86-64 CPU: RapidJSON then skips text that needs no escaping 16
# bytes at a time (note text is written about twice as fast).
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  target_compile_definitions(rapidjson INTERFACE RAPIDJSON_SSE2)
endif()
find_package(SQLite3 REQUIRED)
# ICU (libicu-dev), the library behind JavaScript's Intl: DQL's named time zones (the system's
# zone database) and currencyformat, as Dataview gets them from Luxon and Intl.
find_package(ICU REQUIRED COMPONENTS i18n uc)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
# Debian ships the GFM extensions library without a pkg-config file.
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)
add_library(cmark_gfm_extensions INTERFACE)
target_link_libraries(cmark_gfm_extensions INTERFACE ${CMARK_GFM_EXTENSIONS_LIBRARY})
if(MDVAULT_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
