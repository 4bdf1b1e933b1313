# Warnings and platform settings for every Pupitre target: call pupitre_target_defaults(target).
# One set per compiler family (conventions.md, "Warnings per compiler"): GCC and Clang share
# theirs, MSVC has its own; PUPITRE_WERROR makes them errors on every compiler.
if(WIN32)
  # UTF-8 as the programs' code page (Windows 10 1903 and later): their command line, the
  # narrow file functions and std::string paths are UTF-8, as they are everywhere else.
  enable_language(RC)
  # Resource 1 of type RT_MANIFEST (24), with the manifest's absolute path (windres looks for
  # relative ones in its working folder).
  set(PUPITRE_MANIFEST_RC ${PROJECT_BINARY_DIR}/pupitre_manifest.rc)
  file(CONFIGURE OUTPUT ${PUPITRE_MANIFEST_RC}
    CONTENT "1 24 \"${PROJECT_SOURCE_DIR}/cmake/windows/pupitre.manifest\"\n")
endif()

function(pupitre_target_defaults target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8 /Zc:__cplusplus /bigobj
      # getenv, fopen, sprintf…: the standard functions are used on purpose.
      /D_CRT_SECURE_NO_WARNINGS /D_SCL_SECURE_NO_WARNINGS)
    if(PUPITRE_WERROR)
      target_compile_options(${target} PRIVATE /WX)
      target_link_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      # GCC 12 reports false positives inside std::variant (GCC bug 105562 and relatives).
      $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>
      # Designated initializers that leave members at their defaults are intended.
      -Wno-missing-field-initializers)
    if(PUPITRE_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  if(WIN32)
    # Windows 10 API; no min/max macros from windows.h; its lean subset (winsock2 stays usable).
    target_compile_definitions(${target} PRIVATE _WIN32_WINNT=0x0A00 WINVER=0x0A00 NOMINMAX
      WIN32_LEAN_AND_MEAN)
    if(MINGW)
      # Boost.Test suites and heavy templates pass the 32768 sections of plain COFF objects.
      target_compile_options(${target} PRIVATE -Wa,-mbig-obj)
    endif()
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_sources(${target} PRIVATE ${PUPITRE_MANIFEST_RC})
    endif()
  endif()
  if(PUPITRE_SANITIZE)
    if(MSVC)
      target_compile_options(${target} PRIVATE /fsanitize=address)
    else()
      # Undefined behaviour stops the test (no "recover and go on"), so ctest sees it fail.
      target_compile_options(${target} PRIVATE -fsanitize=address,undefined
        -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
      target_link_options(${target} PRIVATE -fsanitize=address,undefined
        -fno-sanitize-recover=undefined)
    endif()
  endif()
  if(PUPITRE_BUILD_FUZZ)
    # The libraries the fuzz targets call carry libFuzzer's coverage instrumentation.
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
  endif()
endfunction()
