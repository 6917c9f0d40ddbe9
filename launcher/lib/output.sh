# shellcheck shell=bash
# Messages to the user, the clock, and root for package installation. Every line the launcher itself
# prints starts with "geodig: ".

say()  { printf 'geodig: %s\n' "$*"; }
warn() { printf 'geodig: %s\n' "$*" >&2; }
die()  { warn "$*"; exit 1; }
usage_error() { warn "$* (see ./geodig help)"; exit 2; }  # a command given arguments it does not take
now()  { date +%s; }

run_as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}
