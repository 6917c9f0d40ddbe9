# shellcheck shell=bash
# Jaeger v2: stores the traces (in memory, the newest $GEODIG_JAEGER_MAX_TRACES) and answers the query
# API the gateway reads them from. Built from the pinned tools/go.mod into tools/bin/jaeger, the binary
# every collector runs too; configured by deploy/otel/jaeger.yaml. Only the central collector sends here.
# Its Monitor API (/api/metrics/*) reads the span metrics from Prometheus.

jaeger::install() { ensure_go_tool jaeger github.com/jaegertracing/jaeger/cmd/jaeger; }
jaeger::ports() { echo port.jaeger.otlp-grpc port.jaeger.otlp-http port.jaeger.query-http port.jaeger.query-grpc; }
jaeger::programs() { echo jaeger; }

jaeger::define() {
  define_program jaeger "$STATE_DIR" \
    GEODIG_OTLP_GRPC_ENDPOINT="127.0.0.1:$(port jaeger.otlp-grpc)" \
    GEODIG_OTLP_HTTP_ENDPOINT="127.0.0.1:$(port jaeger.otlp-http)" \
    GEODIG_QUERY_HTTP_ENDPOINT="127.0.0.1:$(port jaeger.query-http)" \
    GEODIG_QUERY_GRPC_ENDPOINT="127.0.0.1:$(port jaeger.query-grpc)" \
    GEODIG_JAEGER_MAX_TRACES="${GEODIG_JAEGER_MAX_TRACES:-2000}" \
    GEODIG_PROMETHEUS_URL="http://127.0.0.1:$(port prometheus)" \
    -- "$(go_tool_path jaeger)" --config "file:$ROOT/deploy/otel/jaeger.yaml"
}

jaeger::query_url() { echo "http://127.0.0.1:$(port jaeger.query-http)"; }
jaeger::ready() { http_ok "$(jaeger::query_url)/api/services"; }

jaeger::listening() {
  echo "  jaeger                        OTLP grpc :$(port jaeger.otlp-grpc)  http :$(port jaeger.otlp-http), query API $(jaeger::query_url) (grpc :$(port jaeger.query-grpc))"
}

jaeger::endpoints() { echo "GEODIG_JAEGER_QUERY_URL=$(jaeger::query_url)"; }

jaeger::hints() {
  local query_port; query_port=$(port jaeger.query-http)
  cat <<TEXT
Jaeger's query API (a lookup's trace_id is in its answer and its traceresponse header):
  curl -s http://localhost:$query_port/api/traces/<trace_id>        (Jaeger JSON)
  curl -s http://localhost:$query_port/api/v3/traces/<trace_id>     (OTLP JSON)
  curl -s 'http://localhost:$query_port/api/traces?service=dns-gateway&limit=5'
  curl -s 'http://localhost:$query_port/api/metrics/calls?service=dns-gateway&spanKind=server'  (Monitor: from Prometheus)
This Jaeger is built from source without its UI (http://localhost:$query_port/ is a placeholder page):
geodig's page draws the trace itself. The compose deployment also has the Jaeger UI, on port 16686.

TEXT
}
