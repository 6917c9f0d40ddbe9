# shellcheck shell=bash
## build             build what the components run from source (Jaeger, if needed) and the jars
##                   (./mvnw package -DskipTests)

cmd_build() {
  (( $# == 1 )) || usage_error "build: takes no arguments"
  select_jdk
  each_component install
  build_jars
}
