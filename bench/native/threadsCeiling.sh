#!/usr/bin/env bash
# Builds and runs bench/native/threadsCeiling.c: the book's Adam and RMSProp in
# native SIMD code on one thread and on two, to show what a second core allows
# on this machine (see docs/performance.md, "Threads").
set -euo pipefail
here="$(dirname "$0")"
out="$(mktemp -d)/threadsCeiling"
gcc -O2 -fno-fast-math -ffp-contract=off -pthread -o "$out" "$here/threadsCeiling.c" -lm
"$out"
