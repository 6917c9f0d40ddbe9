# shellcheck shell=bash
## redis-cli [ARGS]  redis-cli on this topology's Redis, signed in as its admin user (e.g. xinfo groups dns:tasks)

cmd_redis_cli() {
  shift
  require_supervisor
  redis::admin "$@"
}
