package dev.geodig.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.geodig.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A {@code /metrics} endpoint on loopback for a test's Prometheus to scrape, in the names and labels the
 * central collector's Prometheus exporter gives geodig's metrics (checked end to end against the real
 * collector in the e2e module's {@code MetricsTest}). Every counter grows at a fixed rate from the moment
 * this starts, so what a query over it must answer is known exactly:
 *
 * <ul>
 *   <li>dns-gateway: 30 SERVER requests/s fine and 10 in error (40/s, 25 % errors), every one between 5 and
 *       10 ms; and 1000 CLIENT spans/s, which are not requests;
 *   <li>dns-worker-us-east-1: 20 {@code process_dns_task}/s, none in error, every one between 20 and 50 ms;
 *       and 500 INTERNAL lookup spans/s, which are not requests;
 *   <li>dns-sidekick: CLIENT spans only: not a service the answer lists;
 *   <li>the orchestrator's per-location metrics: us-east-1 answers 4/s and times out 1/s, lag 7, pending 3;
 *       eu-west-1 answers 5/s and has never timed out, lag 0, pending 0; asia-south-1 has nothing at all.
 * </ul>
 */
final class SpanMetricsExposition implements AutoCloseable {

    private final long startNanos = System.nanoTime();
    private final HttpServer server;

    SpanMetricsExposition() {
        try {
            server = HttpServer.create(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition((System.nanoTime() - startNanos) / 1e9).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code host:port} for Prometheus's scrape configuration. */
    String target() {
        return LoopbackPorts.LOOPBACK + ":" + server.getAddress().getPort();
    }

    private static String exposition(double seconds) {
        StringBuilder text = new StringBuilder();
        text.append("# TYPE traces_span_metrics_calls_total counter\n");
        calls(text, "dns-gateway", "POST /api/v1/dns/lookup", "SERVER", "UNSET", 30 * seconds);
        calls(text, "dns-gateway", "POST /api/v1/dns/lookup", "SERVER", "ERROR", 10 * seconds);
        calls(text, "dns-gateway", "POST", "CLIENT", "UNSET", 1000 * seconds);
        calls(text, "dns-worker-us-east-1", "process_dns_task", "CONSUMER", "UNSET", 20 * seconds);
        calls(text, "dns-worker-us-east-1", "lookup_a_record", "INTERNAL", "UNSET", 500 * seconds);
        calls(text, "dns-sidekick", "GET", "CLIENT", "UNSET", 7 * seconds);
        text.append("# TYPE traces_span_metrics_duration_milliseconds histogram\n");
        durations(text, "dns-gateway", "POST /api/v1/dns/lookup", "SERVER", "UNSET", 5, 30 * seconds);
        durations(text, "dns-gateway", "POST /api/v1/dns/lookup", "SERVER", "ERROR", 5, 10 * seconds);
        durations(text, "dns-worker-us-east-1", "process_dns_task", "CONSUMER", "UNSET", 20, 20 * seconds);
        durations(text, "dns-worker-us-east-1", "lookup_a_record", "INTERNAL", "UNSET", 1, 500 * seconds);
        text.append("# TYPE geodig_orchestrator_location_results_total counter\n");
        locationResults(text, "us-east-1", "success", 4 * seconds);
        locationResults(text, "us-east-1", "timeout", 1 * seconds);
        locationResults(text, "eu-west-1", "success", 5 * seconds);
        text.append("# TYPE geodig_orchestrator_tasks_lag gauge\n");
        gauge(text, "geodig_orchestrator_tasks_lag", "us-east-1", 7);
        gauge(text, "geodig_orchestrator_tasks_lag", "eu-west-1", 0);
        text.append("# TYPE geodig_orchestrator_tasks_pending gauge\n");
        gauge(text, "geodig_orchestrator_tasks_pending", "us-east-1", 3);
        gauge(text, "geodig_orchestrator_tasks_pending", "eu-west-1", 0);
        return text.toString();
    }

    private static void calls(StringBuilder text, String service, String span, String kind, String status, double count) {
        text.append("traces_span_metrics_calls_total{").append(spanLabels(service, span, kind, status)).append("} ")
                .append(number(count)).append('\n');
    }

    /** {@code count} spans, every one in the bucket whose upper bound follows {@code below} (1, 2, 5, 10, 20, 50, ...). */
    private static void durations(StringBuilder text, String service, String span, String kind, String status, int below,
            double count) {
        String labels = spanLabels(service, span, kind, status);
        for (String le : new String[] {"1", "2", "5", "10", "20", "50", "100", "+Inf"}) {
            boolean above = !le.equals("+Inf") && Double.parseDouble(le) <= below;
            text.append("traces_span_metrics_duration_milliseconds_bucket{").append(labels).append(",le=\"").append(le)
                    .append("\"} ").append(above ? "0" : number(count)).append('\n');
        }
        text.append("traces_span_metrics_duration_milliseconds_count{").append(labels).append("} ").append(number(count)).append('\n');
        text.append("traces_span_metrics_duration_milliseconds_sum{").append(labels).append("} ").append(number(count * (below + 1)))
                .append('\n');
    }

    private static void locationResults(StringBuilder text, String location, String status, double count) {
        text.append("geodig_orchestrator_location_results_total{job=\"dns-orchestrator\",worker_location=\"").append(location)
                .append("\",result_status=\"").append(status).append("\"} ").append(number(count)).append('\n');
    }

    private static void gauge(StringBuilder text, String name, String location, long value) {
        text.append(name).append("{job=\"dns-orchestrator\",worker_location=\"").append(location).append("\"} ").append(value)
                .append('\n');
    }

    private static String spanLabels(String service, String span, String kind, String status) {
        return "job=\"" + service + "\",service_name=\"" + service + "\",span_name=\"" + span + "\",span_kind=\"SPAN_KIND_" + kind
                + "\",status_code=\"STATUS_CODE_" + status + "\"";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
