# syntax=docker/dockerfile:1
#
# The offline demo's DNS, one image for its two servers, as ./geodig runs them natively: Knot DNS, the demo
# zone's authoritative server, answering by client subnet with its geoip module (deploy/dns/geo.yaml), and
# Unbound, the resolver every worker asks. The entrypoint renders the same templates as the launcher
# (deploy/dns/knot.conf, unbound.conf) with envsubst; compose.yaml sets their placeholders.
#
#   docker build -f deploy/docker/dns.Dockerfile -t geodig/dns:local .
#   docker run -e LISTEN=0.0.0.0 -e AUTHORITATIVE_PORT=53 geodig/dns:local authoritative

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends knot knot-module-geoip unbound gettext-base \
 && rm -rf /var/lib/apt/lists/*
COPY deploy/dns/ /etc/geodig/dns/
COPY deploy/docker/dns-entrypoint.sh /usr/local/bin/dns-entrypoint.sh
# Both configurations must render and pass their server's own check before the image is usable: a broken
# template fails the build, not the demo.
RUN dns-entrypoint.sh check
EXPOSE 53/udp 53/tcp
ENTRYPOINT ["/usr/local/bin/dns-entrypoint.sh"]
CMD ["resolver"]
