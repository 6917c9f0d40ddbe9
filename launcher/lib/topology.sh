# shellcheck shell=bash
# The topology: the locations and every base port, from one file (deploy/topology.env, or the file
# $GEODIG_TOPOLOGY names), read by the rules the tests' TopologyFile follows (docs/configuration.md).
# Each port is shifted by the offset. A component names the keys it needs (its `ports`); the file must
# have them all.

declare -gA TOPOLOGY=()  # every KEY=VALUE of the file
LOCATIONS=()            # in the order they first appear in it

topology_error() { echo "geodig: topology file $TOPOLOGY_FILE: $*" >&2; exit 2; }
topology_port() {  # topology_port KEY VALUE: a port number, or the file is refused
  if ! [[ $2 =~ ^[0-9]{1,5}$ ]] || (( 10#$2 < 1 || 10#$2 > 65535 )); then
    topology_error "$1 must be a port number from 1 to 65535, not '$2'"
  fi
}

# topology_subnet KEY VALUE: one or two address/prefix values, comma-separated, at most one per family (the
# first is the one the location's worker sends), or the file is refused. The value reaches the gateway inside
# JSON the launcher writes, and the workers as is: no blanks or quotes get through.
topology_subnet() {
  local key=$1 value=$2 net address prefix families="" octet='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])' ipv4
  ipv4="^$octet(\.$octet){3}$"  # no leading zeros, here or in the prefix: some readers take them for octal
  local -a nets
  IFS=, read -r -a nets <<< "$value"
  if [[ -z $value || $value == *, || ${#nets[@]} -gt 2 ]]; then
    topology_error "$key must be one IPv4 and/or one IPv6 address/prefix, comma-separated, not '$value'"
  fi
  for net in "${nets[@]}"; do
    address=${net%/*} prefix=${net##*/}
    if [[ $net == */* && $prefix =~ ^(0|[1-9][0-9]{0,2})$ && $address =~ $ipv4 ]] && (( prefix <= 32 )); then
      families+=4
    elif [[ $net == */* && $prefix =~ ^(0|[1-9][0-9]{0,2})$ ]] && topology_ipv6 "$address" && (( prefix <= 128 )); then
      families+=6
    else
      topology_error "$key must be one IPv4 and/or one IPv6 address/prefix (IPv4 prefix 0-32, IPv6 0-128), not '$net'"
    fi
  done
  [[ $families != 44 && $families != 66 ]] || topology_error "$key has two IPv${families:0:1} prefixes, at most one per family: '$value'"
}

topology_ipv6() {  # topology_ipv6 ADDRESS: eight hex groups, or fewer with one '::' standing for the rest
  local group='[0-9a-fA-F]{1,4}' groups head tail
  groups="^($group(:$group)*)?$"
  if [[ $1 != *::* ]]; then [[ $1 =~ ^($group:){7}$group$ ]]; return; fi
  head=${1%%::*} tail=${1#*::}
  [[ $tail != *::* && $head =~ $groups && $tail =~ $groups ]] || return 1
  local -a before after
  IFS=: read -r -a before <<< "$head"; IFS=: read -r -a after <<< "$tail"
  (( ${#before[@]} + ${#after[@]} <= 7 ))
}

topology_line() {  # topology_line N KEY VALUE: one line's key, checked and kept
  local n=$1 key=$2 value=$3 loc bad_label='["\[:cntrl:]]'
  [[ -z ${TOPOLOGY[$key]+set} ]] || topology_error "line $n repeats $key"
  if [[ $key =~ ^location\.([a-z0-9]+(-[a-z0-9]+)*)\.dns-port$ ]]; then
    topology_error "$key is gone: the locations share one resolver (port.dns-resolver) and each is told apart" \
      "by the client subnet its worker sends, location.${BASH_REMATCH[1]}.client-subnet=<address/prefix> (docs/configuration.md)"
  elif [[ $key =~ ^location\.([a-z0-9]+(-[a-z0-9]+)*)\.(client-subnet|ecs|label)$ ]]; then
    loc=${BASH_REMATCH[1]}
    [[ " ${LOCATIONS[*]} " == *" $loc "* ]] || LOCATIONS+=("$loc")
    case ${BASH_REMATCH[3]} in
      client-subnet) topology_subnet "$key" "$value" ;;
      ecs) [[ $value == on || $value == off ]] || topology_error "$key must be on or off, not '$value'" ;;
      label)
        # Labels reach the gateway inside JSON the launcher writes.
        [[ -n $value && ! $value =~ $bad_label ]] || topology_error "$key must be text without quotes or backslashes, not '$value'" ;;
    esac
  elif [[ $key =~ ^port\.[a-z0-9]+([.-][a-z0-9]+)*$ ]]; then topology_port "$key" "$value"
  else topology_error "unknown key $key (port.<name>, location.<name>.client-subnet, location.<name>.ecs or location.<name>.label)"
  fi
  TOPOLOGY[$key]=$value
}

read_topology() {
  local line n=0 key value loc
  [[ -f $TOPOLOGY_FILE && -r $TOPOLOGY_FILE ]] || topology_error "cannot read it"
  while IFS= read -r line || [[ -n $line ]]; do
    n=$(( n + 1 ))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^([a-z0-9.-]+)=(.*)$ ]] || topology_error "line $n is not KEY=VALUE: $line"
    value=${BASH_REMATCH[2]}
    value=${value%"${value##*[![:space:]]}"}  # trailing blanks (and a CR) are not part of it
    topology_line "$n" "${BASH_REMATCH[1]}" "$value"
  done < "$TOPOLOGY_FILE"
  (( ${#LOCATIONS[@]} )) || topology_error "no location (location.<name>.client-subnet=<address/prefix>)"
  for loc in "${LOCATIONS[@]}"; do
    [[ -n ${TOPOLOGY[location.$loc.client-subnet]:-} ]] || topology_error "location $loc has no location.$loc.client-subnet"
  done
  local -A seen=()
  for key in "${!TOPOLOGY[@]}"; do
    [[ $key == port.* ]] || continue
    value=$(( 10#${TOPOLOGY[$key]} ))
    [[ -z ${seen[$value]:-} ]] || topology_error "port $value is given twice (${seen[$value]}, $key)"
    seen[$value]=$key
    (( value + OFFSET <= 65535 )) || topology_error "$key $value + GEODIG_PORT_OFFSET $OFFSET is past 65535"
  done
  for key in $(each_component ports); do
    [[ -n ${TOPOLOGY[$key]:-} ]] || topology_error "no $key (the components need: $(each_component ports | tr '\n' ' '))"
  done
}

port() {  # port NAME: port.NAME of the topology file, plus the offset
  [[ -n ${TOPOLOGY[port.$1]:-} ]] || topology_error "no port.$1"
  echo $(( 10#${TOPOLOGY[port.$1]} + OFFSET ))
}
location_client_subnet() {  # location_client_subnet LOCATION: its address/prefix value(s), the one sent first
  [[ -n ${TOPOLOGY[location.$1.client-subnet]:-} ]] || { echo "geodig: no location '$1' in $TOPOLOGY_FILE" >&2; return 1; }
  echo "${TOPOLOGY[location.$1.client-subnet]}"
}
location_ecs() { echo "${TOPOLOGY[location.$1.ecs]:-on}"; }  # on or off: whether its worker sends the subnet
location_label() { echo "${TOPOLOGY[location.$1.label]:-$1}"; }  # the location's name when it has none
location_variable() { echo "$1" | tr 'a-z-' 'A-Z_'; }  # us-east-1 -> US_EAST_1, for variable names
locations_json() { local IFS=,; local quoted=("${LOCATIONS[@]/#/\"}"); quoted=("${quoted[@]/%/\"}"); echo "[${quoted[*]}]"; }

# print_topology OFFSET: the topology as read, in the file's own format, OFFSET added to each port; a
# location's ecs is printed when the file leaves it to its default too.
print_topology() {
  local key loc
  echo "# $TOPOLOGY_FILE as ./geodig reads it, port offset $1"
  for key in $(printf '%s\n' "${!TOPOLOGY[@]}" | grep '^port\.' | LC_ALL=C sort); do
    echo "$key=$(( 10#${TOPOLOGY[$key]} + $1 ))"
  done
  for loc in "${LOCATIONS[@]}"; do
    echo "location.$loc.client-subnet=${TOPOLOGY[location.$loc.client-subnet]}"
    echo "location.$loc.ecs=$(location_ecs "$loc")"
    [[ -z ${TOPOLOGY[location.$loc.label]:-} ]] || echo "location.$loc.label=${TOPOLOGY[location.$loc.label]}"
  done
}

all_ports() {  # every port the components use, offset included
  local key
  for key in $(each_component ports); do echo $(( 10#${TOPOLOGY[$key]} + OFFSET )); done
}
