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
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
