package dev.geodig.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;

/**
 * {@code dns-gateway}: the public HTTP API in front of the orchestrator.
 *
 * <p>Without Boot's {@code /error} page: Spring MVC's errors are problems from the exception handler,
 * and whatever the servlet container answers by itself is written by Tomcat's error report, which the
 * gateway makes a problem too ({@code problem.TomcatErrorReports}). One writer per place, no
 * {@code /error} path a client can call, no JSON of another shape.
 */
@SpringBootApplication(exclude = ErrorMvcAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
