# shellcheck shell=bash
# Redis: the streams dns:tasks and dns:results and the consumer groups. No persistence. One ACL user
# per role, each allowed only the commands and keys that role needs: the rules are in
# deploy/redis/users.acl. Passwords are generated once per state dir, one file each (mode 600) in
# $STATE_DIR/redis-users/; the ACL file Redis reads holds only their SHA-256, and each service gets its
# own in GEODIG_REDIS_URL (environment, never a command line or a log).

REDIS_ROLES=(admin gateway orchestrator worker)

redis::packages() { echo redis-server:redis-server redis-cli:redis-tools; }
redis::ports() { echo port.redis; }
redis::programs() { echo redis; }

redis::define() {
  redis::write_acl
  define_program redis "$STATE_DIR/redis" -- redis-server --bind 127.0.0.1 --port "$(port redis)" \
    --save "" --appendonly no --dir "$STATE_DIR/redis" --daemonize no --protected-mode yes --logfile "" \
    --aclfile "$STATE_DIR/redis/users.acl"
}

redis::ready() { [[ "$(redis::admin ping 2>/dev/null)" == PONG ]]; }

redis::listening() {
  printf '  redis                         127.0.0.1:%s   (ACL users gateway, orchestrator, worker, geodig-admin; passwords in %s; ./geodig redis-cli)\n' \
    "$(port redis)" "$STATE_DIR/redis-users"
}

redis::endpoints() {
  echo "GEODIG_REDIS_ADDRESS=127.0.0.1:$(port redis)"
  echo "GEODIG_REDIS_USERS_DIR=$STATE_DIR/redis-users"
}

redis::user() { [[ $1 == admin ]] && echo geodig-admin || echo "$1"; }
redis::password() { generated_secret "redis-users/$1"; }  # redis::password ROLE
redis::url() { echo "redis://$(redis::user "$1"):$(redis::password "$1")@127.0.0.1:$(port redis)"; }

# redis-cli as the admin user; the password goes by environment, never on a command line.
redis::admin() {
  REDISCLI_AUTH="$(redis::password admin)" redis-cli --no-auth-warning --user geodig-admin -h 127.0.0.1 -p "$(port redis)" "$@"
}

redis::write_acl() {  # deploy/redis/users.acl with each role's password hash, comments dropped
  local role sha sed_args=() acl="$STATE_DIR/redis/users.acl"
  mkdir -p "$STATE_DIR/redis"
  for role in "${REDIS_ROLES[@]}"; do
    sha=$(printf '%s' "$(redis::password "$role")" | sha256sum | cut -d' ' -f1)
    sed_args+=(-e "s/#{$role}/#$sha/")
  done
  (umask 077; grep -v -e '^#' -e '^[[:space:]]*$' "$ROOT/deploy/redis/users.acl" | sed "${sed_args[@]}" > "$acl")
}
