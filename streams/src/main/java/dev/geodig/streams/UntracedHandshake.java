package dev.geodig.streams;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * Lettuce settings that keep connecting to Redis out of Jaeger.
 *
 * <p>When Lettuce connects it sends {@code HELLO}, {@code CLIENT SETINFO} (twice) or {@code PING}
 * from its event loop, outside any request. The Java agent traces every Redis command, so each new
 * connection would add root traces of its handshake to Jaeger. With RESP2 (no {@code HELLO}), no
 * library name or version (no {@code CLIENT SETINFO}) and no ping before activation, a connection
 * starts silently; the commands the services send afterwards are traced as usual. Together with
 * {@link dev.geodig.telemetry.UntracedPolling}, Jaeger holds the traces of requests only.
 */
public final class UntracedHandshake {

    private UntracedHandshake() {
    }

    /**
     * The URI of {@code url} for connecting silently: without the library info that {@code CLIENT
     * SETINFO} would send, and without the credentials that an {@code AUTH} would: a {@link RedisConnector}
     * signs in itself, untraced.
     */
    public static RedisURI uri(String url) {
        RedisURI given = RedisURI.create(url);
        RedisURI uri = RedisURI.Builder.redis(given.getHost(), given.getPort())
                .withDatabase(given.getDatabase())
                .withSsl(given.isSsl())
                .build();
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        return uri;
    }

    /** Client options that connect without handshake commands; add the service's own on top. */
    public static ClientOptions.Builder options() {
        return ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .pingBeforeActivateConnection(false);
    }
}
