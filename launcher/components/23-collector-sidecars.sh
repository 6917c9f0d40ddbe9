# shellcheck shell=bash
# The sidecar collectors of the gateway and the orchestrator: each receives its service's OTLP, marks
# every item with the path it took, and forwards it to the central collector with the credentials.
# Configured by deploy/otel/collector-gateway.yaml and collector-orchestrator.yaml.

collector-sidecars::install() { jaeger::install; }  # the Jaeger binary plays every collector
collector-sidecars::ports() {
  echo port.collector-gateway.otlp-grpc port.collector-gateway.otlp-http
  echo port.collector-orchestrator.otlp-grpc port.collector-orchestrator.otlp-http
}
collector-sidecars::programs() { printf '%s\n' collector-gateway collector-orchestrator; }

collector-sidecars::define() {
  local name
  for name in collector-gateway collector-orchestrator; do
    define_program "$name" "$STATE_DIR" \
      GEODIG_COLLECTOR_USER="$(collector-central::user)" GEODIG_COLLECTOR_PASSWORD="$(collector-central::password)" \
      GEODIG_OTLP_GRPC_ENDPOINT="127.0.0.1:$(port "$name.otlp-grpc")" \
      GEODIG_OTLP_HTTP_ENDPOINT="127.0.0.1:$(port "$name.otlp-http")" \
      GEODIG_CENTRAL_OTLP_HTTP_URL="$(collector-central::otlp_http_url)" \
      -- "$(go_tool_path jaeger)" --config "file:$ROOT/deploy/otel/$name.yaml"
  done
}

# collector-sidecars::otlp_http_url SERVICE: where the service (gateway, orchestrator) sends its telemetry
collector-sidecars::otlp_http_url() { echo "http://127.0.0.1:$(port "collector-$1.otlp-http")"; }
collector-sidecars::ready() { http_answers "$(collector-sidecars::otlp_http_url "${1#collector-}")/v1/traces"; }

collector-sidecars::listening() {
  echo "  gateway sidecar collector     OTLP grpc :$(port collector-gateway.otlp-grpc)  http :$(port collector-gateway.otlp-http)"
  echo "  orchestrator sidecar coll.    OTLP grpc :$(port collector-orchestrator.otlp-grpc)  http :$(port collector-orchestrator.otlp-http)"
}

collector-sidecars::endpoints() {
  echo "GEODIG_GATEWAY_SIDECAR_OTLP_HTTP_URL=$(collector-sidecars::otlp_http_url gateway)"
  echo "GEODIG_ORCHESTRATOR_SIDECAR_OTLP_HTTP_URL=$(collector-sidecars::otlp_http_url orchestrator)"
}
