# shellcheck shell=bash
# `./geodig help`: every command's usage, from the `##` lines at the top of its file in
# launcher/commands/, in the order below (a command file missing from it comes last), then the
# environment the launcher and its components read.

HELP_ORDER=(up down status program topology redis-cli logs build test soak bench client help)

print_help() {
  local file name ordered=()
  for name in "${HELP_ORDER[@]}"; do ordered+=("$LAUNCHER/commands/$name.sh"); done
  for file in "$LAUNCHER"/commands/*.sh; do
    [[ " ${ordered[*]} " == *" $file "* ]] || ordered+=("$file")
  done
  echo "Usage: ./geodig <command> [options]"
  echo
  for file in "${ordered[@]}"; do
    [[ -f $file ]] && sed -n 's/^## \{0,1\}/  /p' "$file"
  done
  cat <<TEXT

Environment:
  GEODIG_STATE_DIR        pids, logs, generated configs (default: $ROOT/.run)
  GEODIG_TOPOLOGY         the topology file: locations, their client subnets, every base port (default:
                          deploy/topology.env; a running topology keeps a copy in \$GEODIG_STATE_DIR/topology.env)
  GEODIG_PORT_OFFSET      added to every port (default 0; the end-to-end tests use 12000 and 14000)
  GEODIG_RESOLVERS_<LOC>  opt-in real resolvers for one location, e.g. GEODIG_RESOLVERS_EU_WEST_1=192.0.2.53:53
  GEODIG_RESOLVERS        opt-in real resolvers for every location (comma list of host:port)
  GEODIG_COLLECTOR_USER, GEODIG_COLLECTOR_PASSWORD  basic-auth credentials senders -> central collector
                          (default: user geodig, a random password kept in \$GEODIG_STATE_DIR/collector-password)
  GEODIG_JAVA_HOME        JDK to use (>= 21; default Temurin 25, else the newest JDK >= 21 in /usr/lib/jvm)
  GEODIG_JAVA_OPTS        JVM options for the services (default: $DEFAULT_JAVA_OPTS)
  GEODIG_START_TIMEOUT    seconds to wait for each service (default 180)
  GEODIG_INFRA_TIMEOUT    seconds to wait for each server the services need (default 30)
  GEODIG_WORKERS_PER_LOCATION  worker instances per location, sharing its consumer group (1-9, default 1)
  GEODIG_JAEGER_MAX_TRACES  traces Jaeger keeps in memory, the newest (default 2000: ~290 MB; see deploy/otel/jaeger.yaml)
  GEODIG_PROMETHEUS_RETENTION_TIME / _SIZE  how long / how much Prometheus keeps (default 1d / 256MB; docs/observability.md)
  GEODIG_COLLECTOR_COMPRESSION  compression between the collectors and to Jaeger: none (default: all on loopback) or gzip
  GEODIG_BENCH_JAVA_OPTS  JVM options of the benchmark's own JVM: ./geodig bench (it runs the floor; default
                          -Xms64m -Xmx256m -XX:+UseSerialGC; bench startup the same), bench results-modes (default
                          -Xms1g -Xmx1g)
TEXT
}
