package dev.geodig.streams;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.context.Scope;
import dev.geodig.telemetry.UntracedPolling;

/**
 * Opens connections to one Redis as the ACL user its URL names ({@code redis://user:password@host:port}),
 * signing in with an {@code AUTH} sent from the calling thread under an unsampled parent.
 *
 * <p>Why not let Lettuce sign in: it sends {@code AUTH} in its handshake, on its event loop, outside any
 * context, and the Java agent records that as a root trace of its own, once per connection, which would
 * put a trace into Jaeger for every connection a service opens (ADR 0002 keeps Jaeger to requests). Sent
 * here, the command is a child of an unsampled parent, so it is not recorded. Lettuce remembers the
 * credentials of a successful {@code AUTH} and signs in again by itself after a reconnect.
 *
 * <p>The client must be built for the URL without its credentials ({@link UntracedHandshake#uri}), so
 * that its own handshake sends nothing.
 */
public final class RedisConnector {

    private final RedisClient client;
    private final String username;
    private final String password;

    /** Connections through {@code client}, signed in as {@code url}'s user (none when it names none). */
    public RedisConnector(RedisClient client, String url) {
        RedisURI uri = RedisURI.create(url);
        this.client = client;
        this.username = uri.getUsername();
        this.password = uri.getPassword() == null || uri.getPassword().length == 0 ? null : new String(uri.getPassword());
    }

    /** A new connection to the client's Redis, signed in; the caller closes it. */
    public StatefulRedisConnection<String, String> connect() {
        return signedIn(client.connect());
    }

    /** A new connection to {@code anonymous} (a URI without credentials), signed in; the caller closes it. */
    public StatefulRedisConnection<String, String> connect(RedisURI anonymous) {
        return signedIn(client.connect(anonymous));
    }

    /** The client the connections come from, for its owner to shut down. */
    public RedisClient client() {
        return client;
    }

    private StatefulRedisConnection<String, String> signedIn(StatefulRedisConnection<String, String> connection) {
        if (password == null) {
            return connection;
        }
        try (Scope ignored = UntracedPolling.enter()) {
            if (username == null) {
                connection.sync().auth(password);
            } else {
                connection.sync().auth(username, password);
            }
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
