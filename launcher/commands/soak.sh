# shellcheck shell=bash
## soak [--minutes=5] [--connections=16]
##                   steady load (wrk) on the running topology; samples every process's RSS, Redis
##                   memory, pending tasks and the orchestrator's lookups in flight each 15 s; checks the latest lookup's trace reached Jaeger;
##                   times the page's reads (trace search, service map, metrics) halfway and after the load;
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
  SOAK_SAMPLES="$STATE_DIR/soak-samples.txt"; SOAK_WRK="$STATE_DIR/soak-wrk.txt"; SOAK_READS="$STATE_DIR/soak-reads.txt"
  : > "$SOAK_READS"
  say "soak: ${minutes} min of lookups from $connections connections (wrk), every process sampled each 15 s"
  soak_load "$minutes" "$connections"
  soak_reads "after the load" >> "$SOAK_READS"
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
  local body="$STATE_DIR/soak-body.lua" started wrk_pid halfway=$(( $1 * 30 ))
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
    if (( halfway > 0 && $(now) - started >= halfway )); then
      soak_reads "halfway, under load" >> "$SOAK_READS"
      halfway=0
    fi
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

# What the page reads while an operator explores (docs/observability.md), each 5 times in a row, untraced:
# one line per read, the median and the slowest time and the HTTP statuses.
SOAK_READ_PATHS=("/api/v1/traces?lookback=15m&limit=20" "/api/v1/traces?lookback=15m&limit=20&lookup_status=partial"
  "/api/v1/service-map?lookback=15m" "/api/v1/metrics/services?range=15m" "/api/v1/metrics/locations?range=15m")
soak_reads() {  # soak_reads WHEN
  local path times codes _ out
  for path in "${SOAK_READ_PATHS[@]}"; do
    times=(); codes=()
    for _ in 1 2 3 4 5; do
      out=$(curl -s -o /dev/null -m 15 -w '%{http_code} %{time_total}' -H "traceparent: $(unsampled_traceparent)" \
        "$(gateway::url)$path" || echo "000 15")
      codes+=("${out%% *}"); times+=("${out#* }")
    done
    # shellcheck disable=SC2016  # the backquotes are Markdown's, around the path
    printf '| %s | `%s` | %s | %s | %s |\n' "$1" "$path" \
      "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{ printf "%.0f", $1 * 1000 }')" \
      "$(printf '%s\n' "${times[@]}" | sort -n | tail -n1 | awk '{ printf "%.0f", $1 * 1000 }')" \
      "$(printf '%s\n' "${codes[@]}" | sort -u | tr '\n' ' ')"
  done
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
  echo "The page's reads through the gateway, 5 of each in a row (milliseconds):"
  echo
  echo "| when | read | median | slowest | HTTP |"
  echo "|---|---|---|---|---|"
  cat "$SOAK_READS"
  echo
  echo "Prometheus's data on disk after the load: $(du -sh "$STATE_DIR/prometheus/data" 2>/dev/null | cut -f1)"
  echo
  echo "Latest lookup's trace ($SOAK_TRACE_ID) in Jaeger with all five services: $3"
}
