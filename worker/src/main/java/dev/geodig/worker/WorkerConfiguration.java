package dev.geodig.worker;

import dev.geodig.contract.Streams;
import dev.geodig.contract.UntracedHandshake;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the worker: Redis through Lettuce directly, DNS through dnsjava, telemetry through the OpenTelemetry API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
class WorkerConfiguration {

    private static final String INSTRUMENTATION = "dev.geodig.worker";

    /** The agent's SDK at run time (a no-op without the agent); a test supplies its own with an in-memory exporter. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetry openTelemetry() {
        return GlobalOpenTelemetry.get();
    }

    /**
     * Takes the worker's properties although it does not use them: they are then bound and checked before
     * any connection is tried, so a missing location or resolver is reported as such, not as a Redis error.
     */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${geodig.redis.url}") String url, WorkerProperties checkedFirst) {
        RedisClient client = RedisClient.create(UntracedHandshake.uri(url));
        client.setOptions(UntracedHandshake.options().build());
        return client;
    }

    /** For XADD and XACK, shared by all tasks in flight (Lettuce pipelines them); blocking reads have their own. */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> commandConnection(RedisClient redisClient) {
        return redisClient.connect();
    }

    @Bean
    RecordResolver recordResolver(WorkerProperties properties) {
        return new RecordResolver(properties.resolverAddresses(), properties.dnsTimeout(), properties.dnsRetries());
    }

    @Bean
    WorkerMetrics workerMetrics(OpenTelemetry openTelemetry, WorkerProperties properties) {
        return new WorkerMetrics(openTelemetry, properties.location());
    }

    @Bean
    TaskProcessor taskProcessor(OpenTelemetry openTelemetry, RecordResolver resolver,
            StatefulRedisConnection<String, String> commandConnection, WorkerMetrics metrics, WorkerProperties properties) {
        Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION);
        ResultPublisher publisher = new ResultPublisher(commandConnection.sync(), tracer, properties.resultsMaxLen());
        return new TaskProcessor(tracer, openTelemetry.getPropagators().getTextMapPropagator(), resolver, publisher,
                metrics, properties.location());
    }

    @Bean
    TaskConsumer taskConsumer(RedisClient redisClient, StatefulRedisConnection<String, String> commandConnection,
            TaskProcessor processor, WorkerMetrics metrics, WorkerProperties properties) {
        DeadLetters deadLetters = new DeadLetters(commandConnection.sync(), Streams.workerGroup(properties.location()));
        return new TaskConsumer(redisClient, commandConnection.sync(), processor, deadLetters, metrics, properties);
    }
}
