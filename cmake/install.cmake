# `cmake --install`: the program, its man page, shell completions (made by the program itself
# at build time) and the documentation; `cpack -G DEB` packs the same files into a Debian
# package whose dependencies dpkg-shlibdeps finds from the program's shared libraries.
include(GNUInstallDirs)

set(MDVAULT_COMPLETIONS_DIR ${CMAKE_CURRENT_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${MDVAULT_COMPLETIONS_DIR}/mdvault ${MDVAULT_COMPLETIONS_DIR}/_mdvault ${MDVAULT_COMPLETIONS_DIR}/mdvault.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${MDVAULT_COMPLETIONS_DIR}
  COMMAND $<TARGET_FILE:mdvault> completion bash > ${MDVAULT_COMPLETIONS_DIR}/mdvault
  COMMAND $<TARGET_FILE:mdvault> completion zsh > ${MDVAULT_COMPLETIONS_DIR}/_mdvault
  COMMAND $<TARGET_FILE:mdvault> completion fish > ${MDVAULT_COMPLETIONS_DIR}/mdvault.fish
  DEPENDS mdvault
  COMMENT "Writing the shell completions")
add_custom_target(mdvault_completions ALL
  DEPENDS ${MDVAULT_COMPLETIONS_DIR}/mdvault ${MDVAULT_COMPLETIONS_DIR}/_mdvault ${MDVAULT_COMPLETIONS_DIR}/mdvault.fish)

install(TARGETS mdvault RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/man/mdvault.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${MDVAULT_COMPLETIONS_DIR}/mdvault DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${MDVAULT_COMPLETIONS_DIR}/_mdvault DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${MDVAULT_COMPLETIONS_DIR}/mdvault.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md" PATTERN "*.svg")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mdvault)
set(CPACK_PACKAGE_VENDOR "mdvault")
set(CPACK_PACKAGE_CONTACT "mdvault maintainers <mdvault@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Check, query and export an Obsidian vault of Markdown notes")
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: the runtime libraries (libyaml-cpp, libcmark-gfm, ...)
set(CPACK_STRIP_FILES ON)
include(CPack)
