# shellcheck shell=bash
# The launcher's own settings, read once at start: where its state lives and how far every port is
# shifted. A component's settings are read in its own file.

read_settings() {
  STATE_DIR="${GEODIG_STATE_DIR:-$ROOT/.run}"
  case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
  # shellcheck disable=SC2034  # read by the other launcher files, which this one does not see
  LOG_DIR="$STATE_DIR/logs"
  # The offset `up` used is kept in the state dir, so `status` and `up` (already up) in a shell without
  # GEODIG_PORT_OFFSET still print the right ports.
  OFFSET_FILE="$STATE_DIR/port-offset"
  if [[ -n "${GEODIG_PORT_OFFSET:-}" ]]; then OFFSET=$GEODIG_PORT_OFFSET
  elif [[ -s $OFFSET_FILE ]]; then OFFSET=$(<"$OFFSET_FILE")
  else OFFSET=0; fi
  if ! [[ "$OFFSET" =~ ^[0-9]+$ ]] || (( OFFSET > 40000 )); then
    echo "geodig: GEODIG_PORT_OFFSET must be a number from 0 to 40000, got '$OFFSET'" >&2; exit 2
  fi
  # A topology file `up` used stays in the state dir until `down`, so `status`, `down` and the rest act
  # on what runs even when the file changed since, or GEODIG_TOPOLOGY is not set in this shell.
  RUNNING_TOPOLOGY="$STATE_DIR/topology.env"
  if [[ -n ${GEODIG_TOPOLOGY:-} ]]; then TOPOLOGY_FILE=$GEODIG_TOPOLOGY
  elif [[ -s $RUNNING_TOPOLOGY ]]; then TOPOLOGY_FILE=$RUNNING_TOPOLOGY
  else TOPOLOGY_FILE=$ROOT/deploy/topology.env; fi
  case "$TOPOLOGY_FILE" in /*) ;; *) TOPOLOGY_FILE="$PWD/$TOPOLOGY_FILE" ;; esac
}

# A secret generated once per state dir and kept owner-only in $STATE_DIR/<path>, so tests and tools
# can read it and nothing secret is committed.
generated_secret() {  # generated_secret PATH
  local file="$STATE_DIR/$1"
  if [[ ! -s $file ]]; then
    (umask 077; mkdir -p "$(dirname "$file")"; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$file")
  fi
  cat "$file"
}
