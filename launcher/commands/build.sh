# shellcheck shell=bash
## build             build what the components run from source (Jaeger, if needed) and the jars
##                   (./mvnw package -DskipTests), then train the AOT caches GEODIG_AOT_CACHE asks for (the
##                   client's; the services' too when on) if stale: a topology of its own on port offset 16000
##                   answers a few hundred lookups (about a minute; docs/startup.md)

cmd_build() {
  (( $# == 1 )) || usage_error "build: takes no arguments"
  install_runtime  # the training run starts a topology
  build_jars
  train_aot_caches || die "the AOT caches could not be trained (the jars are built; up starts without them)"
}
