# Cross-compiling for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix: the
# posix thread model, which std::thread needs). Programs are linked statically (the mingw runtime
# included), so each .exe runs alone. Tests run under Wine (CMAKE_CROSSCOMPILING_EMULATOR), so
# `ctest` in a Windows build folder runs the .exe suites on Linux.
# The dependencies cross-built by scripts/windows.sh are found in PUPITRE_WINDOWS_PREFIX
# (a -D option, or the environment variable of the same name).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(mingw_triplet x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${mingw_triplet}-gcc-posix)
set(CMAKE_CXX_COMPILER ${mingw_triplet}-g++-posix)
set(CMAKE_RC_COMPILER ${mingw_triplet}-windres)
set(CMAKE_AR ${mingw_triplet}-gcc-ar-posix CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB ${mingw_triplet}-gcc-ranlib-posix CACHE FILEPATH "Ranlib")

if(NOT PUPITRE_WINDOWS_PREFIX AND DEFINED ENV{PUPITRE_WINDOWS_PREFIX})
  set(PUPITRE_WINDOWS_PREFIX "$ENV{PUPITRE_WINDOWS_PREFIX}")
endif()
# try_compile projects read this file again: pass the prefix on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES PUPITRE_WINDOWS_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/${mingw_triplet})
if(PUPITRE_WINDOWS_PREFIX)
  list(PREPEND CMAKE_FIND_ROOT_PATH "${PUPITRE_WINDOWS_PREFIX}")
  # Bare library names (sqlite3, advapi32 ...) are looked for in the prefix too.
  set(prefix_lib_flag "-L${PUPITRE_WINDOWS_PREFIX}/lib")
  # pkg-config (libsodium) reads the prefix's .pc files only, never the host's.
  set(ENV{PKG_CONFIG_LIBDIR} "${PUPITRE_WINDOWS_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
  set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "pkg-config")
  # wxWidgets' find module asks the cross-built wx-config (a shell script, runs on Linux).
  if(EXISTS "${PUPITRE_WINDOWS_PREFIX}/bin/wx-config")
    set(wxWidgets_CONFIG_EXECUTABLE "${PUPITRE_WINDOWS_PREFIX}/bin/wx-config"
        CACHE FILEPATH "wx-config of the Windows wxWidgets")
  endif()
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Static zlib (libz-mingw-w64-dev ships libz.a and the import library of zlib1.dll).
set(ZLIB_USE_STATIC_LIBS ON)
# The static OpenSSL, with the Windows libraries it needs (FindOpenSSL adds ws2_32, crypt32).
set(OPENSSL_USE_STATIC_LIBS ON)

# The mingw runtime (libgcc, libstdc++, winpthread) linked in.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++ ${prefix_lib_flag}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++ ${prefix_lib_flag}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++ ${prefix_lib_flag}")

find_program(PUPITRE_WINE wine)
if(PUPITRE_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${PUPITRE_WINE})
endif()
