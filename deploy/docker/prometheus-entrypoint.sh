#!/bin/sh
# Starts Prometheus with geodig's configuration (deploy/prometheus/prometheus.yml, mounted at
# /etc/geodig/prometheus.yml): a template whose COLLECTOR_CENTRAL_PROMETHEUS is the central collector's
# metrics endpoint, $GEODIG_COLLECTOR_CENTRAL_PROMETHEUS (host:port). Prometheus 2.42 expands no variables in
# its configuration, so it is filled in here, as ./geodig's Prometheus component does natively. The
# arguments (listen address, storage, retention, exemplar storage) are compose.yaml's.
set -eu
config=/tmp/prometheus.yml
sed "s/COLLECTOR_CENTRAL_PROMETHEUS/$GEODIG_COLLECTOR_CENTRAL_PROMETHEUS/" /etc/geodig/prometheus.yml > "$config"
exec /bin/prometheus --config.file="$config" "$@"
