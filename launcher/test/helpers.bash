# shellcheck shell=bash
# Shared by the launcher's bats tests: ./geodig run in a state dir of the test's own, on a copy of the
# repository's topology file, with nothing of the caller's environment that would change what it reads.

ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"

setup() {
  bats_require_minimum_version 1.5.0
  export GEODIG_STATE_DIR="$BATS_TEST_TMPDIR/state"
  TOPOLOGY="$BATS_TEST_TMPDIR/topology.env"
  cp "$ROOT/deploy/topology.env" "$TOPOLOGY"
  export GEODIG_TOPOLOGY="$TOPOLOGY"
  unset GEODIG_PORT_OFFSET GEODIG_WORKERS_PER_LOCATION
}

geodig() { "$ROOT/geodig" "$@"; }

# without_line PATTERN: the topology file without the lines matching PATTERN
without_line() { grep -v -- "$1" "$ROOT/deploy/topology.env" > "$TOPOLOGY"; }

# Sources the launcher as ./geodig does, without running a command.
load_launcher() {
  ROOT_UNDER_TEST=${1:-$ROOT}
  ROOT=$ROOT_UNDER_TEST LAUNCHER=$ROOT_UNDER_TEST/launcher
  local lib
  for lib in "$LAUNCHER"/lib/*.sh; do
    # shellcheck source=/dev/null  # the library files, each checked on its own
    source "$lib"
  done
  read_settings
  supervisor_paths
  load_components
  read_topology
}
