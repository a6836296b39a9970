#!/usr/bin/env bash
# Builds and runs bench/native/coreSharing.c: how often this machine's two
# vCPUs behave as one physical core's two hardware threads (see
# docs/performance.md, "Threads"). Argument: trials (default 300, ~20 s).
set -euo pipefail
here="$(dirname "$0")"
out="$(mktemp -d)/coreSharing"
gcc -O2 -Wall -pthread -o "$out" "$here/coreSharing.c"
"$out" "$@"
