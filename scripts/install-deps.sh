#!/usr/bin/env bash
# Installs the Debian packages Pupitre needs, skipping those already present.
# Usage: scripts/install-deps.sh [build|run|test|package|windows]
#   run adds what the demo needs on a machine without a display; test, what the tests need;
#   package, what scripts/package.sh and the package tests need; windows, what
#   scripts/windows.sh needs (mingw-w64, Wine, the installers' tools, Debian's source packages).
set -euo pipefail
profile=${1:-build}

packages=(cmake g++ ninja-build pkg-config ccache
  libsqlite3-dev libsqlitecpp-dev libssl-dev libpoco-dev libspdlog-dev libsodium-dev
  libpq-dev # pupitre-server's PostgreSQL backend (libpq)
  libzstd-dev # backups (shared/pupitre/backup)
  libjpeg62-turbo-dev libpng-dev
  libsecret-1-dev libboost-test-dev sqlite3
  libwxgtk3.2-dev gettext # the desktop app and its translations
  wx3.2-i18n # wxWidgets' own strings (the stock buttons' Cancel, Yes, No) in Spanish
  libayatana-appindicator3-dev # the tray icon on Linux desktops
  # Reports (shared/pupitre/reports): XLSX, PDF drawn with cairo and laid out by pango, and
  # the fonts embedded in the PDFs: Latin, Greek, Cyrillic, Arabic (DejaVu, Noto) and Chinese
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  fonts-dejavu-core fonts-noto-core fonts-wqy-microhei)
if [ "$profile" = test ]; then
  packages+=(procps openssl) # openssl: a self-signed certificate for the server's HTTPS test
  # A private PostgreSQL 15 the server tests start (server_postgres, e2e multi_node)
  packages+=(postgresql-15 postgresql-client-15)
  # dbus + gnome-keyring: a private Secret Service for the test of pupitred's keyring token
  packages+=(dbus-daemon dbus-bin gnome-keyring)
  packages+=(locales) # es_ES.UTF-8: the tests of decimal marks under a comma locale
  # The reports' tests open what was written with real readers: openpyxl, pdftotext, pdftoppm
  packages+=(python3 python3-openpyxl poppler-utils)
  # The sanitizer and fuzz stage: clang with ASan/UBSan and libFuzzer (libclang-rt-14-dev),
  # llvm for llvm-symbolizer (reports with file and line)
  packages+=(clang libclang-rt-14-dev llvm)
  # The web version's browser tests (tests/web): Debian's chromium, driven headless by
  # playwright-core from npm (never a downloaded browser)
  packages+=(chromium)
  # Node 18+ and npm: Debian's, unless a node is already there (NodeSource's nodejs package
  # carries its own npm and conflicts with Debian's)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
if [ "$profile" = test ] || [ "$profile" = package ]; then
  # Packages (CPack: dpkg-shlibdeps, rpmbuild) and their checks (lintian, desktop file,
  # AppStream, systemd units).
  packages+=(dpkg-dev fakeroot rpm lintian desktop-file-utils appstream systemd file)
  packages+=(debootstrap) # the install in a fresh Debian 12 root (PUPITRE_CHROOT=1)
fi
if [ "$profile" = test ] || [ "$profile" = run ]; then
  # xvfb + xauth: the GUI tests (and the demo without a display) run under xvfb-run;
  # imagemagick: their screenshots; x11-utils: xwininfo/xprop, which find the app's window
  packages+=(xvfb xauth imagemagick x11-utils)
fi

if [ "$profile" = windows ]; then
  # The cross compiler (posix threads: std::thread), zlib for Windows, Boost.Test's headers;
  # dpkg-dev (dpkg-source), tcl (SQLite's amalgamation), perl (OpenSSL's Configure), make,
  # xz/bzip2 for the source packages, autotools (libsodium ships no configure script).
  packages=(cmake ninja-build pkg-config ccache g++ make
    g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64
    mingw-w64-x86-64-dev libz-mingw-w64-dev libboost-dev
    dpkg-dev tcl perl xz-utils bzip2 autoconf automake libtool
    wine wine64 # the tests under Wine
    xvfb xauth imagemagick x11-utils xdotool # the app under Wine + Xvfb: keys, screenshots
    msitools nsis gettext) # the MSI (wixl), the NSIS installer, their translations
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian's source packages (apt-get source) for the Windows builds of the dependencies: a
# deb-src entry for the same archives and suites as the binary packages.
if [ "$profile" = windows ]; then
  binary=/etc/apt/sources.list.d/debian.sources
  src=/etc/apt/sources.list.d/debian-src.sources
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    [ -f "$binary" ] || {
      echo "install-deps: $binary is missing: add a deb-src entry for Debian's archive" \
        "yourself (apt-get source must work), then run this again." >&2
      exit 1
    }
    echo "Adding $src (deb-src entries for the suites of $binary)"
    {
      echo "# Added by Pupitre's scripts/install-deps.sh windows: Debian's source packages for"
      echo "# the Windows builds of the dependencies (scripts/windows/deps.sh)."
      sed 's/^Types:.*/Types: deb-src/' "$binary"
    } | "${sudo_cmd[@]}" tee "$src" >/dev/null
    "${sudo_cmd[@]}" apt-get update -q
  fi
fi

# The browser tests' npm packages (playwright-core, pinned by tests/web/package-lock.json).
if [ "$profile" = test ]; then
  web_tests=$(cd "$(dirname "$0")/../tests/web" && pwd)
  pinned=$(node -p "require('$web_tests/package.json').devDependencies['playwright-core']")
  have=$(node -p "try { require('$web_tests/node_modules/playwright-core/package.json').version } catch (e) { '' }")
  if [ "$pinned" != "$have" ]; then
    (cd "$web_tests" && npm ci --no-audit --no-fund)
  fi
fi

# The Spanish locale the number tests run under (decimal comma), generated once.
if [ "$profile" = test ] && ! locale -a 2>/dev/null | grep -qix 'es_ES\.utf-\?8'; then
  "${sudo_cmd[@]}" sed -i 's/^# *\(es_ES\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^es_ES\.UTF-8 UTF-8' /etc/locale.gen ||
    echo 'es_ES.UTF-8 UTF-8' | "${sudo_cmd[@]}" tee -a /etc/locale.gen >/dev/null
  "${sudo_cmd[@]}" locale-gen >/dev/null
fi
