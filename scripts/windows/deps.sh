#!/usr/bin/env bash
# Cross-builds Pupitre's dependencies for 64-bit Windows from Debian's own source packages
# (`apt-get source`, Debian's patches applied), static, into a cache folder outside the repo:
#   ${PUPITRE_WINDOWS_CACHE:-$HOME/.cache/pupitre-windows}/prefix-<key>
# where <key> is made of the source packages' versions. A finished dependency leaves a stamp
# (prefix/stamps/<package>, holding its version) and is skipped on the next run. One log per
# dependency in prefix/logs/<package>.log.
# The non-GUI dependencies come first; then /work/wt/windows-deps-ready-like file
# ($PUPITRE_WINDOWS_READY_FILE, if set) gets PREFIX= and TOOLCHAIN= lines, and WX=ready once
# wxWidgets is built too.
# Usage: scripts/windows/deps.sh [--no-wx|--prefix-only|--only PACKAGE]   (prints the prefix on
# its last line; --prefix-only builds nothing; --only builds that one, e.g. after a fix)
set -euo pipefail
# The whole script is read before it runs (main, called on the last line): an edit while a
# long build runs does not change what that run does.
main() {
root=$(cd "$(dirname "$0")/../.." && pwd)
toolchain=$root/cmake/toolchains/mingw-w64-x86_64.cmake
cache=${PUPITRE_WINDOWS_CACHE:-$HOME/.cache/pupitre-windows}
jobs=${PUPITRE_WINDOWS_JOBS:-$(nproc)}
with_wx=1 prefix_only=0 only=
[ "${1:-}" = --no-wx ] && with_wx=0
[ "${1:-}" = --prefix-only ] && prefix_only=1
[ "${1:-}" = --only ] && only=${2:?--only needs a package name}
host=x86_64-w64-mingw32
export CC=$host-gcc-posix CXX=$host-g++-posix AR=$host-gcc-ar-posix RANLIB=$host-gcc-ranlib-posix
export RC=$host-windres WINDRES=$host-windres STRIP=$host-strip
# Autotools and the compilers run under nice: the machine's other work goes first.
run() { nice -n 10 "$@"; }

sources=(boost openssl libsodium sqlite3 sqlitecpp fmtlib spdlog poco libjpeg-turbo libpng1.6
  libzstd libxlsxwriter)
[ $with_wx = 1 ] && sources+=(wxwidgets3.2)
[ -n "$only" ] && sources=("$only")
# Pinned order for the key: the GUI library's version is part of it even with --no-wx.
all_sources=(openssl libsodium sqlite3 sqlitecpp fmtlib spdlog poco libjpeg-turbo libpng1.6
  wxwidgets3.2)
# Packages added after the first set: not part of the prefix's key (a prefix built before them
# stays valid and they are added to it); each one's version is its stamp, so a new version of
# one of them rebuilds that package alone.
later_sources=(libzstd libxlsxwriter)

mkdir -p "$cache/src"
# The newest version of a source package that can be had: one already downloaded, or the first
# of apt's versions (newest first) whose files download (a mirror may lag behind the index).
declare -A version
resolve() {
  local pkg=$1 v
  for v in $(apt-cache showsrc --only-source "$pkg" 2>/dev/null | sed -n 's/^Version: //p' |
    sort -u | sort -r -V); do
    local dsc="$cache/src/${pkg}_${v#*:}.dsc"
    if [ -f "$dsc" ] || (cd "$cache/src" && apt-get source --download-only -q "$pkg=$v" \
      >"$cache/src/$pkg.download.log" 2>&1); then
      version[$pkg]=$v
      return 0
    fi
  done
  echo "windows deps: no source of $pkg could be downloaded (is there a deb-src entry?" \
    "see $cache/src/$pkg.download.log)" >&2
  return 1
}
for p in "${all_sources[@]}" "${later_sources[@]}"; do resolve "$p"; done
version[boost]=$(dpkg-query -W -f='${Version}' libboost-dev)
key=$(for p in "${all_sources[@]}"; do echo "$p=${version[$p]}"; done | sha256sum | cut -c1-12)
prefix=$cache/prefix-$key
if [ $prefix_only = 1 ]; then
  echo "$prefix"
  return 0
fi
mkdir -p "$prefix/stamps" "$prefix/logs" "$prefix/build"
for p in "${all_sources[@]}" "${later_sources[@]}"; do echo "$p=${version[$p]}"; done \
  >"$prefix/versions.txt"

# Unpacks a source package (Debian patches applied) into prefix/build/<package>; prints the path.
unpack() {
  local pkg=$1 v=${version[$1]} dir=$prefix/build/$1
  rm -rf "$dir"
  dpkg-source -q --no-check -x "$cache/src/${pkg}_${v#*:}.dsc" "$dir" >/dev/null 2>&1
  echo "$dir"
}
cmake_dep() { # source dir, build dir, options...
  local src=$1 bld=$2
  shift 2
  run cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DPUPITRE_WINDOWS_PREFIX="$prefix" -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DBUILD_SHARED_LIBS=OFF -DCMAKE_PREFIX_PATH="$prefix" "$@"
  run cmake --build "$bld" --parallel "$jobs" -- -k 0 # every error in the log at once
  run cmake --install "$bld"
}

build_openssl() {
  local s
  s=$(unpack openssl)
  cd "$s"
  run ./Configure mingw64 --prefix="$prefix" --libdir=lib no-shared no-tests \
    no-module no-legacy no-engine no-dso
  run make -j"$jobs" build_libs
  run make install_dev
}
build_libsodium() {
  local s
  s=$(unpack libsodium)
  cd "$s"
  run autoreconf -fi # the source package has configure.ac, not configure
  run ./configure --host=$host --prefix="$prefix" --disable-shared --enable-static \
    --disable-dependency-tracking
  run make -j"$jobs"
  run make install
}
build_sqlite3() {
  # The amalgamation (sqlite3.c) is made on the host (tclsh), then cross-compiled alone with
  # the options of Debian's libsqlite3.
  local s
  s=$(unpack sqlite3)
  mkdir -p "$s/host" && cd "$s/host"
  # Host tools (lemon, mkkeywordhash) are built with the host's compiler.
  run env -u CC -u CXX -u AR -u RANLIB ../configure --disable-tcl >/dev/null
  run env -u CC -u CXX -u AR -u RANLIB make sqlite3.c
  local flags=(-O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_COLUMN_METADATA=1
    -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE=1
    -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB
    -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION)
  run "$CC" "${flags[@]}" -c sqlite3.c -o sqlite3.o
  run "$AR" rcs libsqlite3.a sqlite3.o
  install -D -m644 libsqlite3.a "$prefix/lib/libsqlite3.a"
  install -D -m644 sqlite3.h "$prefix/include/sqlite3.h"
  install -D -m644 ../src/sqlite3ext.h "$prefix/include/sqlite3ext.h" 2>/dev/null ||
    install -D -m644 sqlite3ext.h "$prefix/include/sqlite3ext.h"
  mkdir -p "$prefix/lib/pkgconfig"
  cat >"$prefix/lib/pkgconfig/sqlite3.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: SQLite
Description: SQL database engine
Version: ${version[sqlite3]%%-*}
Libs: -L\${libdir} -lsqlite3
Cflags: -I\${includedir}
EOF
}
build_sqlitecpp() {
  local s
  s=$(unpack sqlitecpp)
  cmake_dep "$s" "$s/build" -DSQLITECPP_INTERNAL_SQLITE=OFF -DSQLITECPP_RUN_CPPLINT=OFF \
    -DSQLITECPP_RUN_CPPCHECK=OFF -DSQLITECPP_BUILD_TESTS=OFF -DSQLITECPP_BUILD_EXAMPLES=OFF
}
build_fmtlib() {
  local s
  s=$(unpack fmtlib)
  cmake_dep "$s" "$s/build" -DFMT_DOC=OFF -DFMT_TEST=OFF
}
build_spdlog() {
  local s
  s=$(unpack spdlog)
  # Debian's spdlog uses the separate fmt, as the Linux build does.
  cmake_dep "$s" "$s/build" -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=OFF \
    -DSPDLOG_BUILD_TESTS=OFF -DSPDLOG_BUILD_BENCH=OFF
}
build_poco() {
  # Only the components CMakeLists.txt asks for: Foundation JSON Net NetSSL (OpenSSL) Crypto
  # Util XML Zip. Poco's bundled PCRE and expat; zlib is the mingw package's.
  local s off=() c
  s=$(unpack poco)
  # Poco names some Windows headers as on Windows (Winsock2.h); mingw's are lower case and
  # Linux file names are case-sensitive.
  grep -rlE '#\s*include\s*<(Winsock2|Iphlpapi)\.h>' "$s" |
    xargs -r sed -i -E 's/<Winsock2\.h>/<winsock2.h>/; s/<Iphlpapi\.h>/<iphlpapi.h>/'
  # mingw's wincrypt.h defines TIMESTAMP_REQUEST, a name of Poco's ICMP enum.
  sed -i 's|^#include "Poco/Net/ICMPPacketImpl.h"$|&\n#undef TIMESTAMP_REQUEST // wincrypt.h (mingw)|' \
    "$s/Net/include/Poco/Net/ICMPv4PacketImpl.h"
  for c in ENCODINGS MONGODB DATA DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC REDIS PDF \
    SEVENZIP APACHECONNECTOR CPPPARSER ENCODINGS_COMPILER PAGECOMPILER PAGECOMPILER_FILE2PAGE \
    POCODOC TESTS LONG_RUNNING_TESTS JWT ACTIVERECORD ACTIVERECORD_COMPILER PROMETHEUS \
    NETSSL_WIN; do
    off+=("-DENABLE_$c=OFF")
  done
  cmake_dep "$s" "$s/build" "${off[@]}" -DENABLE_FOUNDATION=ON -DENABLE_JSON=ON -DENABLE_NET=ON \
    -DENABLE_NETSSL=ON -DENABLE_CRYPTO=ON -DENABLE_UTIL=ON -DENABLE_XML=ON -DENABLE_ZIP=ON \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 \
    -DCMAKE_PROJECT_INCLUDE="$root/scripts/windows/unity-cxx-only.cmake" \
    -DPUPITRE_NO_UNITY_FILES="/ICMP[A-Za-z0-9]*\\.cpp$" -DPUPITRE_NO_UNITY_REGEX="SingletonHolder|^namespace *$|^static |^# *define " \
    -DPOCO_UNBUNDLED=OFF -DPOCO_MT=OFF -DCMAKE_MC_COMPILER="$(command -v $host-windmc)" -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=ON
}
build_libjpeg-turbo() {
  local s simd=OFF
  s=$(unpack libjpeg-turbo)
  command -v nasm >/dev/null && simd=ON
  cmake_dep "$s" "$s/build" -DENABLE_SHARED=OFF -DENABLE_STATIC=ON -DWITH_TURBOJPEG=OFF \
    -DWITH_SIMD=$simd -DCMAKE_INSTALL_LIBDIR="$prefix/lib" # (a relative one is taken from the cwd)
}
build_libpng1.6() {
  local s
  s=$(unpack libpng1.6)
  cmake_dep "$s" "$s/build" -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF \
    -DPNG_EXECUTABLES=OFF -DPNG_BUILD_ZLIB=OFF -DCMAKE_INSTALL_LIBDIR=lib
}
build_libzstd() {
  # The library only (backups are zstd-compressed), static; no programs, no legacy formats.
  local s
  s=$(unpack libzstd)
  cmake_dep "$s/build/cmake" "$s/build-win" -DZSTD_BUILD_SHARED=OFF -DZSTD_BUILD_STATIC=ON \
    -DZSTD_BUILD_PROGRAMS=OFF -DZSTD_BUILD_TESTS=OFF -DZSTD_BUILD_CONTRIB=OFF \
    -DZSTD_LEGACY_SUPPORT=OFF -DZSTD_MULTITHREAD_SUPPORT=ON -DCMAKE_INSTALL_LIBDIR=lib
}
build_libxlsxwriter() {
  # The reports' XLSX writer, static. OpenSSL's MD5 as Debian's (the bundled md5.c defines
  # MD5_Init too, which clashes with the static libcrypto the programs link); the bundled
  # minizip (third_party/, part of Debian's source; Debian links the system one, which has no
  # Windows build here). Temporary files through the bundled tmpfileplus, as on Debian.
  local s
  s=$(unpack libxlsxwriter)
  cmake_dep "$s" "$s/build-win" -DUSE_SYSTEM_MINIZIP=OFF -DUSE_OPENSSL_MD5=ON \
    -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=ON \
    -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DCMAKE_INSTALL_LIBDIR=lib
}
build_boost() {
  # Boost.Test is used header-only: the host's libboost-dev headers, linked into the prefix (a
  # link, not the host's /usr/include, whose Linux headers must not reach the mingw compiler).
  rm -rf "$prefix/include/boost"
  mkdir -p "$prefix/include"
  ln -s /usr/include/boost "$prefix/include/boost"
}
build_wxwidgets3.2() {
  # wxMSW, static, Unicode, with only the libraries Pupitre uses (base, net, core, adv: see
  # gui/CMakeLists.txt); pictures through the libjpeg/libpng built above.
  local s
  s=$(unpack wxwidgets3.2)
  mkdir -p "$s/build-msw" && cd "$s/build-msw"
  run ../configure --host=$host --prefix="$prefix" --disable-shared --enable-unicode \
    --with-msw --disable-debug --disable-tests \
    --with-libpng=sys --with-libjpeg=sys --with-zlib=sys --without-libtiff --without-expat \
    --without-opengl --disable-xrc --disable-html --disable-aui --disable-stc \
    --disable-richtext --disable-ribbon --disable-propgrid --disable-webview --disable-mediactrl \
    --disable-sound --disable-webrequest \
    CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib"
  run make -j"$jobs"
  run make install
}

ready_file=${PUPITRE_WINDOWS_READY_FILE:-}
write_ready() {
  [ -n "$ready_file" ] || return 0
  local dep
  for dep in boost openssl libsodium sqlite3 sqlitecpp fmtlib spdlog poco libjpeg-turbo libpng1.6 \
    libzstd libxlsxwriter; do
    [ -f "$prefix/stamps/$dep" ] || return 0 # not all there yet
  done
  {
    echo "PREFIX=$prefix"
    echo "TOOLCHAIN=$toolchain"
    [ -f "$prefix/stamps/wxwidgets3.2" ] && echo "WX=ready"
  } >"$ready_file.tmp"
  mv "$ready_file.tmp" "$ready_file"
}

for p in "${sources[@]}"; do
  stamp=$prefix/stamps/$p
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${version[$p]}" ]; then
    echo "windows deps: $p ${version[$p]} already built" >&2
  else
    started=$(date +%s)
    echo "windows deps: building $p ${version[$p]} (log: $prefix/logs/$p.log)" >&2
    # In the background and waited for: a subshell tested by `if` would ignore `set -e`.
    ("build_$p") >"$prefix/logs/$p.log" 2>&1 &
    if ! wait $!; then
      echo "windows deps: $p failed; the end of $prefix/logs/$p.log:" >&2
      tail -n 30 "$prefix/logs/$p.log" >&2
      exit 1
    fi
    echo "${version[$p]}" >"$stamp"
    echo "windows deps: $p built in $(($(date +%s) - started)) s" >&2
    rm -rf "$prefix/build/$p" # the installed files stay; the sources and objects go
  fi
  # The non-GUI dependencies are all there: the Windows build of the programs can start.
  [ "$p" = libxlsxwriter ] && write_ready
done
write_ready
echo "$prefix"
}
main "$@"; exit # (one line: an edit of this file during a run is never read)
