# shellcheck shell=bash
# The JDK's ahead-of-time cache (JEPs 483, 514; docs/startup.md): per service module, the classes the
# service loads in a training run, already parsed and linked. A JVM started from it spends about a third less
# CPU on its start. `./geodig build` makes one per module and `up` uses it:
#   extract  Spring Boot's extracted layout, <module>/target/aot/<module>-exec.jar with lib/: the cache holds
#            classes of plain jars on the class path only, not of jars nested in the fat jar;
#   train    a topology of its own (aot-training.sh: state dir $STATE_DIR/training, port offset 16000) with
#            every service in -XX:AOTMode=record, a few hundred lookups through its gateway, then down: each
#            JVM writes what it loaded and profiled as it exits (<program>.aotconf);
#   create   -XX:AOTMode=create turns each module's configuration into <module>/target/aot/<module>.aot.
# The agent: training runs without -javaagent (JDK 25.0.3 crashes writing a cache trained with the agent
# active), and every run, trained or not, puts the agent's jar on the boot class path from the start and
# java.instrument in the module graph. The agent then finds itself there and does not append to the boot
# class path, which would make the JVM refuse the cache's application classes.
# A cache is fresh while the fat jar, the agent jar, the JDK and the JVM options are those it was trained with
# (the jars are reproducible, so a rebuild of unchanged sources keeps it); a stale one is not used.

aot_dir()   { echo "$ROOT/$1/target/aot"; }            # aot_dir MODULE
aot_jar()   { echo "$(aot_dir "$1")/$1-exec.jar"; }   # the extracted jar the service runs from
aot_cache() { echo "$(aot_dir "$1")/$1.aot"; }

# What a training run records: the classes, loaded and linked (JEPs 483, 514), not the method profiles of JEP
# 515. Profiles recorded without the agent (which must stay out of the training, above) made the services slower
# once warm (a 240 s soak after the first two minutes: 0.77x the lookups/s of no cache; classes only: 0.94x;
# docs/benchmarks.md). The flag is diagnostic in JDK 25.
AOT_RECORD_CLASSES_ONLY=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining)

# GEODIG_AOT_CACHE: which JVMs start from their caches. "client" (the default): the terminal client only; "on":
# the services too, which start faster but, measured side by side once warm, answer ~0.9x the lookups/s at 1.1x
# the CPU (docs/startup.md), against the steady-state guard of ADR 0004; "off": none. Below JDK 25, none.
aot_wanted() {  # aot_wanted MODULE
  [[ $(jdk_major "$JAVA_HOME") -ge 25 ]] || return 1
  case "${GEODIG_AOT_CACHE:-client}" in
    on) return 0 ;;
    client) [[ $1 == cli ]] ;;
    *) return 1 ;;
  esac
}

# The options every service JVM starts with, in front of GEODIG_JAVA_OPTS' or the defaults.
agent_boot_options() { printf '%s\n' --add-modules=java.instrument "-Xbootclasspath/a:$AGENT_JAR"; }

# aot_fingerprint MODULE: what a cache depends on, one line each.
aot_fingerprint() {
  sha256sum "$(service_jar "$1")" "$AGENT_JAR" | cut -d' ' -f1
  echo "$JAVA_HOME $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")"
  echo "recorded with ${AOT_RECORD_CLASSES_ONLY[*]}"
  module_java_options "$1"
}

aot_fresh() {  # aot_fresh MODULE: its cache exists and was made from what runs now
  local dir; dir=$(aot_dir "$1")
  [[ -s $dir/$1.aot && -s $dir/fingerprint ]] && cmp -s "$dir/fingerprint" <(aot_fingerprint "$1")
}

# extract_jar MODULE: the extracted layout, again whenever the fat jar changed (its checksum is kept beside).
# The client's jar holds no Spring Boot tools: its build leaves the same layout (cli.jar and lib/) to copy.
extract_jar() {
  local module=$1 dir sum
  dir=$(aot_dir "$module")
  sum=$(sha256sum "$(service_jar "$module")" | cut -d' ' -f1)
  [[ -f $(aot_jar "$module") && "$(cat "$dir/extracted-from" 2>/dev/null)" == "$sum" ]] && return 0
  rm -rf "$dir"
  if [[ $module == cli ]]; then
    mkdir -p "$dir" && cp "$ROOT/cli/target/cli.jar" "$(aot_jar cli)" && cp -r "$ROOT/cli/target/lib" "$dir/lib"
  else
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$(service_jar "$module")" extract --destination "$dir" >/dev/null
  fi || die "could not extract $(service_jar "$module") into $dir"
  echo "$sum" > "$dir/extracted-from"
}

# aot_run_options MODULE PROGRAM: the cache options of one service process, one per line. In a training
# run (GEODIG_AOT_MODE=record) the process records instead and runs without the agent.
aot_run_options() {
  local module=$1 program=$2
  if [[ ${GEODIG_AOT_MODE:-} == record ]]; then
    printf '%s\n' -XX:AOTMode=record "-XX:AOTConfiguration=$STATE_DIR/aot/$program.aotconf" "${AOT_RECORD_CLASSES_ONLY[@]}"
    return
  fi
  echo "-javaagent:$AGENT_JAR"
  if aot_wanted "$module" && aot_fresh "$module"; then echo "-XX:AOTCache=$(aot_cache "$module")"; fi
}

# aot_note: what `up` says when the services were asked to start from their caches and one cannot.
aot_note() {
  local module stale=()
  [[ ${GEODIG_AOT_CACHE:-client} == on ]] || return 0
  aot_wanted gateway || { say "no AOT cache: JDK $(jdk_major "$JAVA_HOME") (it needs 25); the services start slower"; return 0; }
  for module in $(service_modules); do aot_fresh "$module" || stale+=("$module"); done
  (( ${#stale[@]} == 0 )) || say "no fresh AOT cache for ${stale[*]}: starting without (./geodig build trains one)"
}
