package dev.geodig.worker;

import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.Streams;
import dev.geodig.streams.FailFastRedis;
import dev.geodig.streams.RedisConnector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the worker: Redis through Lettuce directly, DNS through dnsjava, telemetry through the OpenTelemetry API
 * (the {@code boot} module's bean). Its settings: {@link WorkerProperties}, and those it shares with other services.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, RedisProperties.class, ResultDeadlineProperties.class})
class WorkerConfiguration {

    private static final String INSTRUMENTATION = "dev.geodig.worker";
    /** The exit code of an injected worker-exit, as the supervisor's log shows it: EX_SOFTWARE. */
    private static final int EXIT_CODE_INJECTED_FAULT = 70;

    /**
     * The worker's timing, checked against the result deadline before anything else: a configuration under
     * which claimed tasks or DNS retries could never be answered in time stops the start with the reason.
     */
    @Bean
    DeadlineBudget deadlineBudget(WorkerProperties properties, ResultDeadlineProperties deadline) {
        return new DeadlineBudget(properties, deadline.resultDeadline());
    }

    /** Lettuce's threads and its reconnect delay (bounded by geodig.redis.reconnect-delay-max); shut down after the client. */
    @Bean(destroyMethod = "shutdown")
    ClientResources redisResources(RedisProperties redis) {
        return FailFastRedis.resources(redis.timeouts());
    }

    /**
     * Takes the worker's checked settings although it does not use them: they are then bound and checked before
     * any connection is tried, so a missing location or resolver, or a timing that cannot work, is reported as
     * such, not as a Redis error. Fails fast while Redis is away and reconnects by itself ({@link FailFastRedis}).
     */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(ClientResources redisResources, RedisProperties redis, DeadlineBudget checkedFirst) {
        return FailFastRedis.client(redisResources, redis.url(), redis.timeouts());
    }

    /** Connections signed in as the worker's Redis user, without a trace of the sign-in ({@link RedisConnector}). */
    @Bean
    RedisConnector redisConnector(RedisClient redisClient, RedisProperties redis) {
        return new RedisConnector(redisClient, redis.url());
    }

    /** For XADD and XACK, shared by all tasks in flight (Lettuce pipelines them); blocking reads have their own. */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> commandConnection(RedisConnector redisConnector) {
        return redisConnector.connect();
    }

    @Bean
    RecordResolver recordResolver(WorkerProperties properties) {
        return new RecordResolver(properties.resolverAddresses(), properties.dnsTimeout(), properties.dnsRetries(),
                properties.sentSubnet());
    }

    @Bean
    WorkerMetrics workerMetrics(OpenTelemetry openTelemetry, WorkerProperties properties) {
        return new WorkerMetrics(openTelemetry, properties.location());
    }

    @Bean
    TaskProcessor taskProcessor(OpenTelemetry openTelemetry, RecordResolver resolver,
            StatefulRedisConnection<String, String> commandConnection, WorkerMetrics metrics, WorkerProperties properties,
            InjectedFaults faults) {
        Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION);
        ResultPublisher publisher = new ResultPublisher(commandConnection.sync(), tracer, properties.resultsMaxLen());
        return new TaskProcessor(tracer, openTelemetry.getPropagators().getTextMapPropagator(), resolver, publisher,
                metrics, properties.location(), properties.resultMargin(), faults, WorkerConfiguration::exitForFault);
    }

    /**
     * The injected fault worker-exit: the JVM exits as a crash would, but through its shutdown hooks, so the task's
     * span (ended by now) is still exported; from a thread of its own, as the hooks wait for the tasks in flight.
     * The supervisor starts the worker again.
     */
    private static void exitForFault() {
        Thread.ofPlatform().name("injected-exit").start(() -> System.exit(EXIT_CODE_INJECTED_FAULT));
    }

    @Bean
    TaskConsumer taskConsumer(RedisConnector redisConnector, StatefulRedisConnection<String, String> commandConnection,
            TaskProcessor processor, WorkerMetrics metrics, WorkerProperties properties, DeadlineBudget budget,
            RedisProperties redis) {
        DeadLetters deadLetters = new DeadLetters(commandConnection.sync(), Streams.workerGroup(properties.location()));
        return new TaskConsumer(redisConnector, commandConnection.sync(), processor, deadLetters, metrics, properties, budget,
                redis.timeouts().command());
    }
}
