# shellcheck shell=bash
## lookup <domain> [-t A,AAAA,...] [-l us-east-1,...] [--json] [--color=auto|always|never]
##                   the terminal client: looks a name up through this topology's gateway and prints, per
##                   record type, every location's answer side by side with agreement marked, the
##                   locations' status and the trace id. Exit 0 all answered, 1 partial/timeout,
##                   2 rejected (4xx) or bad arguments, 3 gateway unreachable or 5xx (docs/terminal-client.md).
##                   Builds cli/target/cli-exec.jar first if it is missing or older than the sources.
## trace <trace_id> [--wait=10s] [--json]
##                   the request's trace as a text waterfall (waits up to --wait for it to reach Jaeger;
##                   exit 1 when it did not, 2 bad id, 3 gateway or Jaeger unreachable)
## traces [--domain D] [--status partial] [--location L] [--errors] [--min-duration 200ms]
##        [--max-duration 2s] [--since 15m] [--service S] [--tag key=value] [--limit N] [--json]
##                   the traces that match, newest first, one line each (start, trace id, duration, status,
##                   domain, spans, failed spans), searched by the gateway in Jaeger. Exit 0 listed,
##                   1 none matched, 2 rejected (4xx) or bad arguments, 3 gateway or Jaeger unreachable or 5xx
## faults [set <fault>[@<location>] <value> [--rate N] | clear [<fault>[@<location>]]] [--json]
##                   the injected faults (docs/faults.md): lists them and what is on; sets one (a delay as 800ms,
##                   a record type for dns-servfail, a rate as 50% for the others) or clears one or all, through
##                   the gateway (from loopback; the token in $GEODIG_STATE_DIR/faults.token otherwise)

CLI_JAR="$ROOT/cli/target/cli-exec.jar"

# cmd_client lookup|trace|traces|faults ARGS...: the client (cli module) against this state dir's gateway, its exit code
# passed on. Everything but the client's own output goes to stderr, so `./geodig lookup ... | grep` sees
# only that.
cmd_client() {
  select_jdk
  if [[ ! -f $CLI_JAR ]] || sources_newer_than "$CLI_JAR" cli contract; then
    warn "building the terminal client (./mvnw -B -pl cli -am package -DskipTests)"
    maven_build cli-build.log -pl cli -am
  fi
  local rc=0 opts
  extract_jar cli
  mapfile -t opts < <(module_java_options cli)
  if aot_wanted cli && aot_fresh cli; then opts+=("-XX:AOTCache=$(aot_cache cli)"); fi
  # A --gateway in the arguments wins.
  GEODIG_FAULTS_TOKEN_FILE="${GEODIG_FAULTS_TOKEN_FILE:-$(faults::token_file)}" \
    java "${opts[@]}" -jar "$(aot_jar cli)" --gateway "$(gateway::url)" "$@" || rc=$?
  return "$rc"
}
