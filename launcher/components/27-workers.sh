# shellcheck shell=bash
# dns-worker-<location>: reads its location's consumer group of dns:tasks, resolves every record type
# concurrently, publishes the result. $GEODIG_WORKERS_PER_LOCATION instances per location share the
# location's group, so when one dies another claims its tasks: instance 1 is dns-worker-<location>, the
# others dns-worker-<location>-<n>; all report as the service dns-worker-<location>. Each asks the demo
# resolver (dns-resolver) as a client in its location's network would: with the location's client subnet
# as EDNS Client Subnet (unless its ecs is off), so the demo zone answers it as that location. Real
# resolvers may be opted in instead (GEODIG_RESOLVERS_<LOCATION> or GEODIG_RESOLVERS); the subnet is then
# sent to them. Workers send their telemetry straight to the central collector.

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
        GEODIG_WORKER_CLIENT_SUBNET="$(location_client_subnet "$loc")" GEODIG_WORKER_ECS="$(location_ecs "$loc")" \
        GEODIG_FAULTS_FLAG_FILE="$(faults::flag_file)"
    done
  done
}

# Workers are not web apps: ready when Spring Boot reports the application started.
workers::ready() { log_has "$1" "Started .* in .* seconds"; }
workers::ready_timeout() { java_ready_timeout; }

workers::listening() {
  local loc
  for loc in "${LOCATIONS[@]}"; do
    printf '  worker %-22s resolvers %s, client subnet %s%s\n' "$loc" "$(workers::resolvers "$loc")" \
      "$(location_client_subnet "$loc")" "$([[ $(location_ecs "$loc") == on ]] || echo ' (not sent: ecs=off)')"
  done
}

workers::resolvers() {  # opt-in real resolvers: GEODIG_RESOLVERS_<LOCATION> or GEODIG_RESOLVERS; else the demo resolver
  local var
  var="GEODIG_RESOLVERS_$(location_variable "$1")"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"
  elif [[ -n "${GEODIG_RESOLVERS:-}" ]]; then echo "$GEODIG_RESOLVERS"
  else echo "127.0.0.1:$(port dns-resolver)"; fi
}
