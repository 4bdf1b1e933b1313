# Injected into a dependency's CMake project (CMAKE_PROJECT_INCLUDE) by scripts/windows/deps.sh:
# its C++ files are compiled in unity batches (a few files per compiler run: far less time in
# <windows.h> and the library's headers on a busy machine); its bundled C libraries (PCRE,
# zlib, expat) stay one file per run, as they are not written for it, and so do C++ files that
# define names another file of the library defines too (Poco's file-level singleton holders
# `sh`, listed in PUPITRE_NO_UNITY_REGEX), and the files named by PUPITRE_NO_UNITY_FILES (Poco's
# ICMP files, compiled alone since they broke their batches on mingw).
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _pupitre_no_unity_for_c)
function(_pupitre_no_unity_for_c)
  get_property(dirs DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY SUBDIRECTORIES)
  set(all_dirs ${CMAKE_SOURCE_DIR})
  while(dirs)
    list(POP_FRONT dirs dir)
    list(APPEND all_dirs ${dir})
    get_property(sub DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    list(APPEND dirs ${sub})
  endwhile()
  foreach(dir IN LISTS all_dirs)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(sources ${target} SOURCES)
      if(NOT sources)
        continue()
      endif()
      get_target_property(target_dir ${target} SOURCE_DIR)
      foreach(source IN LISTS sources)
        # Relative names are the target's folder's: name the file absolutely, or the property
        # lands on another file of the same name in this folder.
        get_filename_component(path ${source} ABSOLUTE BASE_DIR ${target_dir})
        set(skip OFF)
        if(path MATCHES "\\.c$")
          set(skip ON)
        elseif(PUPITRE_NO_UNITY_FILES AND path MATCHES "${PUPITRE_NO_UNITY_FILES}")
          set(skip ON)
        elseif(path MATCHES "\\.cpp$" AND PUPITRE_NO_UNITY_REGEX AND EXISTS ${path})
          file(STRINGS ${path} hits REGEX "${PUPITRE_NO_UNITY_REGEX}" LIMIT_COUNT 1)
          if(hits)
            set(skip ON)
          endif()
        endif()
        if(skip)
          set_source_files_properties(${path} TARGET_DIRECTORY ${target}
            PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
        endif()
      endforeach()
    endforeach()
  endforeach()
endfunction()
