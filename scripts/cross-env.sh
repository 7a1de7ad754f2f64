# Sourced by the cross-compiling scripts (check-targets.sh, test-arm.sh,
# build-targets.sh): provisions Debian's rustc-web once
# (provision-cross.sh), puts it in the environment and gives its builds a
# target folder of their own, so they never invalidate the host builds.
# Leaves the shell in the repository root, with $root set.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=/dev/null
source "$(bash scripts/provision-cross.sh)"
export CARGO_TARGET_DIR=$root/target/cross
