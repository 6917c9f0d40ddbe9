package dev.geodig.worker;

import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import java.util.Optional;

/**
 * The injected faults that act on one task in this location, asked once per task inside its
 * {@code process_dns_task} span (which therefore carries the flag evaluations). Each is empty when off.
 */
record TaskFaults(Optional<FaultSetting> exit, Optional<FaultSetting> drop, Optional<FaultSetting> fail,
        Optional<FaultSetting> dnsDelay, Optional<FaultSetting> servfail) {

    static final TaskFaults NONE = new TaskFaults(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    static TaskFaults asked(InjectedFaults faults, String location, String traceId) {
        return new TaskFaults(
                faults.acting(Fault.WORKER_EXIT, location, traceId),
                faults.acting(Fault.WORKER_DROP, location, traceId),
                faults.acting(Fault.WORKER_FAIL, location, traceId),
                faults.acting(Fault.DNS_DELAY, location, traceId),
                faults.acting(Fault.DNS_SERVFAIL, location, traceId));
    }

    /** How long each DNS query of this task waits before it is sent; 0 when not slowed. */
    int dnsDelayMs() {
        return dnsDelay.map(FaultSetting::delayMs).orElse(0);
    }

    /** Whether this task's lookups of {@code recordType} answer SERVFAIL. */
    boolean servfails(String recordType) {
        return servfail.filter(s -> s.recordType().equals(recordType)).isPresent();
    }
}
