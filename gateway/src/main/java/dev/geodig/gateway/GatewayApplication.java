package dev.geodig.gateway;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.ProblemResponses;
import dev.geodig.boot.RedisProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code dns-gateway}: the public HTTP API in front of the orchestrator.
 *
 * <p>Without Boot's {@code /error} page: Spring MVC's errors are problems from the exception handler,
 * and whatever the servlet container answers by itself is written by Tomcat's error report, which the
 * gateway makes a problem too ({@code problem.TomcatErrorReports}). One writer per place, no
 * {@code /error} path a client can call, no JSON of another shape.
 *
 * <p>Its settings: {@link GatewayProperties}, and those it shares with other services ({@code boot}).
 */
@SpringBootApplication(exclude = ErrorMvcAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableConfigurationProperties({LocationsProperties.class, RedisProperties.class})
public class GatewayApplication {

    /** The problems answered outside Spring MVC (the filters, Tomcat's error report), with the application's mapper. */
    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
