#!/bin/sh
# Starts one geodig service with the OpenTelemetry Java agent.
#
# A service that exports straight to the central collector (the workers) must authenticate: when
# GEODIG_COLLECTOR_PASSWORD is set and no OTLP headers are, the basic-auth header is built here, as
# ./geodig does natively. The header value is percent-encoded, as OTEL_EXPORTER_OTLP_HEADERS requires
# (a '+' of base64 would otherwise be read as a space).
set -eu

if [ -n "${GEODIG_COLLECTOR_PASSWORD:-}" ] && [ -z "${OTEL_EXPORTER_OTLP_HEADERS:-}" ]; then
  token=$(printf '%s:%s' "${GEODIG_COLLECTOR_USER:-geodig}" "$GEODIG_COLLECTOR_PASSWORD" \
    | base64 | tr -d '\n' | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
  OTEL_EXPORTER_OTLP_HEADERS="Authorization=Basic%20$token"
  export OTEL_EXPORTER_OTLP_HEADERS
fi
# The secret is only needed to build the header: keep it out of the JVM's environment.
unset GEODIG_COLLECTOR_PASSWORD

# JAVA_OPTS: extra JVM options from compose (heap size and the like); word splitting is intended.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -javaagent:/app/opentelemetry-javaagent.jar -jar /app/service.jar "$@"
