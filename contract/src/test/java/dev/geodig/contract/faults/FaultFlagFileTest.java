package dev.geodig.contract.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FaultFlagFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void settingsComeBackAsWritten() {
        List<FaultSetting> settings = List.of(
                new FaultSetting(Fault.WORKER_FAIL, "eu-west-1", 100, 0, null),
                new FaultSetting(Fault.DNS_DELAY, "asia-south-1", 50, 800, null),
                new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 20, null),
                new FaultSetting(Fault.DNS_SERVFAIL, "us-east-1", 30, 0, "AAAA"),
                new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 100, 6000, null));
        assertThat(FaultFlagFile.read(FaultFlagFile.render(settings))).containsExactlyElementsOf(settings);
    }

    /** The file `up` starts from and compose mounts into flagd: all faults off, as the renderer writes it. */
    @Test
    void theDeployedFlagFileIsEveryFaultOff() throws IOException {
        assertThat(Files.readString(Path.of("../deploy/flags/faults.flagd.json"))).isEqualTo(FaultFlagFile.render(List.of()));
    }

    @Test
    void everyFaultIsAFlagOffByDefaultEvenWithNoSetting() {
        JsonNode flags = JSON.readTree(FaultFlagFile.render(List.of())).path("flags");
        for (Fault fault : Fault.values()) {
            JsonNode flag = flags.path(fault.key());
            assertThat(flag.path("state").asString()).isEqualTo("ENABLED");
            assertThat(flag.path("defaultVariant").asString()).isEqualTo("off");
            assertThat(flag.path("variants").propertyNames()).containsExactly("off");
            assertThat(flag.has("targeting")).isFalse();
        }
        assertThat(FaultFlagFile.read(FaultFlagFile.render(List.of()))).isEmpty();
    }

    @Test
    void aRateBelowAHundredIsFlagdsFractionalByTraceIdAndLocation() {
        String file = FaultFlagFile.render(List.of(new FaultSetting(Fault.WORKER_DROP, "eu-west-1", 30, 0, null)));
        JsonNode branches = JSON.readTree(file).path("flags").path("worker-drop").path("targeting").path("if");
        assertThat(branches.get(0).toString()).isEqualTo("{\"==\":[{\"var\":\"location\"},\"eu-west-1\"]}");
        assertThat(branches.get(1).toString()).isEqualTo(
                "{\"fractional\":[{\"cat\":[{\"var\":\"targetingKey\"},\"eu-west-1\"]},[\"on-eu-west-1\",30],[\"off\",70]]}");
        assertThat(branches.get(2).asString()).isEqualTo("off");
    }

    @Test
    void aSettingThatCannotBeNamesItsField() {
        assertThatThrownBy(() -> new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 50, 0, null))
                .isInstanceOf(InvalidFaultException.class).extracting("field").isEqualTo("delay_ms");
        assertThatThrownBy(() -> new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 101, 10, null))
                .extracting("field").isEqualTo("rate_percent");
        assertThatThrownBy(() -> new FaultSetting(Fault.WORKER_DROP, null, 50, 0, null))
                .extracting("field").isEqualTo("location");
        assertThatThrownBy(() -> new FaultSetting(Fault.ORCHESTRATOR_DELAY, "eu-west-1", 50, 10, null))
                .extracting("field").isEqualTo("location");
        assertThatThrownBy(() -> new FaultSetting(Fault.DNS_SERVFAIL, "eu-west-1", 50, 0, "BOGUS"))
                .extracting("field").isEqualTo("record_type");
        assertThatThrownBy(() -> new FaultSetting(Fault.WORKER_FAIL, "eu-west-1", 50, 5, null))
                .extracting("field").isEqualTo("delay_ms");
    }

    @Test
    void aHandEditGoneWrongIsNamed() {
        String file = FaultFlagFile.render(List.of(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 50, 10, null)))
                .replace("\"delay_ms\" : 10", "\"delay_ms\" : 0");
        assertThatThrownBy(() -> FaultFlagFile.read(file)).isInstanceOf(InvalidFaultException.class)
                .extracting("field").isEqualTo("flags.dns-delay.on-eu-west-1.delay_ms");
        assertThatThrownBy(() -> FaultFlagFile.read("{")).extracting("field").isEqualTo("flags");
    }
}
