# Warnings for every Pupitre target: call pupitre_target_defaults(target).
function(pupitre_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    # GCC 12 reports false positives inside std::variant (GCC bug 105562 and relatives).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>
    # Designated initializers that leave members at their defaults are intended.
    -Wno-missing-field-initializers)
  if(PUPITRE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(PUPITRE_SANITIZE)
    # Undefined behaviour stops the test (no "recover and go on"), so ctest sees it fail.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined
      -fno-sanitize-recover=undefined)
  endif()
  if(PUPITRE_BUILD_FUZZ)
    # The libraries the fuzz targets call carry libFuzzer's coverage instrumentation.
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
  endif()
endfunction()
