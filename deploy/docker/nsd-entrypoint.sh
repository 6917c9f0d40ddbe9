#!/bin/sh
# Writes an NSD configuration for one location's demo zone and runs NSD in the foreground.
#
#   GEODIG_LOCATION   the location (required), e.g. eu-west-1: serves its zone file <location>.zone
#   GEODIG_DNS_LISTEN address@port to listen on (default 0.0.0.0@53)
#   GEODIG_ZONES_DIR  where the zone files are (default /etc/nsd/geodig)
#   GEODIG_NSD_DIR    where the configuration and NSD's state go (default /var/lib/geodig-nsd)
set -eu

location=${GEODIG_LOCATION:?GEODIG_LOCATION is required: a location with a zone file, e.g. eu-west-1}
listen=${GEODIG_DNS_LISTEN:-0.0.0.0@53}
zones=${GEODIG_ZONES_DIR:-/etc/nsd/geodig}
state=${GEODIG_NSD_DIR:-/var/lib/geodig-nsd}

[ -f "$zones/$location.zone" ] || { echo "no zone file $zones/$location.zone" >&2; exit 1; }
mkdir -p "$state"
# Same settings as ./geodig natively: no privilege drop or chroot inside the container, no database.
cat > "$state/nsd.conf" <<CONF
server:
  ip-address: $listen
  username: ""
  chroot: ""
  database: ""
  zonesdir: "$zones"
  zonelistfile: "$state/zone.list"
  xfrdfile: "$state/xfrd.state"
  pidfile: "$state/nsd.pid"
  server-count: 1
  verbosity: 1
  hide-version: yes
  # Debian's NSD rate-limits answers per client /24; the workers share few source addresses.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  # With rate limiting off its table (1,000,000 buckets, ~31 MB of shared memory) is still
  # allocated; one bucket is enough.
  rrl-size: 1
remote-control:
  control-enable: no
zone:
  name: geodig.test
  zonefile: "$location.zone"
CONF
nsd-checkconf "$state/nsd.conf"
exec nsd -d -c "$state/nsd.conf"
