# shellcheck shell=bash
## pid NAME          the pid of a running process (e.g. dns-worker-eu-west-1)
## stop|start|restart NAME...
##                   one process of the running topology, through its supervisor (a stopped process
##                   stays stopped until started; one that dies by itself is restarted)

cmd_program() {  # cmd_program pid|stop|start|restart NAME...
  local action=$1; shift
  (( $# )) || usage_error "$action: name a process (./geodig status lists them)"
  require_supervisor
  local name known
  known=" $(all_names | tr '\n' ' ') "
  for name in "$@"; do [[ $known == *" $name "* ]] || die "$action: no process '$name' (./geodig status lists them)"; done
  case "$action" in
    pid) for name in "$@"; do program_pid "$name" || die "$name is not running"; done ;;
    *) ctl "$action" "$@" ;;
  esac
}
