# shellcheck shell=bash
## bench [--quick]   the user-level benchmark: starts (a) the topology as "up" does and (b) the same with
##                   tracing off, on port offsets 10000 and 11000 (state in $GEODIG_STATE_DIR/bench/), and
##                   (c) the floor (a lookup's bare Redis commands and DNS queries); loads them in turns through
##                   the gateway with wrk at 1, 8, 32, 64 connections; prints lookups/s, latency, CPU per
##                   lookup per process, RSS and the ratios (a)/(b), (a)/(c); writes bench/target/lookups.md;
##                   stops both topologies (about 25 min; --quick: a smoke run of about 3 min).
##                   Settings: --concurrency=1,8,32,64 --rounds=3 --round=15 --prime=300 --prime-until-jit=3
##                   --warmup=5 --settle=2
##                   --max-minutes=30 --untraced=agent-off|exporter-none
##                   --baseline-java-opts="..." ((b) = traced with these JVM options instead of untraced)
##                   --baseline-root=DIR ((b) = traced as the checkout in DIR starts it, built beforehand)
## bench results-modes [--quick]
##                   benchmark the orchestrator's result-gathering modes side by side (shared-reader vs
##                   group-per-request) on their own Redis and workers, with the demo DNS, on 127.0.0.1; prints the
##                   table of ratios and writes bench/target/results-modes.md (a few minutes; --quick: <1 min).
##                   Settings: --concurrency=1,8,32 --rounds=N --warmup=N --lookups=N --per-client=N --round-cap=SECONDS
## bench startup [--quick]
##                   start-up and warm-up (issue 23): (a) the topology as "up --no-build" starts it and (b) the same
##                   with GEODIG_AOT_CACHE=off, or with --baseline-root=DIR as that checkout starts it; one at a
##                   time, alternating, on port offsets 10000 and 11000 (state in $GEODIG_STATE_DIR/bench/startup-a,
##                   -b). Per start: time to ready, the warm-up curve from the first request (lookups/s, p99, CPU per
##                   lookup per window at 32 connections), latency at rest, "./geodig lookup"'s wall time, the
##                   stack's RSS after up, the windows and a soak; prints (a), (b), (a)/(b) beside the issue's
##                   targets and writes bench/target/startup.md (about 20 min; --quick: about 5 min).
##                   Settings: --runs=2 --windows=6 --window=20 --connections=32 --at-rest=40 --soak=120
##                   --max-minutes=40 --baseline-root=DIR (built beforehand)

BENCH_JAR="$ROOT/bench/target/bench-exec.jar"

cmd_bench() {
  shift
  case ${1:-} in
    results-modes) shift; bench_results_modes "$@" ;;
    startup) shift; bench_startup "$@" ;;
    *) bench_lookups "$@" ;;
  esac
}

bench_jar_stale() { [[ ! -f $BENCH_JAR ]] || sources_newer_than "$BENCH_JAR" bench orchestrator worker testkit "${SHARED_MODULES[@]}"; }

# bench_run NAME JAVA_OPTS ARGS...: the bench jar's NAME benchmark, timed, its exit code passed on
bench_run() {
  local name=$1 opts=$2 started rc=0; shift 2
  started=$(now)
  # shellcheck disable=SC2086  # the options are a list of words
  (cd "$ROOT" && java $opts -jar "$BENCH_JAR" "$name" "$@") || rc=$?
  say "benchmark took $(( $(now) - started ))s, exit code $rc"
  return "$rc"
}

# Two topologies as `up` starts them, (a) traced on offset 10000 and (b) untraced on 11000, each in its own
# state dir under $STATE_DIR/bench/, and the floor; the Java driver starts and stops them through this script.
bench_lookups() {
  install_runtime
  ensure_packages wrk:wrk
  # The topologies run this tree's service jars and the driver is the bench jar: one build for both.
  if jars_stale || bench_jar_stale; then build_jars; fi
  say "benchmark: lookups through the gateway, (a) traced vs (b) untraced or a baseline vs (c) the floor (JDK: $JAVA_HOME; report: bench/target/lookups.md)"
  # The floor runs in this JVM: the services' heap and GC, but the full JIT (the floor is the best case).
  bench_run lookups "${GEODIG_BENCH_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}" \
    --root="$ROOT" --state-root="$STATE_DIR/bench" --topology="$TOPOLOGY_FILE" "$@"
}

# Each variant started, measured and stopped in turn through this script (or a baseline checkout's), on offsets
# 10000 and 11000 with state under $STATE_DIR/bench/; the driver's JVM only sends load and reads /proc.
bench_startup() {
  install_runtime
  ensure_packages wrk:wrk
  if jars_stale || bench_jar_stale; then build_jars; fi
  # (a) is meant to start with its AOT caches: without fresh ones it would be (b). A no-op when they are fresh.
  GEODIG_AOT_CACHE=on train_aot_caches
  say "benchmark: start-up and warm-up, (a) as up starts it vs (b) without AOT caches or a baseline (JDK: $JAVA_HOME; report: bench/target/startup.md)"
  bench_run startup "${GEODIG_BENCH_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}" \
    --root="$ROOT" --state-root="$STATE_DIR/bench" --topology="$TOPOLOGY_FILE" "$@"
}

bench_results_modes() {
  # shellcheck disable=SC2046  # one word per command:package pair
  ensure_packages $(redis::packages) $(dns::packages)
  select_jdk
  if bench_jar_stale; then
    # -am: the jar must hold this tree's orchestrator and worker, never older copies from ~/.m2.
    say "building the benchmark (./mvnw -B -pl bench -am package -DskipTests)"
    maven_build bench-build.log -pl bench -am
  fi
  say "benchmark: shared-reader vs group-per-request, side by side (JDK: $JAVA_HOME; report: bench/target/results-modes.md)"
  bench_run results-modes "${GEODIG_BENCH_JAVA_OPTS:--Xms1g -Xmx1g}" --topology="$TOPOLOGY_FILE" "$@"
}
