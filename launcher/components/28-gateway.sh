# shellcheck shell=bash
# dns-gateway: the public API, the page, the trace view it reads from Jaeger and the metrics it reads from
# Prometheus (fixed queries only). Calls the
# orchestrator; sends its telemetry through its sidecar collector. `up` returns once it is ready.

gateway::module() { echo gateway; }
gateway::ports() { echo port.gateway; }
gateway::programs() { echo dns-gateway; }
gateway::url() { echo "http://127.0.0.1:$(port gateway)"; }

gateway::define() {
  local -a faults
  mapfile -t faults < <(faults::gateway_environment)
  define_java dns-gateway gateway dns-gateway "$(collector-sidecars::otlp_http_url gateway)" \
    "${faults[@]}" \
    SERVER_PORT="$(port gateway)" GEODIG_GATEWAY_ORCHESTRATOR_URL="$(orchestrator::url)" \
    GEODIG_GATEWAY_JAEGER_QUERY_URL="$(jaeger::query_url)" \
    GEODIG_GATEWAY_PROMETHEUS_URL="$(prometheus::url)" \
    GEODIG_GATEWAY_JAEGER_MAX_TRACES="${GEODIG_JAEGER_MAX_TRACES:-2000}" \
    SPRING_APPLICATION_JSON="$(gateway::location_details_json)"
}

gateway::ready() { http_ok "$(gateway::url)/actuator/health/readiness"; }
gateway::ready_timeout() { java_ready_timeout; }

# A few untraced lookups, so that class loading and the first JIT compilations happen now rather than
# during the user's first request (which then answers in well under a second). Failures don't matter.
gateway::started() {
  local _
  for _ in 1 2 3; do
    curl -s -o /dev/null -m 10 -X POST "$(gateway::url)/api/v1/dns/lookup" \
      -H "traceparent: $(unsampled_traceparent)" -H 'Content-Type: application/json' \
      -d '{"domain":"www.geodig.test","record_types":["A","AAAA","MX","TXT","NS"]}' || true
  done
}

gateway::listening() {
  echo "  gateway (dns-gateway)         $(gateway::url)      -> orchestrator, Redis; the page at /"
}

gateway::endpoints() { echo "GEODIG_GATEWAY_URL=$(gateway::url)"; }

gateway::status() {
  local code
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$(gateway::url)/actuator/health/readiness" || true)
  echo "gateway readiness ($(gateway::url)/actuator/health/readiness): HTTP $code"
}

gateway::hints() {
  local port; port=$(port gateway)
  cat <<TEXT
In a terminal (the demo zone answers each location by the client subnet its worker sends):
  ./geodig lookup www.geodig.test                  (answers side by side, agreement marked)
  ./geodig trace <trace_id>                        (the trace as a text waterfall)

With curl, the API:
  curl -s -X POST http://localhost:$port/api/v1/dns/lookup -H 'Content-Type: application/json' -d '{"domain":"www.geodig.test","locations":$(locations_json),"record_types":["A","AAAA"]}'
  curl -s http://localhost:$port/api/v1/traces/<trace_id>         (the trace as the page draws it)

Open the page, look up the demo name and see its answers and its trace:

  http://localhost:$port/

TEXT
}

# What the page shows of each location: its label, client subnet and ecs (on/off) from the topology file and
# the resolver its worker asks. Location names hold dashes, which environment variable names cannot, so they
# reach the gateway as SPRING_APPLICATION_JSON. (Labels and subnets hold no quote or backslash: read_topology
# refuses them.)
gateway::location_details_json() {
  local loc sep="" json='{"geodig":{"gateway":{"location-details":{'
  for loc in "${LOCATIONS[@]}"; do
    json+="$sep\"$loc\":{\"label\":\"$(location_label "$loc")\",\"resolver\":\"$(workers::resolvers "$loc")\""
    json+=",\"client-subnet\":\"$(location_client_subnet "$loc")\",\"ecs\":\"$(location_ecs "$loc")\"}"
    sep=","
  done
  echo "$json}}}}"
}
