# shellcheck shell=bash
## down              stop everything started from this state dir (reverse order; TERM, then KILL), and
##                   its supervisord

cmd_down() {
  (( $# == 1 )) || usage_error "down: takes no arguments"
  supervisor_running || { say "nothing to stop (no supervisord for $STATE_DIR)"; return 0; }
  stop_all
  say "down"
}
