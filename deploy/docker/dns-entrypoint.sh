#!/bin/sh
# Renders one of the demo DNS's configuration templates (deploy/dns, copied to /etc/geodig/dns) with
# envsubst and runs its server in the foreground, as ./geodig does natively (launcher/components/20-dns.sh
# renders the same templates).
#
#   dns-entrypoint.sh authoritative   Knot, the demo zone's authoritative server (knot.conf)
#   dns-entrypoint.sh resolver        Unbound, the resolver the workers ask (unbound.conf)
#   dns-entrypoint.sh check           renders both with sample values and checks them (the image build)
#
# The placeholders come from the environment: LISTEN, AUTHORITATIVE_PORT, RESOLVER_PORT,
# AUTHORITATIVE_ADDRESS, NETWORK_ACCESS, and ZONE_DIR and RUN_DIR (defaults below). Only those set are
# substituted, so one left unset stays in the file as ${NAME} and is refused rather than becoming empty.
set -eu
PLACEHOLDERS='LISTEN AUTHORITATIVE_PORT RESOLVER_PORT AUTHORITATIVE_ADDRESS NETWORK_ACCESS ZONE_DIR RUN_DIR'
export ZONE_DIR="${ZONE_DIR:-/etc/geodig/dns}"

render() {  # render TEMPLATE: writes $RUN_DIR/TEMPLATE, every placeholder filled, and prints its path
  formats='' conf="$RUN_DIR/$1"
  for var in $PLACEHOLDERS; do
    if printenv "$var" >/dev/null; then formats="$formats \${$var}"; fi
  done
  mkdir -p "$RUN_DIR/db"  # Knot's database (it warns at every start when missing)
  envsubst "$formats" < "$ZONE_DIR/$1" > "$conf"
  # Comments may name placeholders; a setting may not keep one.
  if grep -n '^[^#]*[$]{' "$conf" >&2; then
    echo "dns-entrypoint.sh: $1: the placeholders above are not set in the environment" >&2
    exit 2
  fi
  echo "$conf"
}

case "${1:-}" in
  authoritative)
    export RUN_DIR="${RUN_DIR:-/var/lib/geodig-dns/authoritative}"
    conf=$(render knot.conf)
    exec knotd -c "$conf" ;;
  resolver)
    export RUN_DIR="${RUN_DIR:-/var/lib/geodig-dns/resolver}"
    conf=$(render unbound.conf)
    exec unbound -d -c "$conf" ;;
  check)
    export LISTEN=127.0.0.1 AUTHORITATIVE_ADDRESS=127.0.0.1 AUTHORITATIVE_PORT=5310 RESOLVER_PORT=5300 NETWORK_ACCESS=refuse
    export RUN_DIR=/tmp/geodig-dns-check/authoritative
    conf=$(render knot.conf)
    knotc -c "$conf" conf-check
    export RUN_DIR=/tmp/geodig-dns-check/resolver
    conf=$(render unbound.conf)
    unbound-checkconf "$conf"
    rm -rf /tmp/geodig-dns-check ;;
  *)
    echo "usage: dns-entrypoint.sh authoritative|resolver|check" >&2
    exit 2 ;;
esac
