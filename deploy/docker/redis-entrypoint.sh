#!/bin/sh
# Starts Redis with geodig's users (deploy/redis/users.acl, mounted at /etc/geodig/users.acl): each
# role's password comes from the environment and only its SHA-256 goes into the ACL file Redis reads.
set -eu
acl=/tmp/users.acl
umask 077
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
grep -v -e '^#' -e '^[[:space:]]*$' /etc/geodig/users.acl \
  | sed -e "s/#{admin}/#$(hash "$GEODIG_REDIS_ADMIN_PASSWORD")/" \
        -e "s/#{gateway}/#$(hash "$GEODIG_REDIS_GATEWAY_PASSWORD")/" \
        -e "s/#{orchestrator}/#$(hash "$GEODIG_REDIS_ORCHESTRATOR_PASSWORD")/" \
        -e "s/#{worker}/#$(hash "$GEODIG_REDIS_WORKER_PASSWORD")/" > "$acl"
exec redis-server --save "" --appendonly no --aclfile "$acl"
