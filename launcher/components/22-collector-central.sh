# shellcheck shell=bash
# The central collector: the only way into Jaeger. The workers send to it directly, the gateway and the
# orchestrator through their sidecars; it refuses every sender without the basic-auth credentials
# (user $GEODIG_COLLECTOR_USER, default geodig; password $GEODIG_COLLECTOR_PASSWORD, else generated
# into $STATE_DIR/collector-password). Derives the span metrics and exposes every metric for Prometheus to
# scrape. Configured by deploy/otel/collector-central.yaml.

collector-central::install() { jaeger::install; }  # the Jaeger binary plays every collector
collector-central::ports() { echo port.collector-central.otlp-grpc port.collector-central.otlp-http port.collector-central.prometheus; }
collector-central::programs() { echo collector-central; }

collector-central::define() {
  define_program collector-central "$STATE_DIR" \
    GEODIG_COLLECTOR_USER="$(collector-central::user)" GEODIG_COLLECTOR_PASSWORD="$(collector-central::password)" \
    GEODIG_OTLP_GRPC_ENDPOINT="127.0.0.1:$(port collector-central.otlp-grpc)" \
    GEODIG_OTLP_HTTP_ENDPOINT="127.0.0.1:$(port collector-central.otlp-http)" \
    GEODIG_JAEGER_OTLP_GRPC_ENDPOINT="127.0.0.1:$(port jaeger.otlp-grpc)" \
    GEODIG_PROMETHEUS_ENDPOINT="127.0.0.1:$(port collector-central.prometheus)" \
    -- "$(go_tool_path jaeger)" --config "file:$ROOT/deploy/otel/collector-central.yaml"
}

collector-central::otlp_http_url() { echo "http://127.0.0.1:$(port collector-central.otlp-http)"; }
collector-central::ready() { http_answers "$(collector-central::otlp_http_url)/v1/traces"; }

collector-central::listening() {
  echo "  central collector (auth)      OTLP grpc :$(port collector-central.otlp-grpc)  http :$(port collector-central.otlp-http)   (user $(collector-central::user), password: $(collector-central::password_source)); metrics for Prometheus :$(port collector-central.prometheus)/metrics"
}

collector-central::endpoints() {
  echo "GEODIG_CENTRAL_OTLP_HTTP_URL=$(collector-central::otlp_http_url)"
  echo "GEODIG_CENTRAL_OTLP_GRPC=127.0.0.1:$(port collector-central.otlp-grpc)"
  echo "GEODIG_COLLECTOR_USER=$(collector-central::user)"
  echo "GEODIG_COLLECTOR_PASSWORD_FILE=$(collector-central::password_source)"
}

collector-central::user() { echo "${GEODIG_COLLECTOR_USER:-geodig}"; }
collector-central::password() { echo "${GEODIG_COLLECTOR_PASSWORD:-$(generated_secret collector-password)}"; }
collector-central::password_source() {
  if [[ -n "${GEODIG_COLLECTOR_PASSWORD:-}" ]]; then echo "\$GEODIG_COLLECTOR_PASSWORD"; else echo "$STATE_DIR/collector-password"; fi
}
