#!/usr/bin/env bash
# Writes a Windows icon (.ico) holding the given PNG images as they are (Windows Vista and
# later read PNG entries; 256 px must be one). Usage: make-ico.sh OUT.ico SIZE.png...
# Each PNG must be square; its size is read from its header.
set -euo pipefail
out=$1
shift
count=$#
le16() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $((($1 >> 8) & 255)))"; }
le32() { le16 $(($1 & 65535)); le16 $((($1 >> 16) & 65535)); }
{
  le16 0; le16 1; le16 "$count" # reserved, type 1 (icon), number of images
  offset=$((6 + 16 * count))
  for png in "$@"; do
    width=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
    size=$(stat -c %s "$png")
    byte=$((width >= 256 ? 0 : width)) # 0 means 256
    le16 $((byte | byte << 8))            # width, height
    le16 0                                # colours in palette, reserved
    le16 1; le16 32                       # colour planes, bits per pixel
    le32 "$size"; le32 "$offset"
    offset=$((offset + size))
  done
  cat "$@"
} >"$out"
