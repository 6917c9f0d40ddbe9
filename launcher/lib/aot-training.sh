# shellcheck shell=bash
# The training run behind the AOT caches (aot.sh says what they are): a topology of its own started with every
# service recording, the work users give it, then stopped; each module's cache is created from what its
# first process recorded. The terminal client records one lookup against the same topology.

AOT_TRAINING_OFFSET=${GEODIG_AOT_TRAINING_PORT_OFFSET:-16000}
AOT_TRAINING_LOOKUPS=${GEODIG_AOT_TRAINING_LOOKUPS:-300}

# train_aot_caches: every stale cache made again, from one training run; nothing when all are fresh. Fails
# (after saying why) when the run could not start or a cache could not be made; the caches left are not used.
train_aot_caches() {
  local module stale=() started modules=()
  for module in $(service_modules); do aot_wanted "$module" && modules+=("$module"); done
  # The client's cache only when its jar is built (./geodig lookup builds it on first use).
  [[ -f $ROOT/cli/target/cli.jar ]] && aot_wanted cli && modules+=(cli)
  (( ${#modules[@]} )) || { say "no AOT cache wanted (GEODIG_AOT_CACHE=${GEODIG_AOT_CACHE:-client}, JDK $(jdk_major "$JAVA_HOME"))"; return 0; }
  for module in "${modules[@]}"; do
    extract_jar "$module"
    aot_fresh "$module" || stale+=("$module")
  done
  (( ${#stale[@]} )) || { say "AOT caches fresh"; return 0; }
  started=$(now)
  say "training the AOT caches of ${stale[*]}: a topology of its own on port offset $AOT_TRAINING_OFFSET, $AOT_TRAINING_LOOKUPS lookups"
  local log="$LOG_DIR/aot-training.log"
  rm -rf "$STATE_DIR/training/aot"; mkdir -p "$STATE_DIR/training/aot"
  training_geodig down >"$log" 2>&1 || true
  if ! training_geodig up --no-build >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    warn "the AOT training topology did not start (log: $log)"
    return 1
  fi
  training_load "$(training_gateway_url)" >>"$log" 2>&1
  training_geodig down >>"$log" 2>&1
  local pids=()
  for module in "${stale[@]}"; do create_aot_cache "$module" & pids+=("$!"); done
  local failed=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  (( failed == 0 )) || { warn "an AOT cache could not be created (logs: $LOG_DIR/aot-create-*.log)"; return 1; }
  say "AOT caches trained in $(( $(now) - started ))s: ${stale[*]}"
}

# Every ./geodig command of the training run: its own state dir and ports, the services recording.
training_geodig() {
  GEODIG_STATE_DIR="$STATE_DIR/training" GEODIG_PORT_OFFSET=$AOT_TRAINING_OFFSET GEODIG_AOT_MODE=record \
    GEODIG_GATEWAY_RATE_LIMIT_ENABLED=false GEODIG_TOPOLOGY="$TOPOLOGY_FILE" "$ROOT/geodig" "$@"
}

training_gateway_url() { sed -n 's/^GEODIG_GATEWAY_URL=//p' "$STATE_DIR/training/endpoints.env"; }

# training_configurations MODULE: what the module's processes recorded, the first one's first (the client's
# for cli). Every worker ran the same jar: if one's file is cut short (a JVM killed while writing it, on a
# machine too busy to let it finish), another's does.
training_configurations() {
  case "$1" in
    cli) echo "$STATE_DIR/training/aot/cli.aotconf" ;;
    *) module_programs "$1" | sed "s|^\(.*\)\$|$STATE_DIR/training/aot/\1.aotconf|" ;;
  esac
}

# training_load URL: what users do, bounded: lookups of every shape from 8 clients at once, the page and its
# reads, a rejected request; then one lookup by the terminal client, recording.
training_load() {
  local url=$1 body i
  local -a bodies=(
    '{"domain":"www.geodig.test","record_types":["A","AAAA","MX","TXT","NS"]}'
    '{"domain":"geodig.test","record_types":["A","AAAA","CNAME","MX","NS","TXT","SOA","CAA","SRV","PTR"]}'
    '{"domain":"www.geodig.test","locations":["us-east-1"],"record_types":["A"]}'
    '{"domain":"missing.geodig.test","record_types":["A","AAAA"]}'
    '{"domain":"not a name!","record_types":["A"]}'
  )
  for (( i = 0; i < AOT_TRAINING_LOOKUPS; i++ )); do
    body=${bodies[i % ${#bodies[@]}]}
    printf '%s\n' "$body"
  done | xargs -d '\n' -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' -m 10 -X POST "$url/api/v1/dns/lookup" \
    -H "traceparent: $(unsampled_traceparent)" -H 'Content-Type: application/json' -d {} \
    | sort | uniq -c | sed 's/^/training lookups answered, by HTTP status: /' || true
  for i in / /api/v1/locations /api/v1/record-types /api/v1/faults /api/v1/metrics/locations; do
    curl -s -o /dev/null -m 10 "$url$i" || true
  done
  local -a opts
  mapfile -t opts < <(module_java_options cli)
  "$JAVA_HOME/bin/java" "${opts[@]}" -XX:AOTMode=record "${AOT_RECORD_CLASSES_ONLY[@]}" \
    "-XX:AOTConfiguration=$STATE_DIR/training/aot/cli.aotconf" -jar "$(aot_jar cli)" \
    --gateway "$url" lookup www.geodig.test >/dev/null || true
}

# create_aot_cache MODULE: -XX:AOTMode=create, with the options the module runs with, from the first of its
# configurations the JVM accepts.
create_aot_cache() {
  local module=$1 log="$LOG_DIR/aot-create-$1.log" dir conf
  local -a opts
  dir=$(aot_dir "$module")
  mapfile -t opts < <(module_java_options "$module")
  rm -f "$dir/fingerprint" "$dir/$module.aot"
  : > "$log"
  for conf in $(training_configurations "$module"); do
    [[ -s $conf ]] || { echo "no training configuration $conf" >>"$log"; continue; }
    echo "from $conf" >>"$log"
    if "$JAVA_HOME/bin/java" "${opts[@]}" -XX:+DisableAttachMechanism -XX:AOTMode=create \
      "-XX:AOTConfiguration=$conf" "-XX:AOTCache=$dir/$module.aot" -cp "$(aot_jar "$module")" >>"$log" 2>&1; then
      aot_fingerprint "$module" > "$dir/fingerprint"
      return 0
    fi
  done
  return 1
}
