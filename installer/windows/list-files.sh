#!/usr/bin/env bash
# Prints the WiX fragments naming every file of a staged program folder, for pupitre.wxs:
#   list-files.sh STAGE files [SOURCE]  the <Directory>/<Component>/<File> tree, put inside
#                                       INSTALLFOLDER; the files' Source paths are
#                                       SOURCE/path (default STAGE): wixl wants them relative
#                                       to the folder it runs in
#   list-files.sh STAGE refs            the <ComponentRef> of each, put inside the feature
# One component per file, its key path that file. Ids and GUIDs are derived from the file's
# path in the folder, so the same file keeps its component GUID from version to version
# (Windows Installer's component rules; a major upgrade replaces the product anyway).
set -euo pipefail
stage=$1
mode=$2
source=${3:-$stage}
id_of() { printf '%s' "$1" | md5sum | cut -c1-24; }
guid_of() {
  local h
  h=$(printf 'pupitre-file:%s' "$1" | md5sum | tr a-f A-F)
  # An RFC 4122 name-based layout: version 3, variant bits 10.
  printf '%s-%s-3%s-%X%s-%s' "${h:0:8}" "${h:8:4}" "${h:13:3}" \
    $(((0x${h:16:1} & 3) | 8)) "${h:17:3}" "${h:20:12}"
}
xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }

walk() { # folder relative to the stage ("" for the top), indentation
  local rel=$1 pad=$2 dir=$stage${1:+/$1} entry name path
  for entry in "$dir"/*; do
    [ -e "$entry" ] || continue
    name=$(basename "$entry")
    path=${rel:+$rel/}$name
    if [ -d "$entry" ]; then
      echo "$pad<Directory Id=\"d_$(id_of "$path")\" Name=\"$(xml "$name")\">"
      walk "$path" "$pad  "
      echo "$pad</Directory>"
    else
      echo "$pad<Component Id=\"c_$(id_of "$path")\" Guid=\"$(guid_of "$path")\" Win64=\"yes\">"
      echo "$pad  <File Id=\"f_$(id_of "$path")\" Name=\"$(xml "$name")\"" \
        "Source=\"$(xml "$source/$path")\" KeyPath=\"yes\"/>"
      echo "$pad</Component>"
    fi
  done
}

echo '<?xml version="1.0" encoding="utf-8"?>'
echo '<Include>'
case $mode in
files) walk "" "  " ;;
refs)
  (cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) | while read -r path; do
    echo "  <ComponentRef Id=\"c_$(id_of "$path")\"/>"
  done
  ;;
*)
  echo "list-files.sh: the mode is 'files' or 'refs', not '$mode'" >&2
  exit 2
  ;;
esac
echo '</Include>'
