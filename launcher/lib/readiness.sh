# shellcheck shell=bash
# Waiting for a program to be ready, and the probes components use for it (no dig needed).

# wait_until NAME SECONDS CHECK...: polls CHECK every 0.5 s while the program runs, bounded in time. A
# program supervisord is still starting again (BACKOFF) is waited for; one it gave up on fails `up`.
wait_until() {
  local name=$1 timeout=$2; shift 2
  local deadline=$(( $(now) + timeout )) pid="" state
  while (( $(now) < deadline )); do
    # Asking supervisord costs a process start: only while the process we know of is gone.
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then
      state=$(program_state "$name")
      case "$state" in
        RUNNING) pid=$(program_pid "$name") || pid="" ;;
        FATAL|EXITED|STOPPED|UNKNOWN) fail_startup "$name" "supervisord gave up on it ($state)" ;;
        *) pid="" ;;  # STARTING, BACKOFF: supervisord is at it
      esac
    fi
    [[ -n $pid ]] && "$@" 2>/dev/null && return 0
    sleep 0.5
  done
  fail_startup "$name" "not ready after ${timeout}s"
}

fail_startup() {  # fail_startup NAME REASON: its logs' last lines, then everything stopped
  warn "$1 did not come up: $2"
  local log
  for log in "$(log_file "$1")" "$(console_file "$1")"; do
    [[ -s $log ]] || continue
    warn "---- last lines of $log ----"
    tail -n 40 "$log" >&2 || true
  done
  warn "---- stopping what was started ----"
  stop_all >&2
  exit 1
}

http_answers() { [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1")" != 000 ]]; }
http_ok()      { curl -sf -o /dev/null -m 2 -H "traceparent: $(unsampled_traceparent)" "$1"; }
log_has()      { grep -q -- "$2" "$(log_file "$1")"; }

# A W3C traceparent whose sampled flag is off. Requests the launcher itself makes (readiness probes,
# the warm-up) carry one, so the parent-based sampler records none of their spans, in any service:
# Jaeger holds the traces of the user's requests only.
unsampled_traceparent() {
  printf '00-%s-%s-00' "$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')" "$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
}
