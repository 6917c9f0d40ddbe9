# shellcheck shell=bash
# Prometheus (Debian's package): scrapes the central collector's /metrics every 5 s and keeps the metrics
# for a bounded time and size ($GEODIG_PROMETHEUS_RETENTION_TIME, default 1d; _SIZE, default 256MB) in
# $STATE_DIR/prometheus/data, with the span metrics' exemplars (trace ids). Jaeger's Monitor API and the
# gateway's /api/v1/metrics/* query it. Configured by deploy/prometheus/prometheus.yml, a template this
# file fills with the collector's port. Debian's own prometheus service is never started: ensure_packages
# forbids invoke-rc.d to start anything while it installs.

prometheus::packages() { echo prometheus:prometheus; }
prometheus::ports() { echo port.prometheus; }
prometheus::programs() { echo prometheus; }

prometheus::define() {
  local dir="$STATE_DIR/prometheus"
  mkdir -p "$dir/data"
  sed "s/COLLECTOR_CENTRAL_PROMETHEUS/127.0.0.1:$(port collector-central.prometheus)/" \
    "$ROOT/deploy/prometheus/prometheus.yml" > "$dir/prometheus.yml"
  define_program prometheus "$dir" -- prometheus --config.file="$dir/prometheus.yml" \
    --web.listen-address="127.0.0.1:$(port prometheus)" \
    --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time="${GEODIG_PROMETHEUS_RETENTION_TIME:-1d}" \
    --storage.tsdb.retention.size="${GEODIG_PROMETHEUS_RETENTION_SIZE:-256MB}" \
    --enable-feature=exemplar-storage
}

prometheus::url() { echo "http://127.0.0.1:$(port prometheus)"; }
prometheus::ready() { http_ok "$(prometheus::url)/-/ready"; }

prometheus::listening() {
  echo "  prometheus                    $(prometheus::url)   (scrapes the central collector's :$(port collector-central.prometheus)/metrics every 5 s)"
}

prometheus::endpoints() { echo "GEODIG_PROMETHEUS_URL=$(prometheus::url)"; }

prometheus::hints() {
  local port; port=$(port prometheus)
  cat <<TEXT
Metrics (Prometheus, PromQL; docs/observability.md): requests per second per service, from the spans:
  curl -s 'http://localhost:$port/api/v1/query' --data-urlencode 'query=sum by (service_name) (rate(traces_span_metrics_calls_total{span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"}[1m]))'
  curl -s 'http://localhost:$(port gateway)/api/v1/metrics/services?range=15m'     (the gateway's fixed queries)

TEXT
}
