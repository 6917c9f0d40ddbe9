package dev.geodig.gateway.problem;

import dev.geodig.boot.ProblemResponses;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemReportValve} in place of Tomcat's HTML error report, on the host, where Tomcat
 * reports the requests it refuses before any application sees them (an illegal character in the
 * request line, a bad Host, an over-long header).
 *
 * <p>The host adds its own {@code ErrorReportValve} when it starts unless one of its configured class
 * is already there, so the class is set to ours and ours added; Spring Boot adds a plain one too
 * (with {@code server.error.include-stacktrace=never}, its default), which is taken out. This customizer
 * has no order, so it runs after Boot's (order 0), and Boot's valve is there by then.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemResponses problems) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve(problems));
        });
    }
}
