#!/usr/bin/env bash
# Builds and runs bench/native/adamCeiling.c: the seed's Adam in native code,
# scalar against f64x2 and f64x4, to show what the divider allows (see README,
# "Why Adam stops near 2.5×").
set -euo pipefail
here="$(dirname "$0")"
out="$(mktemp -d)/adamCeiling"
gcc -O2 -fno-fast-math -ffp-contract=off -o "$out" "$here/adamCeiling.c" -lm
"$out"
