# shellcheck shell=bash
# Debian packages, installed when a command they provide is missing. What the launcher itself needs is
# here; what a component runs, it names itself (its `packages`).

LAUNCHER_PACKAGES=(curl:curl supervisord:supervisor)

# ensure_packages COMMAND:PACKAGE...: installs the packages whose command is missing. invoke-rc.d is told
# not to start the packages' system services (a system redis-server would take port 6379 from us; we
# run our own instances).
APT_UPDATED=0
ensure_packages() {
  local missing=() cmd pair
  for pair in "$@"; do
    cmd=${pair%%:*}
    command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || missing+=("${pair#*:}")
  done
  (( ${#missing[@]} )) || return 0
  say "installing Debian packages: ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [[ ! -e $policy ]]; then
    run_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    made_policy=1
  fi
  if (( ! APT_UPDATED )); then
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null || rc=$?
    APT_UPDATED=1
  fi
  if (( rc == 0 )); then
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends \
      "${missing[@]}" </dev/null || rc=$?
  fi
  (( made_policy )) && run_as_root rm -f "$policy"
  (( rc == 0 )) || die "apt-get failed for: ${missing[*]}"
}

# Everything `up` runs: the launcher's packages and every component's, then what components build
# themselves (their `install`, e.g. Jaeger from tools/go.mod).
install_runtime() {
  # shellcheck disable=SC2046  # one word per command:package pair
  ensure_packages "${LAUNCHER_PACKAGES[@]}" $(each_component packages)
  select_jdk
  each_component install
}
