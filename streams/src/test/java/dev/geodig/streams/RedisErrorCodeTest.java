package dev.geodig.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The codes of the error replies a real Redis sends, as Lettuce raises them. */
class RedisErrorCodeTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    @Test
    void aReadOfAGroupRedisDoesNotKnowIsNogroup() {
        RedisCommands<String, String> commands = redis.commands();
        commands.xadd("s", "f", "v");

        RuntimeException noGroup = catchRuntimeException(() -> commands.xreadgroup(Consumer.from("missing", "c"),
                StreamOffset.lastConsumed("s")));
        RuntimeException noStream = catchRuntimeException(() -> commands.xreadgroup(Consumer.from("missing", "c"),
                StreamOffset.lastConsumed("no-such-stream")));

        assertThat(RedisErrorCode.of(noGroup)).isEqualTo(RedisErrorCode.NOGROUP);
        assertThat(RedisErrorCode.of(noStream)).isEqualTo(RedisErrorCode.NOGROUP);
        assertThat(RedisErrorCode.NOGROUP.is(noGroup)).isTrue();
        assertThat(RedisErrorCode.BUSYGROUP.is(noGroup)).isFalse();
    }

    @Test
    void creatingAGroupTwiceIsBusygroup() {
        RedisCommands<String, String> commands = redis.commands();
        commands.xgroupCreate(StreamOffset.latest("s"), "g", XGroupCreateArgs.Builder.mkstream());

        RuntimeException again = catchRuntimeException(() -> commands.xgroupCreate(StreamOffset.latest("s"), "g",
                XGroupCreateArgs.Builder.mkstream()));

        assertThat(RedisErrorCode.of(again)).isEqualTo(RedisErrorCode.BUSYGROUP);
    }

    @Test
    void anyOtherErrorReplyIsOther() {
        RedisCommands<String, String> commands = redis.commands();
        commands.set("a-string", "v");

        RuntimeException wrongType = catchRuntimeException(() -> commands.xadd("a-string", "f", "v"));

        assertThat(RedisErrorCode.of(wrongType)).isEqualTo(RedisErrorCode.OTHER);
    }

    @Test
    void noRedisToAnswerIsNoReply() {
        RedisTimeouts timeouts = new RedisTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1));
        RedisClient client = RedisClient.create(RedisURI.create("redis://" + LoopbackPorts.LOOPBACK + ":" + LoopbackPorts.free()));
        client.setOptions(FailFastRedis.options(timeouts).build());
        try {
            RuntimeException refused = catchRuntimeException(client::connect);

            assertThat(RedisErrorCode.of(refused)).isEqualTo(RedisErrorCode.NO_REPLY);
        } finally {
            client.shutdown();
        }
    }
}
