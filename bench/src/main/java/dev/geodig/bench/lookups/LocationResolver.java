package dev.geodig.bench.lookups;

import java.net.InetSocketAddress;

/**
 * What a location's worker asks and how: the demo resolver, with the location's client subnet as EDNS Client
 * Subnet, so the floor's queries cost the resolver what the workers' do (a cache entry per subnet).
 *
 * @param resolver the one demo resolver, {@code 127.0.0.1:<port.dns-resolver + offset>}
 * @param clientSubnet the {@code address/prefix} sent; {@code null} for a location with {@code ecs=off}
 */
record LocationResolver(InetSocketAddress resolver, String clientSubnet) {
}
