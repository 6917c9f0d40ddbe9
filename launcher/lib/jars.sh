# shellcheck shell=bash
# The Java build: one `./mvnw package` builds every module; a component that runs a service names its
# Maven module (its `module`) and runs <module>/target/<module>-exec.jar with the OpenTelemetry agent.

AGENT_JAR="$ROOT/target/otel/opentelemetry-javaagent.jar"
# The modules every service is built from besides its own.
SHARED_MODULES=(contract telemetry streams boot)

service_modules() { each_component module | sort -u; }
service_jar() { echo "$ROOT/$1/target/$1-exec.jar"; }

sources_newer_than() {  # sources_newer_than FILE MODULE...: a source of a module (or the parent pom) is newer
  local file=$1 module; shift
  for module in "$@"; do
    [[ -z "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" -newer "$file" -print -quit 2>/dev/null)" ]] || return 0
  done
  [[ "$ROOT/pom.xml" -nt "$file" ]]
}

jars_stale() {
  local module jar
  [[ -f "$AGENT_JAR" ]] || return 0
  for module in $(service_modules); do
    jar=$(service_jar "$module")
    [[ -f "$jar" ]] || return 0
    sources_newer_than "$jar" "$module" "${SHARED_MODULES[@]}" && return 0
  done
  return 1
}

# maven_build LOG ARGS...: ./mvnw -B -ntp -q package -DskipTests ARGS, quiet unless it fails.
maven_build() {
  local log="$LOG_DIR/$1"; shift
  mkdir -p "$LOG_DIR"
  if ! (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests "$@") >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    die "Maven build failed (full log: $log)"
  fi
  # The jars are reproducible (docs/startup.md): Spring Boot dates the fat jars' files at the pom's fixed
  # output timestamp too. Dated now, they are what the sources are compared with (sources_newer_than).
  find "$ROOT" -mindepth 3 -maxdepth 3 -path '*/target/*-exec.jar' -exec touch {} +
}

build_jars() {
  say "building the services (./mvnw -B package -DskipTests)"
  local started; started=$(now)
  maven_build build.log
  say "built in $(( $(now) - started ))s"
}

require_jars() {  # every service's jar and the agent, or `up` cannot start them; extracted to run (aot.sh)
  local module
  [[ -f "$AGENT_JAR" ]] || die "missing $AGENT_JAR (run ./geodig build)"
  for module in $(service_modules); do
    [[ -f "$(service_jar "$module")" ]] || die "missing $module/target/$module-exec.jar (run ./geodig build)"
    extract_jar "$module"
  done
}
