#!/usr/bin/env bash
# A reproducible zip: the same files give the same bytes, so a checksum
# (SwiftPM's, Maven's) names the content. Timestamps fixed at 2000-01-01,
# entries sorted, no directory entries, no extra attributes.
#
#   scripts/repro-zip.sh BASE_DIR OUT.zip [PATH...]
#
# Zips the files under each PATH (relative to BASE_DIR; default: all of
# BASE_DIR), named relative to BASE_DIR. OUT.zip must be an absolute path;
# it is replaced.
set -euo pipefail
base=$1
out=$2
shift 2
[ $# -gt 0 ] || set -- .
rm -f "$out"
cd "$base"
find "$@" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
find "$@" -type f | sed 's|^\./||' | LC_ALL=C sort | zip -X -q -D "$out" -@
