# shellcheck shell=bash
# Injected faults (docs/faults.md): the flag file, in flagd's format, that the gateway writes and the
# worker and orchestrator watch. Natively the OpenFeature flagd provider reads it in its file mode, so no
# flagd process runs (compose runs flagd's image on the same file). Also the token that lets a client
# other than loopback change faults. Every `up` starts with all faults off.

faults::programs() { :; }  # no process of its own
faults::flag_file() { echo "$STATE_DIR/flags/faults.flagd.json"; }
faults::token_file() { echo "$STATE_DIR/faults.token"; }

faults::define() {
  mkdir -p "$STATE_DIR/flags"
  cp "$ROOT/deploy/flags/faults.flagd.json" "$(faults::flag_file)"
  if [[ ! -s $(faults::token_file) ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$(faults::token_file)")
  fi
  chmod 600 "$(faults::token_file)"
}

# The gateway's settings: changes allowed (from loopback, or with the token), written to the flag file.
faults::gateway_environment() {
  echo "GEODIG_GATEWAY_FAULTS_FLAG_FILE=$(faults::flag_file)"
  echo "GEODIG_GATEWAY_FAULTS_CONTROL_ENABLED=true"
  echo "GEODIG_GATEWAY_FAULTS_TOKEN_FILE=$(faults::token_file)"
}

faults::listening() {
  echo "  faults (all off)              $(faults::flag_file); ./geodig faults, or the page's Faults view"
}

faults::endpoints() {
  echo "GEODIG_FAULTS_FLAG_FILE=$(faults::flag_file)"
  echo "GEODIG_FAULTS_TOKEN_FILE=$(faults::token_file)"
}
