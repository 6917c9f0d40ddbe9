package dev.geodig.gateway.problem;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets a path with an encoded slash ({@code /api/v1/traces/..%2Fx}) reach Spring MVC, which answers it
 * like any other wrong path or path variable: a problem+json 404 or 400. Tomcat's default rejects it
 * itself, with an HTML error page no client of this API can read. Passed through, the {@code %2F} is
 * never decoded into a path separator.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

    @Bean
    TomcatConnectorCustomizer encodedSlashesReachSpring() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
