# shellcheck shell=bash
## soak [--minutes=5] [--connections=16]
##                   steady load (wrk) on the running topology; samples every process's RSS, Redis
##                   memory, pending tasks and the orchestrator's lookups in flight each 15 s; checks the latest lookup's trace reached Jaeger;
##                   writes $GEODIG_STATE_DIR/soak.md (not part of ./geodig test). All load comes from
##                   127.0.0.1: start with GEODIG_GATEWAY_RATE_LIMIT_ENABLED=false to soak past the rate limit

cmd_soak() {
  local minutes=5 connections=16 arg
  shift
  for arg in "$@"; do
    case "$arg" in
      --minutes=*) minutes=${arg#*=} ;;
      --connections=*) connections=${arg#*=} ;;
      *) usage_error "soak: unknown option '$arg' (--minutes=N --connections=N)" ;;
    esac
  done
  [[ "$minutes" =~ ^[1-9][0-9]?$ && "$connections" =~ ^[1-9][0-9]?$ ]] \
    || usage_error "soak: --minutes and --connections take 1 to 99"
  supervisor_running || die "soak needs the topology running: ./geodig up first"
  ensure_packages wrk:wrk
  SOAK_SAMPLES="$STATE_DIR/soak-samples.txt"; SOAK_WRK="$STATE_DIR/soak-wrk.txt"
  say "soak: ${minutes} min of lookups from $connections connections (wrk), every process sampled each 15 s"
  soak_load "$minutes" "$connections"
  local trace_found=no
  soak_trace_in_jaeger && trace_found=yes
  soak_report "$minutes" "$connections" "$trace_found" > "$STATE_DIR/soak.md"
  cat "$STATE_DIR/soak.md"
  say "soak report: $STATE_DIR/soak.md"
  if grep -q 'Non-2xx' "$SOAK_WRK"; then
    warn "some lookups were turned away (429: the gateway's per-client rate limit, 503: its in-flight limit);"
    warn "for a soak from one address start with GEODIG_GATEWAY_RATE_LIMIT_ENABLED=false ./geodig up"
  fi
  [[ $trace_found == yes ]] || die "the latest lookup's trace is not in Jaeger after the soak"
}

soak_load() {  # soak_load MINUTES CONNECTIONS: wrk, bounded by its duration (and each request by its timeout)
  local body="$STATE_DIR/soak-body.lua" started wrk_pid
  cat > "$body" <<LUA
wrk.method = "POST"
wrk.body   = '{"domain":"www.geodig.test","locations":$(locations_json),"record_types":["A","AAAA","MX","TXT","NS"]}'
wrk.headers["Content-Type"] = "application/json"
LUA
  started=$(now)
  wrk -t2 -c"$2" -d"$1m" --timeout 15s -s "$body" "$(gateway::url)/api/v1/dns/lookup" > "$SOAK_WRK" 2>&1 &
  wrk_pid=$!
  echo "seconds $(all_names | tr '\n' ' ')redis_used_mb pending_tasks lookups_waiting" > "$SOAK_SAMPLES"
  soak_sample 0 >> "$SOAK_SAMPLES"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 15
    soak_sample $(( $(now) - started )) >> "$SOAK_SAMPLES"
  done
  wait "$wrk_pid" || true
  sleep 5
  soak_sample $(( $(now) - started )) >> "$SOAK_SAMPLES"
}

soak_sample() {  # one line: seconds since start, every process's RSS (MB), Redis memory, pending tasks, lookups waiting
  local line=$1 name pid pending=0 loc redis_mb waiting
  for name in $(all_names); do
    if pid=$(program_pid "$name"); then line+=" $(( $(group_rss_kb "$pid") / 1024 ))"; else line+=" -"; fi
  done
  redis_mb=$(redis::admin info memory 2>/dev/null | tr -d '\r' | sed -n 's/^used_memory:\([0-9]*\)$/\1/p')
  for loc in "${LOCATIONS[@]}"; do
    pending=$(( pending + $(redis::admin xpending dns:tasks "workers-$loc" 2>/dev/null | head -n1 | tr -dc '0-9' || echo 0) ))
  done
  # The orchestrator's lookups being gathered (its in-flight map): follows the load, must not accumulate.
  waiting=$(curl -s -m 2 "$(orchestrator::url)/internal/v1/lookups/waiting" | tr -dc '0-9')
  echo "$line $(( ${redis_mb:-0} / 1024 / 1024 )) $pending ${waiting:--}"
}

group_rss_kb() {  # resident memory of a process's whole process group, in KB
  local pgid
  pgid=$(ps -o pgid= -p "$1" 2>/dev/null | tr -d ' ')
  [[ -n $pgid ]] || { echo 0; return; }
  ps -eo pgid=,rss= | awk -v g="$pgid" '$1 == g { kb += $2 } END { print kb + 0 }'
}

soak_trace_in_jaeger() {  # the latest lookup's trace must be in Jaeger, all five services, after any load
  local trace_id _
  trace_id=$(curl -s -m 15 -X POST "$(gateway::url)/api/v1/dns/lookup" -H 'Content-Type: application/json' \
    -d '{"domain":"www.geodig.test"}' | sed -n 's/.*"trace_id":"\([0-9a-f]\{32\}\)".*/\1/p')
  SOAK_TRACE_ID=${trace_id:-none}
  [[ ${#trace_id} == 32 ]] || return 1
  for _ in $(seq 30); do
    if [[ "$(curl -s -m 5 "$(jaeger::query_url)/api/traces/$trace_id" | grep -o '"serviceName":"dns-[a-z0-9-]*"' | sort -u | wc -l)" -ge 5 ]]; then
      return 0
    fi
    sleep 1
  done
  return 1
}

soak_report() {  # soak_report MINUTES CONNECTIONS FOUND: the report, in Markdown
  echo "# soak: $1 min, $2 connections ($(date -Is))"
  echo
  echo '```'
  grep -E 'Requests/sec|requests in|Latency|Non-2xx|Socket errors' "$SOAK_WRK"
  echo '```'
  echo
  echo "RSS in MB per process (whole process group), Redis used memory, pending tasks of all groups, lookups the orchestrator is gathering:"
  echo
  awk 'NR == 1 { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n|"; for (i = 1; i <= NF; i++) printf "---|"; printf "\n"; next }
       { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n" }' "$SOAK_SAMPLES"
  echo
  echo "Latest lookup's trace ($SOAK_TRACE_ID) in Jaeger with all five services: $3"
}
