# shellcheck shell=bash
# dns-orchestrator: publishes one task per lookup to dns:tasks and gathers the results from dns:results
# by trace id. Sends its telemetry through its sidecar collector.

orchestrator::module() { echo orchestrator; }
orchestrator::ports() { echo port.orchestrator; }
orchestrator::programs() { echo dns-orchestrator; }
orchestrator::url() { echo "http://127.0.0.1:$(port orchestrator)"; }

orchestrator::define() {
  define_java dns-orchestrator orchestrator dns-orchestrator "$(collector-sidecars::otlp_http_url orchestrator)" \
    SERVER_PORT="$(port orchestrator)" GEODIG_FAULTS_FLAG_FILE="$(faults::flag_file)"
}

orchestrator::ready() { http_ok "$(orchestrator::url)/actuator/health/readiness"; }
orchestrator::ready_timeout() { java_ready_timeout; }

orchestrator::listening() {
  echo "  orchestrator                  $(orchestrator::url)"
}

orchestrator::endpoints() { echo "GEODIG_ORCHESTRATOR_URL=$(orchestrator::url)"; }
