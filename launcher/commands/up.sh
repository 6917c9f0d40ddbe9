# shellcheck shell=bash
## up [--no-build]   install what is missing (Debian packages, a JDK >= 21, Jaeger from tools/go.mod),
##                   build the jars if missing or older than the sources and train the AOT caches
##                   GEODIG_AOT_CACHE asks for if stale (unless --no-build; docs/startup.md), start
##                   every component (Redis, the demo DNS resolver and authoritative server, Jaeger, the
##                   collectors, the five services) on 127.0.0.1 under a supervisord that restarts whatever
##                   dies, wait until each is ready, print the addresses and how to use them.
##                   Returns; the processes keep running. Already up: says so, exits 0.

cmd_up() {
  local build=1 arg
  shift
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=0 ;;
      *) usage_error "up: unknown option '$arg'" ;;
    esac
  done
  if supervisor_running; then
    up_already && return 0
  fi
  local started; started=$(now)
  mkdir -p "$LOG_DIR"
  install_runtime
  if (( build )) && jars_stale; then build_jars; fi
  require_jars
  if (( build )); then train_aot_caches || warn "starting without fresh AOT caches: a slower start (why: above, and $LOG_DIR/aot-training.log)"; fi
  [[ ${GEODIG_AOT_MODE:-} == record ]] || aot_note
  check_ports_free
  echo "$OFFSET" > "$OFFSET_FILE"
  print_topology 0 > "$RUNNING_TOPOLOGY"
  rotate_logs
  write_supervisor_conf
  each_component define
  start_supervisor
  local wave
  for wave in $(waves); do
    say "starting $(wave_components "$wave") (supervised: $SUPERVISOR_CONF)"
    start_wave "$wave"
  done
  each_component endpoints > "$STATE_DIR/endpoints.env"  # machine-readable, for tests and tools
  say "up in $(( $(now) - started ))s (JDK: $JAVA_HOME)"
  print_listening
}

# up_already: true when everything runs as asked (then says so); stops a partial topology and fails.
up_already() {
  local name dead=()
  for name in $(all_names); do program_pid "$name" >/dev/null || dead+=("$name"); done
  if (( ${#dead[@]} )); then
    say "partly up (not running: ${dead[*]}); stopping the rest and starting again"
    stop_all
    return 1
  fi
  if [[ -s $OFFSET_FILE && "$(<"$OFFSET_FILE")" != "$OFFSET" ]]; then
    die "already up with port offset $(<"$OFFSET_FILE") (state: $STATE_DIR), not $OFFSET: ./geodig down first"
  fi
  if [[ -s $RUNNING_TOPOLOGY ]] && ! cmp -s <(grep -v '^#' "$RUNNING_TOPOLOGY") <(print_topology 0 | grep -v '^#'); then
    die "already up with the topology in $RUNNING_TOPOLOGY, not the one in $TOPOLOGY_FILE: ./geodig down first"
  fi
  say "already up (state: $STATE_DIR); ./geodig status shows the processes"
  print_listening
}

wave_components() {  # the components of a wave, as words for a message
  local c names=()
  for c in "${COMPONENTS[@]}"; do [[ ${COMPONENT_WAVE[$c]} == "$1" ]] && names+=("$c"); done
  echo "${names[*]}"
}

check_ports_free() {
  local p busy=()
  for p in $(all_ports); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then busy+=("$p"); fi
  done
  (( ${#busy[@]} == 0 )) || die "port(s) ${busy[*]} on 127.0.0.1 already in use (another geodig with another
  GEODIG_STATE_DIR, or another program). Stop it, or pick other ports with GEODIG_PORT_OFFSET."
}

# A fresh log per `up`, so readiness checks never match a line from an earlier run; the last run's
# logs stay in logs/previous/. (Restarts by supervisord append to the same log: a crash and the
# restart after it read as one story.)
rotate_logs() {
  local log
  mkdir -p "$LOG_DIR/previous"
  for log in "$LOG_DIR"/*.log "$LOG_DIR"/*.out "$LOG_DIR"/*.log.*.gz; do
    [[ -f $log && $log != "$LOG_DIR/test.log" && $log != "$LOG_DIR"/*-build.log ]] && mv -f "$log" "$LOG_DIR/previous/"
  done
  return 0
}

print_listening() {
  echo
  echo "geodig is up (state: $STATE_DIR, port offset $OFFSET). Everything listens on 127.0.0.1:"
  each_component listening
  echo
  each_component hints
  echo "Logs: $LOG_DIR/<name>.log  (./geodig logs <name>).  Stop: ./geodig down"
}
