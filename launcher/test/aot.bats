#!/usr/bin/env bats
# The AOT caches (launcher/lib/aot.sh, docs/startup.md): which options a service starts with, and when a
# cache counts as fresh. Jars, agent and JDK are stand-ins in a directory of the test's own: what is
# checked is the launcher's bookkeeping, not the JVM (the e2e AotCacheTest proves the JVMs map the caches).

load helpers

# A repository with a gateway jar, an agent and a JDK 25 of the test's own, and a cache made from them.
stand_ins() {
  load_launcher
  ROOT="$BATS_TEST_TMPDIR/repo" AGENT_JAR="$BATS_TEST_TMPDIR/repo/target/otel/agent.jar"
  JAVA_HOME="$BATS_TEST_TMPDIR/jdk"
  mkdir -p "$ROOT/gateway/target/aot" "${AGENT_JAR%/*}" "$JAVA_HOME/bin"
  printf 'JAVA_VERSION="25.0.3"\nJAVA_RUNTIME_VERSION="25.0.3+9-LTS"\n' > "$JAVA_HOME/release"
  touch "$JAVA_HOME/bin/java" "$JAVA_HOME/bin/javac"; chmod +x "$JAVA_HOME/bin/java" "$JAVA_HOME/bin/javac"
  echo jar > "$(service_jar gateway)"
  echo agent > "$AGENT_JAR"
  echo cache > "$(aot_cache gateway)"
  aot_fingerprint gateway > "$(aot_dir gateway)/fingerprint"
  unset GEODIG_JAVA_OPTS GEODIG_AOT_CACHE GEODIG_AOT_MODE
}

@test "a cache is fresh while the jar, the agent, the JDK and the options are those it was made with" {
  stand_ins
  aot_fresh gateway
  echo rebuilt > "$(service_jar gateway)"
  run -1 aot_fresh gateway
  echo jar > "$(service_jar gateway)"; aot_fresh gateway
  echo newer > "$AGENT_JAR"
  run -1 aot_fresh gateway
  echo agent > "$AGENT_JAR"; aot_fresh gateway
  sed -i 's/25.0.3+9/25.0.4+7/' "$JAVA_HOME/release"
  run -1 aot_fresh gateway
  sed -i 's/25.0.4+7/25.0.3+9/' "$JAVA_HOME/release"; aot_fresh gateway
  GEODIG_JAVA_OPTS="-Xmx256m" run -1 aot_fresh gateway
  rm "$(aot_cache gateway)"
  run -1 aot_fresh gateway
}

@test "a service starts with the agent on its boot class path; from its cache only with GEODIG_AOT_CACHE=on, while fresh" {
  stand_ins
  local opts
  opts=$(module_java_options gateway; aot_run_options gateway dns-gateway)
  [[ $opts == *$'\n--add-modules=java.instrument\n-Xbootclasspath/a:'"$AGENT_JAR"$'\n-javaagent:'"$AGENT_JAR" ]]
  opts=$(GEODIG_AOT_CACHE=on aot_run_options gateway dns-gateway)
  [[ $opts == "-javaagent:$AGENT_JAR"$'\n-XX:AOTCache='"$(aot_cache gateway)" ]]
  opts=$(GEODIG_AOT_CACHE=off aot_run_options gateway dns-gateway)
  [[ $opts == "-javaagent:$AGENT_JAR" ]]
  echo rebuilt > "$(service_jar gateway)"
  opts=$(GEODIG_AOT_CACHE=on aot_run_options gateway dns-gateway)
  [[ $opts == "-javaagent:$AGENT_JAR" ]]
}

@test "a training run records each program's classes, not method profiles, without the agent" {
  stand_ins
  local opts
  opts=$(GEODIG_AOT_MODE=record aot_run_options gateway dns-gateway)
  [[ $opts == $'-XX:AOTMode=record\n-XX:AOTConfiguration='"$STATE_DIR/aot/dns-gateway.aotconf"$'\n-XX:+UnlockDiagnosticVMOptions\n-XX:-AOTRecordTraining' ]]
}

@test "the terminal client: C1 and the serial GC, no agent" {
  stand_ins
  [[ $(module_java_options cli | tr '\n' ' ') == "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC " ]]
}

@test "GEODIG_AOT_CACHE: the client only by default, the services too when on, none when off or below JDK 25" {
  stand_ins
  aot_wanted cli
  run -1 aot_wanted gateway
  GEODIG_AOT_CACHE=on aot_wanted gateway
  GEODIG_AOT_CACHE=off run -1 aot_wanted cli
  sed -i 's/JAVA_VERSION="25/JAVA_VERSION="21/' "$JAVA_HOME/release"
  run -1 aot_wanted cli
  GEODIG_AOT_CACHE=on run -1 aot_wanted gateway
}
