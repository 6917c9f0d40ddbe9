package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayClientTest {

    @Test
    void traceRequestsCarryAValidUnsampledTraceparentOfTheirOwn() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String traceparent = GatewayClient.unsampledTraceparent();
            // W3C Trace Context: version 00, 32 + 16 lower-case hex digits, flags 00 (not sampled).
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                    .doesNotContain("-" + "0".repeat(32) + "-").doesNotContain("-" + "0".repeat(16) + "-");
            seen.add(traceparent);
        }
        assertThat(seen).hasSize(100);
    }
}
