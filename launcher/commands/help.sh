# shellcheck shell=bash
## help              this text

cmd_help() { print_help; }
