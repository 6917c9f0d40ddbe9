# shellcheck shell=bash
# The demo DNS: one resolver every location's worker asks (Unbound, dns-resolver) and the demo zone's one
# authoritative server (Knot, dns-authoritative), which answers geodig.test by the EDNS Client Subnet a
# query carries (its geoip module, deploy/dns/geo.yaml). A location is told apart by the client subnet its
# worker sends, not by a server of its own. Both configurations are rendered from the templates in
# deploy/dns, as the tests and compose render them: no privilege drop, no chroot, everything in the state dir.

dns::packages() {
  echo knotd:knot unbound:unbound
  # The geoip module is a plugin of knotd, not a command: asked for whenever its file is missing.
  compgen -G '/usr/lib/*/knot/modules-*/geoip.so' >/dev/null || echo knot-module-geoip:knot-module-geoip
}
dns::ports() { echo port.dns-resolver port.dns-authoritative; }
# The resolver asks Knot only when it is queried, so the two may start together.
dns::programs() { echo dns-authoritative; echo dns-resolver; }

dns::define() {
  local knot="$STATE_DIR/dns/knot" knot_run unbound="$STATE_DIR/dns/unbound"
  knot_run=$(dns::knot_run_dir)
  # Knot warns at every start when its database directory is missing.
  mkdir -p "$knot" "$knot_run/db" "$unbound"
  dns::render knot.conf "$knot/knot.conf" RUN_DIR="$knot_run"
  dns::render unbound.conf "$unbound/unbound.conf" RUN_DIR="$unbound"
  define_program dns-authoritative "$knot" -- knotd -c "$knot/knot.conf"
  define_program dns-resolver "$unbound" -- unbound -d -c "$unbound/unbound.conf"
}

# Knot opens its control socket, knot.sock, in its rundir, and refuses to start when the path does not fit a
# unix socket's (~100 bytes): a deep state dir gets a rundir in /tmp named after it, as supervisord's socket does.
dns::knot_run_dir() {
  local dir="$STATE_DIR/dns/knot"
  (( ${#dir} <= 90 )) || dir="${TMPDIR:-/tmp}/geodig-$(printf '%s' "$STATE_DIR" | md5sum | cut -c1-16)-knot"
  echo "$dir"
}

# dns::render TEMPLATE OUT NAME=VALUE...: deploy/dns/TEMPLATE with every ${NAME} filled in (the values
# every template shares, then the given ones), written to OUT. A placeholder left over outside a comment is
# a template this launcher does not know how to fill: refused rather than handed to the server.
dns::render() {
  local template=$1 out=$2 text pair left; shift 2
  text=$(< "$ROOT/deploy/dns/$template") || die "cannot read deploy/dns/$template"
  for pair in LISTEN=127.0.0.1 AUTHORITATIVE_ADDRESS=127.0.0.1 AUTHORITATIVE_PORT="$(port dns-authoritative)" \
      RESOLVER_PORT="$(port dns-resolver)" ZONE_DIR="$ROOT/deploy/dns" NETWORK_ACCESS=refuse "$@"; do
    # The replacement quoted: a value's '&' stays an '&' (bash 5.2's patsub_replacement).
    text=${text//"\${${pair%%=*}}"/"${pair#*=}"}
  done
  left=$(grep -v '^[[:space:]]*#' <<< "$text" | grep -o '[$]{[^}]*}' | sort -u | tr '\n' ' ') || true
  [[ -z $left ]] || die "deploy/dns/$template: no value for ${left% }"
  printf '%s\n' "$text" > "$out"
}

# A bare query for the root SOA; any reply (REFUSED will do: neither serves the root) means it is serving.
dns::ready() {  # dns::ready dns-authoritative|dns-resolver
  local fd reply rc
  exec {fd}<>"/dev/udp/127.0.0.1/$(port "$1")" || return 1
  printf '\x12\x34\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x06\x00\x01' >&"$fd"
  IFS= read -r -d '' -t 1 -N 1 -u "$fd" reply 2>/dev/null; rc=$?
  exec {fd}>&-
  (( rc == 0 )) && [[ $reply == $'\x12' ]]
}

dns::listening() {
  echo "  dns resolver                  127.0.0.1:$(port dns-resolver)   (Unbound, ECS-aware cache; every worker asks it)"
  echo "  dns authoritative             127.0.0.1:$(port dns-authoritative)   (Knot, zone geodig.test by client subnet, deploy/dns/geo.yaml)"
}

dns::endpoints() {
  echo "GEODIG_DNS_RESOLVER=127.0.0.1:$(port dns-resolver)"
  echo "GEODIG_DNS_AUTHORITATIVE=127.0.0.1:$(port dns-authoritative)"
}
