# shellcheck shell=bash
# The JDK (>= 21): GEODIG_JAVA_HOME if set, else Temurin 25, else the newest JDK >= 21 under
# /usr/lib/jvm. The machine's default java may be older; the launcher never uses it.

jdk_major() {
  local release="$1/release" v
  [[ -x "$1/bin/java" && -x "$1/bin/javac" && -f "$release" ]] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ -n "$v" ]] && echo "$v"
}

newest_jdk() {  # the newest JDK >= 21 under /usr/lib/jvm, or nothing
  local candidate major best="" best_major=0
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [[ -L $candidate ]] && continue
    major=$(jdk_major "$candidate") || continue
    if (( major >= 21 && major > best_major )); then best=$candidate; best_major=$major; fi
  done
  echo "$best"
}

select_jdk() {
  local major best=""
  if [[ -n "${GEODIG_JAVA_HOME:-}" ]]; then
    major=$(jdk_major "$GEODIG_JAVA_HOME") || die "GEODIG_JAVA_HOME=$GEODIG_JAVA_HOME is not a JDK"
    (( major >= 21 )) || die "GEODIG_JAVA_HOME=$GEODIG_JAVA_HOME is JDK $major; geodig needs >= 21"
    best=$GEODIG_JAVA_HOME
  elif major=$(jdk_major /usr/lib/jvm/temurin-25-jdk-amd64) && (( major >= 21 )); then
    best=/usr/lib/jvm/temurin-25-jdk-amd64
  else
    best=$(newest_jdk)
  fi
  [[ -n "$best" ]] || die "no JDK >= 21 found under /usr/lib/jvm (an older default java is not enough).
  Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set GEODIG_JAVA_HOME."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
