#!/usr/bin/env bats
# The component contract (docs/launcher.md): every file in launcher/components/ provides the hooks `up`
# needs, and a new component is picked up from its file alone.

load helpers

REQUIRED_HOOKS=(programs define)

@test "every component has the required hooks, and its functions are named after it" {
  load_launcher
  (( ${#COMPONENTS[@]} >= 8 ))
  local c hook fn
  for c in "${COMPONENTS[@]}"; do
    for hook in "${REQUIRED_HOOKS[@]}"; do has_hook "$c" "$hook" || { echo "$c lacks $hook"; return 1; }; done
    # A component that runs programs says when they are ready; one that only writes configuration need not.
    if [[ -n $("$c::programs") ]]; then has_hook "$c" ready || { echo "$c runs programs but lacks ready"; return 1; }; fi
  done
  # Hooks and the helpers a component offers the others (redis::url, ...) carry its name.
  for fn in $(declare -F | awk '{ print $3 }' | grep '::'); do
    [[ " ${COMPONENTS[*]} " == *" ${fn%%::*} "* ]] || { echo "$fn belongs to no component"; return 1; }
  done
}

@test "every program belongs to exactly one component, in start order" {
  load_launcher
  local names
  names=$(all_names)
  [[ $(sort <<< "$names" | uniq -d) == "" ]]
  [[ $(head -n1 <<< "$names") == redis && $(tail -n1 <<< "$names") == dns-gateway ]]
  [[ $(component_of dns-worker-eu-west-1) == workers ]]
  [[ $(component_of collector-orchestrator) == collector-sidecars ]]
}

@test "Redis starts in wave 1; the other servers and the services together in wave 2, servers first" {
  load_launcher
  [[ $(waves | tr '\n' ' ') == "1 2 " ]]
  [[ ${COMPONENT_WAVE[redis]} == 1 && ${COMPONENT_WAVE[jaeger]} == 2 && ${COMPONENT_WAVE[gateway]} == 2 ]]
  local c
  for c in "${COMPONENTS[@]}"; do [[ $c == redis ]] || [[ ${COMPONENT_WAVE[$c]} == 2 ]] || { echo "$c in wave 1"; return 1; }; done
  [[ " $(all_names | tr '\n' ' ') " == *" collector-orchestrator prometheus dns-orchestrator "* ]]
}

@test "workers: one program per instance and location" {
  GEODIG_WORKERS_PER_LOCATION=2 load_launcher
  [[ $(workers::programs eu-west-1 | tr '\n' ' ') == "dns-worker-eu-west-1 dns-worker-eu-west-1-2 " ]]
  [[ $(workers::programs | wc -l) == $(( 2 * ${#LOCATIONS[@]} )) ]]
}

@test "a new component is one file: its port is required, its programs are listed" {
  local copy="$BATS_TEST_TMPDIR/repo"
  mkdir -p "$copy"
  cp -r "$ROOT/launcher" "$ROOT/geodig" "$copy/"
  ln -s "$ROOT/deploy" "$copy/deploy"
  cat > "$copy/launcher/components/15-example.sh" <<'COMPONENT'
# shellcheck shell=bash
example::ports() { echo port.example; }
example::programs() { echo example; }
example::define() { define_program example "$STATE_DIR" -- sleep 1; }
example::ready() { true; }
COMPONENT
  run -2 "$copy/geodig" topology
  [[ $output == *"no port.example"* ]]
  printf 'port.example=7777\n' >> "$TOPOLOGY"
  run -0 "$copy/geodig" topology
  [[ $output == *$'\nport.example=7777\n'* ]]
  load_launcher "$copy"
  [[ $(component_of example) == example && ${COMPONENT_WAVE[example]} == 1 ]]
  # Wave 1, after the components whose files sort before it, and before wave 2.
  [[ " $(all_names | tr '\n' ' ') " == *" redis example dns-authoritative "*" dns-orchestrator "* ]]
}

@test "dns: Knot's and Unbound's configurations are rendered whole, on the topology's ports" {
  GEODIG_PORT_OFFSET=1000 load_launcher
  write_supervisor_conf
  dns::define
  local knot="$STATE_DIR/dns/knot/knot.conf" unbound="$STATE_DIR/dns/unbound/unbound.conf"
  # No placeholder left but in the templates' comments.
  run -1 grep -n '^[^#]*[$]{' "$knot" "$unbound"
  grep -qx '  listen: 127.0.0.1@6310' "$knot"
  grep -qF "config-file: \"$ROOT/deploy/dns/geo.yaml\"" "$knot"
  grep -qF "storage: \"$STATE_DIR/dns/knot/db\"" "$knot"
  [[ -d $STATE_DIR/dns/knot/db ]]
  grep -qx '  interface: 127.0.0.1@6300' "$unbound"
  grep -qx '  stub-addr: 127.0.0.1@6310' "$unbound"
  grep -qx '  access-control: 0.0.0.0/0 refuse' "$unbound"
  grep -qx '  do-daemonize: no' "$unbound"
  [[ $(dns::programs | tr '\n' ' ') == "dns-authoritative dns-resolver " ]]
  grep -q "knotd -c $knot\$" "$STATE_DIR/programs/dns-authoritative.sh"
  grep -q "unbound -d -c $unbound\$" "$STATE_DIR/programs/dns-resolver.sh"
  [[ $(dns::endpoints) == $'GEODIG_DNS_RESOLVER=127.0.0.1:6300\nGEODIG_DNS_AUTHORITATIVE=127.0.0.1:6310' ]]
}

@test "dns: the rendered configurations are valid for knotc and unbound-checkconf" {
  command -v knotc >/dev/null && command -v unbound-checkconf >/dev/null || skip "knot or unbound not installed"
  load_launcher
  write_supervisor_conf
  dns::define
  run -0 knotc -c "$STATE_DIR/dns/knot/knot.conf" conf-check
  run -0 unbound-checkconf "$STATE_DIR/dns/unbound/unbound.conf"
}

@test "dns: a template placeholder the launcher has no value for is refused" {
  local copy="$BATS_TEST_TMPDIR/repo"
  mkdir -p "$copy"
  cp -r "$ROOT/launcher" "$ROOT/geodig" "$ROOT/deploy" "$copy/"
  # shellcheck disable=SC2016  # the placeholders are the point: written as they stand
  printf 'server:\n  # ${COMMENTED} is fine\n  identity: ${IDENTITY}\n' >> "$copy/deploy/dns/unbound.conf"
  load_launcher "$copy"
  write_supervisor_conf
  run -1 dns::define
  [[ $output == *"deploy/dns/unbound.conf: no value for \${IDENTITY}" ]]
}

@test "workers and the gateway get each location's resolver, client subnet and ecs" {
  printf 'location.sa-east-1.client-subnet=2001:db8:4::/56,192.0.2.128/25\nlocation.sa-east-1.ecs=off\n' >> "$TOPOLOGY"
  GEODIG_PORT_OFFSET=1000 load_launcher
  [[ $(workers::resolvers sa-east-1) == 127.0.0.1:6300 ]]
  GEODIG_RESOLVERS_SA_EAST_1=192.0.2.53:53 run -0 workers::resolvers sa-east-1
  [[ $output == 192.0.2.53:53 ]]
  write_supervisor_conf
  workers::define
  grep -q 'GEODIG_WORKER_CLIENT_SUBNET=2001:db8:4::/56\\,192.0.2.128/25 GEODIG_WORKER_ECS=off' "$STATE_DIR/programs/dns-worker-sa-east-1.sh"
  grep -q 'GEODIG_WORKER_RESOLVERS=127.0.0.1:6300 GEODIG_WORKER_CLIENT_SUBNET=192.0.2.0/24 GEODIG_WORKER_ECS=on' "$STATE_DIR/programs/dns-worker-us-east-1.sh"
  [[ $(gateway::location_details_json) == *'"sa-east-1":{"label":"sa-east-1","resolver":"127.0.0.1:6300","client-subnet":"2001:db8:4::/56,192.0.2.128/25","ecs":"off"}}}}}' ]]
}
