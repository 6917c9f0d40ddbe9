# shellcheck shell=bash
## test              install/prepare the same prerequisites, check every shell file with ShellCheck, run
##                   the launcher's own tests (bats, launcher/test/), build and train the AOT caches as
##                   ./geodig build does (the end-to-end tests start from them), then ./mvnw -B verify (every
##                   Java test, including the end-to-end ones that run ./geodig up on other ports); non-zero
##                   on any failure. Arguments go to Maven (e.g. -pl gateway -am).

cmd_test() {
  shift
  local started rc=0; started=$(now)
  install_runtime
  # ShellCheck and bats check the launcher; the page's browser test (e2e BrowserTest)
  # drives Debian's headless Chromium with Debian's chromedriver; the worker's tests ask NSD as a plain
  # authoritative server (one that ignores EDNS Client Subnet).
  ensure_packages shellcheck:shellcheck bats:bats chromedriver:chromium-driver chromium:chromium nsd:nsd
  mkdir -p "$LOG_DIR"
  # Tests query only DNS servers they start themselves: never pass an opt-in real resolver on.
  local var
  for var in $(compgen -e); do [[ $var == GEODIG_RESOLVERS* ]] && unset "$var"; done
  run_every_test "$@" 2>&1 | tee "$LOG_DIR/test.log" || rc=$?
  say "tests took $(( $(now) - started ))s, exit code $rc (full log: $LOG_DIR/test.log)"
  summarize_tests "$LOG_DIR/test.log"  # its last line is the overall count
  return "$rc"
}

run_every_test() {  # ShellCheck, bats, Maven: all run, whatever fails; non-zero if anything did
  local rc=0
  check_shell_files || rc=1
  say "the launcher's own tests: bats launcher/test"
  bats --tap "$ROOT/launcher/test" || rc=1
  # The jars are reproducible: verify packages them again byte for byte, so the caches stay fresh.
  say "the services' AOT caches, as ./geodig build makes them"
  # The end-to-end topologies start the services from theirs (GEODIG_AOT_CACHE=on): AotCacheTest proves they can.
  { if jars_stale; then build_jars; fi && GEODIG_AOT_CACHE=on train_aot_caches; } || rc=1
  say "every Java test: ./mvnw -B verify (JDK: $JAVA_HOME)"
  (cd "$ROOT" && ./mvnw -B -ntp verify "$@") || rc=1
  return "$rc"
}

# Every shell file git knows of: by extension, or by a shell in its first line.
shell_files() {
  local file
  while IFS= read -r file; do
    case "$file" in
      *.sh|*.bash|*.bats) echo "$file" ;;
      *) [[ -f "$ROOT/$file" ]] && head -n1 "$ROOT/$file" | grep -qE '^#!.*\b(ba|da)?sh\b' && echo "$file" ;;
    esac
  done < <(cd "$ROOT" && git ls-files --cached --others --exclude-standard)
  return 0
}

check_shell_files() {
  local files
  mapfile -t files < <(shell_files)
  say "ShellCheck on ${#files[@]} shell files"
  (cd "$ROOT" && shellcheck --external-sources "${files[@]}") && say "ShellCheck: all clean"
}

# Surefire/Failsafe print one "Tests run: N, Failures: F, Errors: E, Skipped: S" total per module
# (the per-class lines carry "Time elapsed"), bats one "ok"/"not ok" line per test; all summed into one
# closing line.
summarize_tests() {
  local log=$1
  echo
  echo "---- test summary (bats; Surefire/Failsafe, per module) ----"
  grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run:|Building .* \[[0-9]+/[0-9]+\]|BUILD |Reactor Summary)|^not ok ' "$log" \
    | grep -v 'Time elapsed' || true
  awk '
    /^ok [0-9]+ / { run++ }
    /^not ok [0-9]+ / { run++; failed++ }
    /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+/ && !/Time elapsed/ {
      match($0, /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+/)
      split(substr($0, RSTART, RLENGTH), f, /[^0-9]+/)
      run += f[2]; failed += f[3] + f[4]; skipped += f[5]
    }
    END { printf "geodig: %d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }
  ' "$log"
}
