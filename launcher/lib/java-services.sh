# shellcheck shell=bash
# How the launcher runs a Java service: `java <options> -javaagent:<agent> -XX:AOTCache=<module>.aot -jar
# <module>-exec.jar` (the extracted jar and its cache, aot.sh) with its Redis user, the locations, its service
# name and where it sends its telemetry. The service components (gateway, orchestrator, workers) call define_java.

# Five JVMs share two cores: small heaps (each holds ~40 MB live), serial GC, the full JIT
# (docs/benchmarks.md weighs it against C1 only), and what glibc holds after the JIT's bursts given back
# every 5 s (~115 MB over the five, profile item 8). GEODIG_JAVA_OPTS replaces these defaults.
DEFAULT_JAVA_OPTS="-Xms64m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000"

# define_java NAME MODULE SERVICE_NAME OTLP_ENDPOINT ENV...: the program NAME running MODULE's jar; MODULE
# (gateway, orchestrator or worker) is also its Redis role.
define_java() {
  local name=$1 module=$2 service=$3 endpoint=$4; shift 4
  local -a opts
  mapfile -t opts < <(module_java_options "$module"; aot_run_options "$module" "$name")
  # The service writes its log file itself (Logback, rolled at 20 MB, old files gzipped, 40 MB of them) and
  # nothing to the console: a supervisor that relays every line through a pipe costs CPU per line
  # (supervisord: ~0.2 ms per lookup, docs/benchmarks.md). Compose keeps the console (docker logs).
  define_program "$name" "$STATE_DIR/work/$name" --own-log \
    LOGGING_FILE_NAME="$(log_file "$name")" \
    LOGGING_THRESHOLD_CONSOLE=OFF \
    LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE=20MB \
    LOGGING_LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP=40MB \
    GEODIG_REDIS_URL="$(redis::url "$module")" \
    GEODIG_LOCATIONS="$(IFS=,; echo "${LOCATIONS[*]}")" \
    OTEL_SERVICE_NAME="$service" \
    OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint" \
    OTEL_JAVAAGENT_CONFIGURATION_FILE="$ROOT/deploy/otel/agent.properties" \
    "$@" \
    -- "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$(aot_jar "$module")"
}

# module_java_options MODULE: the JVM options of MODULE's processes, one per line, the cache's options aside (a
# cache is made with the options it is used with). The terminal client (cli) is a short-lived JVM: C1 only and
# the serial GC start it fastest.
module_java_options() {
  local -a opts
  if [[ $1 == cli ]]; then printf '%s\n' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC; return; fi
  read -r -a opts <<< "${GEODIG_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
  printf '%s\n' "${opts[@]}"
  agent_boot_options
}

java_ready_timeout() { echo "${GEODIG_START_TIMEOUT:-180}"; }
