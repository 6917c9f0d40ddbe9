#!/usr/bin/env bats
# The topology file as the launcher reads it: what it refuses (exit 2, naming the line or key), and how
# the port offset shifts every port. (testkit's TopologyFileTest checks the launcher and the tests'
# TopologyFile read the same values.)

load helpers

@test "the repository's topology is printed in its own format" {
  run -0 geodig topology
  [[ ${lines[0]} == "# $TOPOLOGY as ./geodig reads it, port offset 0" ]]
  [[ $output == *$'\nport.gateway=8080\n'* ]]
  [[ $output == *$'\nport.dns-resolver=5300\n'* ]]
  [[ $output == *$'\nlocation.us-east-1.client-subnet=192.0.2.0/24\nlocation.us-east-1.ecs=on\n'* ]]
}

@test "a location with both families, or with ecs off, is accepted as written" {
  printf 'location.sa-east-1.client-subnet=2001:db8:4::/56,192.0.2.128/25\nlocation.sa-east-1.ecs=off\n' >> "$TOPOLOGY"
  run -0 geodig topology
  # Last, and without a label (the page shows its name).
  [[ $output == *$'\nlocation.sa-east-1.client-subnet=2001:db8:4::/56,192.0.2.128/25\nlocation.sa-east-1.ecs=off' ]]
}

@test "a missing file is refused" {
  GEODIG_TOPOLOGY="$BATS_TEST_TMPDIR/none.env" run -2 geodig topology
  [[ $output == *"none.env: cannot read it"* ]]
}

@test "a line that is not KEY=VALUE is refused with its number" {
  printf 'not a pair\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"line $(wc -l < "$TOPOLOGY") is not KEY=VALUE: not a pair"* ]]
}

@test "an unknown key, a repeated key and a bad port are refused" {
  printf 'zone=geodig.test\n' >> "$TOPOLOGY"
  run -2 geodig status
  [[ $output == *"unknown key zone"* ]]
  cp "$ROOT/deploy/topology.env" "$TOPOLOGY"; printf 'port.gateway=9090\n' >> "$TOPOLOGY"
  run -2 geodig status
  [[ $output == *"repeats port.gateway"* ]]
  without_line '^port.redis='; printf 'port.redis=65536\n' >> "$TOPOLOGY"
  run -2 geodig status
  [[ $output == *"port.redis must be a port number from 1 to 65535, not '65536'"* ]]
}

@test "a port given twice is refused" {
  without_line '^port.redis='; printf 'port.redis=8080\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"port 8080 is given twice"* ]]
}

@test "a port a component needs must be in the file" {
  without_line '^port.orchestrator='
  run -2 geodig topology
  [[ $output == *"no port.orchestrator (the components need: "* ]]
}

@test "a file without locations, or a location without its client subnet, is refused" {
  without_line '^location\.'
  run -2 geodig topology
  [[ $output == *"no location (location.<name>.client-subnet=<address/prefix>)"* ]]
  printf 'location.mars-north-1.label=Mars\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location mars-north-1 has no location.mars-north-1.client-subnet"* ]]
  printf 'location.mars-north-1.ecs=on\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location mars-north-1 has no location.mars-north-1.client-subnet"* ]]
}

@test "a client subnet must be one IPv4 and/or one IPv6 address/prefix" {
  local bad
  for bad in 192.0.2.0/33 foo 192.0.2.0 256.0.0.0/8 010.0.0.0/8 192.0.2.0/024 2001:db8::/129 2001:db8::1::/64 \
      '192.0.2.0/24, 2001:db8::/56' '"192.0.2.0/24"' '192.0.2.0/24,'; do
    cp "$ROOT/deploy/topology.env" "$TOPOLOGY"; printf 'location.x.client-subnet=%s\n' "$bad" >> "$TOPOLOGY"
    run -2 geodig topology
    [[ $output == *"location.x.client-subnet must be one IPv4 and/or one IPv6 address/prefix"* ]] || { echo "accepted: $bad"; return 1; }
  done
  cp "$ROOT/deploy/topology.env" "$TOPOLOGY"; printf 'location.x.client-subnet=192.0.2.0/24,198.51.100.0/24\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location.x.client-subnet has two IPv4 prefixes, at most one per family"* ]]
  cp "$ROOT/deploy/topology.env" "$TOPOLOGY"; printf 'location.x.client-subnet=2001:db8::/56,2001:db8:1::/56\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location.x.client-subnet has two IPv6 prefixes"* ]]
  cp "$ROOT/deploy/topology.env" "$TOPOLOGY"; printf 'location.x.client-subnet=192.0.2.0/24,2001:db8::/56,2001:db8:1::/56\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location.x.client-subnet must be one IPv4 and/or one IPv6"* ]]
}

@test "ecs is on or off, nothing else" {
  printf 'location.us-east-1.ecs=maybe\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location.us-east-1.ecs must be on or off, not 'maybe'"* ]]
}

@test "the old per-location DNS port is refused, saying what replaced it" {
  printf 'location.us-east-1.dns-port=5301\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *"location.us-east-1.dns-port is gone"*"port.dns-resolver"*"location.us-east-1.client-subnet=<address/prefix>"* ]]
}

@test "a label with a quote is refused" {
  printf 'location.x.client-subnet=192.0.2.0/24\nlocation.x.label=say "hi"\n' >> "$TOPOLOGY"
  run -2 geodig topology
  [[ $output == *'location.x.label must be text without quotes or backslashes'* ]]
}

@test "the offset shifts every port, the DNS servers' too, and no subnet" {
  GEODIG_PORT_OFFSET=1000 run -0 geodig topology
  [[ ${lines[0]} == *"port offset 1000" ]]
  [[ $output == *$'\nport.gateway=9080\n'* ]]
  [[ $output == *$'\nport.redis=7379\n'* ]]
  [[ $output == *$'\nport.dns-resolver=6300\nport.gateway=9080\n'* ]]
  [[ $output == *$'\nport.dns-authoritative=6310\n'* ]]
  [[ $output == *$'\nlocation.asia-south-1.client-subnet=203.0.113.0/24\n'* ]]
}

@test "the offset must be a number from 0 to 40000" {
  GEODIG_PORT_OFFSET=abc run -2 geodig topology
  [[ $output == *"GEODIG_PORT_OFFSET must be a number from 0 to 40000, got 'abc'"* ]]
  GEODIG_PORT_OFFSET=40001 run -2 geodig topology
  [[ $output == *"got '40001'"* ]]
  GEODIG_PORT_OFFSET=-1 run -2 geodig topology
}

@test "an offset that pushes a port past 65535 is refused" {
  printf 'port.extra=30000\n' >> "$TOPOLOGY"
  GEODIG_PORT_OFFSET=35535 run -0 geodig topology
  GEODIG_PORT_OFFSET=35536 run -2 geodig topology
  [[ $output == *"port.extra 30000 + GEODIG_PORT_OFFSET 35536 is past 65535"* ]]
}

@test "the offset up used is kept in the state dir for the commands after it" {
  mkdir -p "$GEODIG_STATE_DIR"; echo 2000 > "$GEODIG_STATE_DIR/port-offset"
  run -0 geodig topology
  [[ $output == *$'\nport.gateway=10080\n'* ]]
  GEODIG_PORT_OFFSET=0 run -0 geodig topology
  [[ $output == *$'\nport.gateway=8080\n'* ]]
}
