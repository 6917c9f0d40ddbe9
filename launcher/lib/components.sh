# shellcheck shell=bash
# Components: launcher/components/<NN>-<name>.sh, one per thing `up` starts. The file defines functions
# named <name>::<hook> (docs/launcher.md lists the hooks); nothing else in the launcher names a
# component. NN orders them: `up` starts the components whose NN begins with 1 (Redis, which the services
# cannot start without) together, waits for each in order, then those beginning with 2 (the other servers
# and the services) likewise; `down` stops them one component at a time, in reverse order.

COMPONENTS=()   # names, in file order
declare -gA COMPONENT_WAVE=()

load_components() {
  local file name
  for file in "$LAUNCHER"/components/[0-9][0-9]-*.sh; do
    name=${file##*/}; name=${name%.sh}
    COMPONENT_WAVE[${name#*-}]=${name:0:1}
    name=${name#*-}
    # shellcheck source=/dev/null  # a component file, checked on its own
    source "$file"
    COMPONENTS+=("$name")
  done
}

has_hook() { declare -F "$1::$2" >/dev/null; }  # has_hook COMPONENT HOOK

each_component() {  # each_component HOOK ARGS...: the hook of every component that has it, in order
  local c
  for c in "${COMPONENTS[@]}"; do
    if has_hook "$c" "$1"; then "$c::$1" "${@:2}"; fi
  done
}

all_names() { each_component programs; }  # every program, in start order

component_of() {  # component_of PROGRAM: the component that defines it
  local c
  for c in "${COMPONENTS[@]}"; do
    if "$c::programs" | grep -qxF -- "$1"; then echo "$c"; return 0; fi
  done
  return 1
}

waves() { printf '%s\n' "${COMPONENT_WAVE[@]}" | sort -u; }

# start_wave N: every program of wave N at once, then each waited for until its component says it is
# ready (its `ready`, within its `ready_timeout`, 30 s by default), then each component's `started`.
start_wave() {
  local c name names=()
  for c in "${COMPONENTS[@]}"; do
    [[ ${COMPONENT_WAVE[$c]} == "$1" ]] || continue
    mapfile -t -O "${#names[@]}" names < <("$c::programs")
  done
  (( ${#names[@]} )) || return 0
  start_programs "${names[@]}"
  for c in "${COMPONENTS[@]}"; do
    [[ ${COMPONENT_WAVE[$c]} == "$1" ]] || continue
    for name in $("$c::programs"); do wait_until "$name" "$(ready_timeout "$c")" "$c::ready" "$name"; done
    if has_hook "$c" started; then "$c::started"; fi
  done
}

ready_timeout() { if has_hook "$1" ready_timeout; then "$1::ready_timeout"; else echo "${GEODIG_INFRA_TIMEOUT:-30}"; fi; }

stop_all() {  # every component, last first (services before the collectors they flush to), then supervisord
  supervisor_running || return 0
  local i names
  for (( i = ${#COMPONENTS[@]} - 1; i >= 0; i-- )); do
    mapfile -t names < <("${COMPONENTS[i]}::programs")
    (( ${#names[@]} )) && stop_programs "${names[@]}"
  done
  stop_supervisor
}

module_programs() {  # module_programs MODULE: the programs that run MODULE's jar, in start order
  local c
  for c in "${COMPONENTS[@]}"; do
    if has_hook "$c" module && [[ $("$c::module") == "$1" ]]; then "$c::programs"; fi
  done
}
