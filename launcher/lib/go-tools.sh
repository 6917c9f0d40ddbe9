# shellcheck shell=bash
# Tools built from source through the Go module proxy, pinned by tools/go.mod and tools/go.sum, into
# tools/bin/ (never committed). Rebuilt when go.mod or go.sum change.

go_tool_path() { echo "$ROOT/tools/bin/$1"; }

ensure_go_tool() {  # ensure_go_tool NAME PACKAGE: tools/bin/NAME built from PACKAGE
  local name=$1 package=$2 bin
  bin=$(go_tool_path "$name")
  if [[ -x "$bin" && "$bin" -nt "$ROOT/tools/go.mod" && "$bin" -nt "$ROOT/tools/go.sum" ]]; then
    return 0
  fi
  if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then PATH="/usr/local/go/bin:$PATH"; fi
  command -v go >/dev/null || die "Go is needed to build $name (tools/go.mod) and was not found"
  # go needs a home for its module and build caches, even where the environment has no HOME.
  if [[ -z "${HOME:-}" ]]; then HOME=$(getent passwd "$(id -u)" | cut -d: -f6); export HOME; fi
  say "building $name into tools/bin/$name (first time: a few minutes)"
  local started; started=$(now)
  mkdir -p "$ROOT/tools/bin"
  # -mod=readonly: the pinned go.mod/go.sum must suffice; a build never rewrites them.
  (cd "$ROOT/tools" && GOFLAGS=-mod=readonly go build -o "bin/$name.tmp" "$package") \
    || die "building $name failed"
  mv "$ROOT/tools/bin/$name.tmp" "$bin"
  say "$name built in $(( $(now) - started ))s"
}
