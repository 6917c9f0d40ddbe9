# shellcheck shell=bash
## status            every process: state, pid, uptime, restarts; then what each component adds (the
##                   gateway's readiness)

cmd_status() {
  (( $# == 1 )) || usage_error "status: takes no arguments"
  if ! supervisor_running; then
    say "not running (no supervisord for $STATE_DIR); ./geodig up starts everything"
    return 0
  fi
  local name line state pid uptime
  printf '%-26s %-9s %-8s %-11s %s\n' NAME STATE PID UPTIME RESTARTS
  for name in $(all_names); do
    # "<name>  RUNNING   pid 123, uptime 0:01:02" or "<name>  BACKOFF   Exited too quickly ..."
    line=$(ctl status "$name" 2>/dev/null || true)
    read -r _ state _ <<< "$line"
    pid=-; uptime=-
    if [[ $line =~ pid\ ([0-9]+),\ uptime\ ([0-9:]+|[0-9]+\ days?,\ [0-9:]+) ]]; then
      pid=${BASH_REMATCH[1]}; uptime=${BASH_REMATCH[2]}
    fi
    printf '%-26s %-9s %-8s %-11s %s\n' "$name" "${state:-UNKNOWN}" "$pid" "$uptime" "$(restarts "$name")"
  done
  # The supervisor itself: its CPU is part of what the topology costs (./geodig bench counts it).
  printf '%-26s %-9s %-8s %-11s %s\n' supervisord RUNNING "$(cat "$SUPERVISOR_PIDFILE" 2>/dev/null || echo -)" - -
  each_component status
  echo "supervisor: $SUPERVISOR_CONF (supervisorctl -c $SUPERVISOR_CONF ...)"
}
