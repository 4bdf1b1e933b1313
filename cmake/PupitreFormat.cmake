# `cmake --build build --target format-check` fails when a source file is not clang-formatted;
# `--target format` rewrites them.
find_program(CLANG_FORMAT_EXE NAMES clang-format clang-format-14)
if(CLANG_FORMAT_EXE)
  file(GLOB_RECURSE PUPITRE_FORMAT_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/shared/*.cpp ${PROJECT_SOURCE_DIR}/shared/*.h
    ${PROJECT_SOURCE_DIR}/daemon/*.cpp ${PROJECT_SOURCE_DIR}/daemon/*.h
    ${PROJECT_SOURCE_DIR}/server/*.cpp ${PROJECT_SOURCE_DIR}/server/*.h
    ${PROJECT_SOURCE_DIR}/gui/*.cpp ${PROJECT_SOURCE_DIR}/gui/*.h
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h)
  add_custom_target(format-check
    COMMAND ${CLANG_FORMAT_EXE} --dry-run --Werror ${PUPITRE_FORMAT_SOURCES}
    COMMENT "Checking clang-format")
  add_custom_target(format
    COMMAND ${CLANG_FORMAT_EXE} -i ${PUPITRE_FORMAT_SOURCES}
    COMMENT "Formatting sources")
endif()
