package dev.geodig.gateway.faults;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One change a client asked of the faults: what it does to the settings, and how the log says it. */
sealed interface FaultChange {

    List<FaultSetting> applyTo(List<FaultSetting> settings);

    /** As the log line reads it: {@code set dns-delay eu-west-1 +800 ms 100 %}. */
    String describe();

    /** Sets the setting's fault in its location, replacing the one there was. */
    record Put(FaultSetting setting) implements FaultChange {
        @Override
        public List<FaultSetting> applyTo(List<FaultSetting> settings) {
            List<FaultSetting> next = new ArrayList<>(new Remove(setting.fault(), setting.location()).applyTo(settings));
            next.add(setting);
            return next;
        }

        @Override
        public String describe() {
            return "set " + setting.describe();
        }
    }

    /** Switches a fault off in one location ({@code null}: the orchestrator's, which has none). */
    record Remove(Fault fault, String location) implements FaultChange {
        @Override
        public List<FaultSetting> applyTo(List<FaultSetting> settings) {
            return settings.stream().filter(s -> !(s.fault() == fault && Objects.equals(s.location(), location))).toList();
        }

        @Override
        public String describe() {
            return "off " + fault.key() + (location == null ? "" : " " + location);
        }
    }

    /** Switches a fault off everywhere. */
    record RemoveFault(Fault fault) implements FaultChange {
        @Override
        public List<FaultSetting> applyTo(List<FaultSetting> settings) {
            return settings.stream().filter(s -> s.fault() != fault).toList();
        }

        @Override
        public String describe() {
            return "off " + fault.key() + " everywhere";
        }
    }

    /** Switches every fault off, whatever the file held. */
    record ClearAll() implements FaultChange {
        @Override
        public List<FaultSetting> applyTo(List<FaultSetting> settings) {
            return List.of();
        }

        @Override
        public String describe() {
            return "every fault off";
        }
    }
}
