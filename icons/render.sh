#!/bin/sh
# Renders every SVG of icons/src into icons/png/NAME-SIZE.png with rsvg-convert (librsvg2-bin).
# The PNGs are committed; run this after editing an SVG and commit both.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/png"
for svg in "$here"/src/*.svg; do
  name=$(basename "$svg" .svg)
  for size in 16 22 24 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
      --output "$here/png/$name-$size.png" "$svg"
  done
done
echo "Rendered $(ls "$here"/png/*.png | wc -l) icons into $here/png"
