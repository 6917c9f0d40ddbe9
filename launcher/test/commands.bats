#!/usr/bin/env bats
# The commands as a user meets them without a running topology: help lists every one, wrong arguments
# are refused with exit 2 before anything is installed or started, and the commands that need a running
# topology say it is not running.

load helpers

# Every command the README's table documents.
COMMANDS=(up down status pid stop start restart topology redis-cli logs build test soak bench lookup trace traces faults help)

@test "help lists every command, and every command file's usage" {
  run -0 geodig help
  local cmd file line
  for cmd in "${COMMANDS[@]}"; do
    [[ $output =~ (^|$'\n')"  "([a-z|-]*\|)?"$cmd"[\ \|] ]] || { echo "help does not list $cmd"; return 1; }
  done
  for file in "$ROOT"/launcher/commands/*.sh; do
    line=$(grep -m1 '^## ' "$file") || { echo "$file has no usage line"; return 1; }
    [[ $output == *"  ${line#\#\# }"* ]] || { echo "help lacks ${line#\#\# }"; return 1; }
  done
}

@test "the README has the two commands, and a row of its table for every other" {
  grep -qE '^\./geodig up +#' "$ROOT/README.md"
  grep -qE '^\./geodig test +#' "$ROOT/README.md"
  local cmd
  for cmd in "${COMMANDS[@]}"; do
    [[ $cmd == up || $cmd == test ]] && continue
    grep -qE "^\| \`\./geodig ([a-z\\|-]*\|)?${cmd}[\` |\\]" "$ROOT/README.md" || { echo "README lacks $cmd"; return 1; }
  done
}

@test "an unknown command exits 2 with the help on stderr" {
  run -2 --separate-stderr geodig frobnicate
  [[ -z $output ]]
  # shellcheck disable=SC2154  # bats sets $stderr for --separate-stderr
  [[ $stderr == *"unknown command 'frobnicate'"* && $stderr == *"Usage: ./geodig <command>"* ]]
}

@test "no command is help" {
  run -0 geodig
  [[ ${lines[0]} == "Usage: ./geodig <command> [options]" ]]
}

@test "up refuses an unknown option before installing anything" {
  run -2 geodig up --fast
  [[ $output == "geodig: up: unknown option '--fast' (see ./geodig help)" ]]
  [[ ! -e $GEODIG_STATE_DIR/supervisord.conf ]]
}

@test "commands without arguments refuse them" {
  local cmd
  for cmd in down status topology build; do
    run -2 geodig "$cmd" extra
    [[ $output == "geodig: $cmd: takes no arguments (see ./geodig help)" ]] || { echo "$cmd: $output"; return 1; }
  done
}

@test "pid, stop, start and restart need a name" {
  local cmd
  for cmd in pid stop start restart; do
    run -2 geodig "$cmd"
    [[ $output == *"$cmd: name a process"* ]] || { echo "$cmd: $output"; return 1; }
  done
}

@test "commands on the running topology say when it is not running" {
  run -1 geodig pid redis
  [[ $output == *"not running (no supervisord for $GEODIG_STATE_DIR)"* ]]
  run -1 geodig redis-cli ping
  [[ $output == *"not running"* ]]
  run -0 geodig status
  [[ $output == *"not running"*"./geodig up starts everything"* ]]
  run -0 geodig down
  [[ $output == *"nothing to stop"* ]]
}

@test "logs takes one name and -f" {
  run -2 geodig logs -x
  [[ $output == *"logs: unknown option '-x'"* ]]
  run -2 geodig logs gateway redis
  [[ $output == *"logs: one name at a time"* ]]
  run -0 geodig logs
  [[ ${lines[0]} == "logs in $GEODIG_STATE_DIR/logs (./geodig logs <name> [-f]):" ]]
  run -1 geodig logs gateway
  [[ $output == *"no single log matches 'gateway'"* ]]
}

@test "soak checks its options before any load" {
  run -2 geodig soak --hours=1
  [[ $output == *"soak: unknown option '--hours=1'"* ]]
  run -2 geodig soak --minutes=0
  [[ $output == *"--minutes and --connections take 1 to 99"* ]]
  run -2 geodig soak --connections=100
  run -1 geodig soak --minutes=1
  [[ $output == *"soak needs the topology running"* ]]
}

@test "the number of workers per location must be 1 to 9" {
  GEODIG_WORKERS_PER_LOCATION=0 run -2 geodig status
  [[ $output == *"GEODIG_WORKERS_PER_LOCATION must be a number from 1 to 9, got '0'"* ]]
  GEODIG_WORKERS_PER_LOCATION=x run -2 geodig topology
}
