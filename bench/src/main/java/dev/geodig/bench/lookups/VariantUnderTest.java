package dev.geodig.bench.lookups;

import dev.geodig.bench.lookups.ProcessUsage.MeasuredProcess;
import java.time.Duration;
import java.util.List;

/** A variant ready to load: the processes whose CPU and memory count for it, and how to send it a round of lookups. */
record VariantUnderTest(Variant variant, List<MeasuredProcess> processes, Load load) {

    VariantUnderTest {
        processes = List.copyOf(processes);
    }

    /** One round of closed-loop load, bounded by its duration. */
    @FunctionalInterface
    interface Load {
        RoundLoad run(int concurrency, Duration duration) throws Exception;
    }
}
