# shellcheck shell=bash
# dns-worker-<location>: reads its location's consumer group of dns:tasks, resolves every record type
# concurrently, publishes the result. $GEODIG_WORKERS_PER_LOCATION instances per location share the
# location's group, so when one dies another claims its tasks: instance 1 is dns-worker-<location>, the
# others dns-worker-<location>-<n>; all report as the service dns-worker-<location>. Each resolves
# against its location's NSD, unless real resolvers are opted in (GEODIG_RESOLVERS_<LOCATION> or
# GEODIG_RESOLVERS). Workers send their telemetry straight to the central collector.

WORKERS_PER_LOCATION=${GEODIG_WORKERS_PER_LOCATION:-1}
if ! [[ "$WORKERS_PER_LOCATION" =~ ^[1-9]$ ]]; then
  echo "geodig: GEODIG_WORKERS_PER_LOCATION must be a number from 1 to 9, got '$WORKERS_PER_LOCATION'" >&2; exit 2
fi

workers::module() { echo worker; }

workers::programs() {  # workers::programs [LOCATION]: every worker instance, or those of one location
  local loc i
  for loc in "${@:-${LOCATIONS[@]}}"; do
    echo "dns-worker-$loc"
    for (( i = 2; i <= WORKERS_PER_LOCATION; i++ )); do echo "dns-worker-$loc-$i"; done
  done
}

workers::define() {
  local loc name auth
  # The central collector refuses senders without credentials.
  auth="Authorization=Basic%20$(printf '%s:%s' "$(collector-central::user)" "$(collector-central::password)" | base64 -w0)"
  for loc in "${LOCATIONS[@]}"; do
    for name in $(workers::programs "$loc"); do
      define_java "$name" worker "dns-worker-$loc" "$(collector-central::otlp_http_url)" \
        OTEL_EXPORTER_OTLP_HEADERS="$auth" \
        GEODIG_WORKER_LOCATION="$loc" GEODIG_WORKER_RESOLVERS="$(workers::resolvers "$loc")" \
        GEODIG_FAULTS_FLAG_FILE="$(faults::flag_file)"
    done
  done
}

# Workers are not web apps: ready when Spring Boot reports the application started.
workers::ready() { log_has "$1" "Started .* in .* seconds"; }
workers::ready_timeout() { java_ready_timeout; }

workers::listening() {
  local loc
  for loc in "${LOCATIONS[@]}"; do printf '  worker %-22s resolvers %s\n' "$loc" "$(workers::resolvers "$loc")"; done
}

workers::resolvers() {  # opt-in real resolvers: GEODIG_RESOLVERS_<LOCATION> or GEODIG_RESOLVERS; else our NSD
  local var
  var="GEODIG_RESOLVERS_$(location_variable "$1")"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"
  elif [[ -n "${GEODIG_RESOLVERS:-}" ]]; then echo "$GEODIG_RESOLVERS"
  else echo "127.0.0.1:$(dns_port "$1")"; fi
}
