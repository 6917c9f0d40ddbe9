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

topology_line() {  # topology_line N KEY VALUE: one line's key, checked and kept
  local n=$1 key=$2 value=$3 loc bad_label='["\[:cntrl:]]'
  [[ -z ${TOPOLOGY[$key]+set} ]] || topology_error "line $n repeats $key"
  if [[ $key =~ ^location\.([a-z0-9]+(-[a-z0-9]+)*)\.(dns-port|label)$ ]]; then
    loc=${BASH_REMATCH[1]}
    [[ " ${LOCATIONS[*]} " == *" $loc "* ]] || LOCATIONS+=("$loc")
    if [[ ${BASH_REMATCH[3]} == dns-port ]]; then topology_port "$key" "$value"
    elif [[ -z $value || $value =~ $bad_label ]]; then
      # Labels reach the gateway inside JSON the launcher writes.
      topology_error "$key must be text without quotes or backslashes, not '$value'"
    fi
  elif [[ $key =~ ^port\.[a-z0-9]+([.-][a-z0-9]+)*$ ]]; then topology_port "$key" "$value"
  else topology_error "unknown key $key (port.<name>, location.<name>.dns-port or location.<name>.label)"
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
  (( ${#LOCATIONS[@]} )) || topology_error "no location (location.<name>.dns-port=<port>)"
  for loc in "${LOCATIONS[@]}"; do
    [[ -n ${TOPOLOGY[location.$loc.dns-port]:-} ]] || topology_error "location $loc has no location.$loc.dns-port"
  done
  local -A seen=()
  for key in "${!TOPOLOGY[@]}"; do
    [[ $key == *.label ]] && continue
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
dns_port() {  # dns_port LOCATION
  [[ -n ${TOPOLOGY[location.$1.dns-port]:-} ]] || { echo "geodig: no location '$1' in $TOPOLOGY_FILE" >&2; return 1; }
  echo $(( 10#${TOPOLOGY[location.$1.dns-port]} + OFFSET ))
}
location_label() { echo "${TOPOLOGY[location.$1.label]:-$1}"; }  # the location's name when it has none
location_variable() { echo "$1" | tr 'a-z-' 'A-Z_'; }  # us-east-1 -> US_EAST_1, for variable names
locations_json() { local IFS=,; local quoted=("${LOCATIONS[@]/#/\"}"); quoted=("${quoted[@]/%/\"}"); echo "[${quoted[*]}]"; }

print_topology() {  # print_topology OFFSET: the topology as read, in the file's own format, OFFSET added to each port
  local key loc
  echo "# $TOPOLOGY_FILE as ./geodig reads it, port offset $1"
  for key in $(printf '%s\n' "${!TOPOLOGY[@]}" | grep '^port\.' | LC_ALL=C sort); do
    echo "$key=$(( 10#${TOPOLOGY[$key]} + $1 ))"
  done
  for loc in "${LOCATIONS[@]}"; do
    echo "location.$loc.dns-port=$(( 10#${TOPOLOGY[location.$loc.dns-port]} + $1 ))"
    [[ -z ${TOPOLOGY[location.$loc.label]:-} ]] || echo "location.$loc.label=${TOPOLOGY[location.$loc.label]}"
  done
}

all_ports() {  # every port the components use, offset included
  local key
  for key in $(each_component ports); do echo $(( 10#${TOPOLOGY[$key]} + OFFSET )); done
}
