# shellcheck shell=bash
## topology          the locations and ports this state dir's topology uses, offset included, in the
##                   format of deploy/topology.env (the file $GEODIG_TOPOLOGY names, else deploy/topology.env)

cmd_topology() {
  (( $# == 1 )) || usage_error "topology: takes no arguments"
  print_topology "$OFFSET"
}
