# syntax=docker/dockerfile:1
#
# The offline demo's DNS servers: Debian's NSD serving the demo zone deploy/dns/<location>.zone, one
# container per location (GEODIG_LOCATION picks the zone), as ./geodig runs them natively.
#
#   docker build -f deploy/docker/nsd.Dockerfile -t geodig/nsd:local .
#   docker run -e GEODIG_LOCATION=eu-west-1 geodig/nsd:local

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nsd \
 && rm -rf /var/lib/apt/lists/*
COPY deploy/dns/ /etc/nsd/geodig/
COPY deploy/docker/nsd-entrypoint.sh /usr/local/bin/nsd-entrypoint.sh
# Every zone must load before the image is usable: a broken zone file fails the build, not the demo.
RUN for zone in /etc/nsd/geodig/*.zone; do nsd-checkzone geodig.test "$zone"; done
EXPOSE 53/udp 53/tcp
ENTRYPOINT ["/usr/local/bin/nsd-entrypoint.sh"]
