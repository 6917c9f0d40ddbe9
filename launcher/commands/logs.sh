# shellcheck shell=bash
## logs [name] [-f]  list the logs, or show the last $GEODIG_LOG_LINES (100) lines of one (-f: follow)

cmd_logs() {
  local lines=${GEODIG_LOG_LINES:-100} follow=0 name="" arg
  shift
  for arg in "$@"; do
    case "$arg" in
      -f|--follow) follow=1 ;;
      -*) usage_error "logs: unknown option '$arg'" ;;
      *) [[ -z $name ]] || usage_error "logs: one name at a time (got '$name' and '$arg')"; name=$arg ;;
    esac
  done
  local f names=() matches=()
  for f in "$LOG_DIR"/*.log; do [[ -f $f ]] && names+=("$(basename "$f" .log)"); done
  if [[ -z $name ]]; then
    echo "logs in $LOG_DIR (./geodig logs <name> [-f]):"
    (( ${#names[@]} )) && printf '  %s\n' "${names[@]}"
    return 0
  fi
  for f in "${names[@]}"; do
    # exact, else the service of that name (`logs gateway` = dns-gateway), else a unique part
    if [[ $f == "$name" || $f == "dns-$name" ]]; then matches=("$f"); break; fi
    [[ $f == *"$name"* ]] && matches+=("$f")
  done
  (( ${#matches[@]} == 1 )) || die "no single log matches '$name' in $LOG_DIR (have: ${names[*]:-none})"
  local file; file=$(log_file "${matches[0]}")
  if (( follow )); then exec tail -n "$lines" -F "$file"; else tail -n "$lines" "$file"; fi
}
