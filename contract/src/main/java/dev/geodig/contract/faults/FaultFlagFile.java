package dev.geodig.contract.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults as flagd's flag definitions ({@code https://flagd.dev/reference/flag-definitions/}): the file
 * the gateway writes and the services' flagd provider (or a flagd server) watches. One flag per {@link Fault},
 * always present, with an {@code off} variant that is the default. A setting adds the variant
 * {@code on-<location>} (or {@code on}), whose value is the setting itself, and a targeting rule: for the
 * evaluation context's {@code location}, flagd's {@code fractional} operator buckets the lookup by its trace id
 * (the targeting key), so a rate of 30 % acts on 30 % of the lookups, and on all locations of one lookup alike.
 *
 * <p>The variants say everything a reader needs ({@link #read}); the targeting is derived from them.
 */
public final class FaultFlagFile {

    /** The flag set's id in the file's metadata: flagd reports it with every evaluation. */
    public static final String FLAG_SET_ID = "geodig-faults";
    public static final String OFF = "off";
    public static final String RATE_PERCENT = "rate_percent";
    public static final String DELAY_MS = "delay_ms";
    public static final String RECORD_TYPE = "record_type";
    /** The evaluation context's attribute the targeting reads (the targeting key is the lookup's trace id). */
    public static final String LOCATION_ATTRIBUTE = "location";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FaultFlagFile() {
    }

    /** The flag file for these settings (none: every fault off), as pretty-printed JSON. */
    public static String render(List<FaultSetting> settings) {
        ObjectNode file = NODES.objectNode();
        file.put("$schema", "https://flagd.dev/schema/v0/flags.json");
        file.putObject("metadata").put("flagSetId", FLAG_SET_ID);
        ObjectNode flags = file.putObject("flags");
        for (Fault fault : Fault.values()) {
            List<FaultSetting> own = settings.stream().filter(s -> s.fault() == fault)
                    .sorted(Comparator.comparing(s -> s.location() == null ? "" : s.location())).toList();
            flags.set(fault.key(), flag(fault, own));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n";
    }

    private static ObjectNode flag(Fault fault, List<FaultSetting> settings) {
        ObjectNode flag = NODES.objectNode();
        flag.put("state", "ENABLED");
        ObjectNode variants = flag.putObject("variants");
        variants.putObject(OFF);
        for (FaultSetting setting : settings) {
            variants.set(setting.variant(), value(setting));
        }
        flag.put("defaultVariant", OFF);
        if (!settings.isEmpty()) {
            flag.set("targeting", targeting(fault, settings));
        }
        flag.putObject("metadata").put("description", fault.description());
        return flag;
    }

    private static ObjectNode value(FaultSetting setting) {
        ObjectNode value = NODES.objectNode();
        value.put(RATE_PERCENT, setting.ratePercent());
        if (setting.fault().parameter() == Fault.Parameter.DELAY_MS) {
            value.put(DELAY_MS, setting.delayMs());
        }
        if (setting.recordType() != null) {
            value.put(RECORD_TYPE, setting.recordType());
        }
        return value;
    }

    /** Per location: {@code if location == X then <X's share of lookups> ...}, else off. */
    private static JsonNode targeting(Fault fault, List<FaultSetting> settings) {
        if (!fault.perLocation()) {
            return share(settings.getFirst(), NODES.objectNode().put("var", "targetingKey"));
        }
        ArrayNode branches = NODES.arrayNode();
        for (FaultSetting setting : settings) {
            branches.add(equalsLocation(setting.location()));
            // The bucket of a lookup is its trace id with the location: each location's share is its own draw.
            ArrayNode bucketBy = NODES.arrayNode().add(NODES.objectNode().put("var", "targetingKey")).add(setting.location());
            branches.add(share(setting, NODES.objectNode().set("cat", bucketBy)));
        }
        branches.add(OFF);
        return NODES.objectNode().set("if", branches);
    }

    private static JsonNode equalsLocation(String location) {
        ArrayNode operands = NODES.arrayNode().add(NODES.objectNode().put("var", LOCATION_ATTRIBUTE)).add(location);
        return NODES.objectNode().set("==", operands);
    }

    /** The setting's variant for {@code ratePercent} % of the lookups, by flagd's {@code fractional}; the variant alone at 100 %. */
    private static JsonNode share(FaultSetting setting, JsonNode bucketBy) {
        if (setting.ratePercent() == 100) {
            return NODES.stringNode(setting.variant());
        }
        ArrayNode fractional = NODES.arrayNode().add(bucketBy)
                .add(NODES.arrayNode().add(setting.variant()).add(setting.ratePercent()))
                .add(NODES.arrayNode().add(OFF).add(100 - setting.ratePercent()));
        return NODES.objectNode().set("fractional", fractional);
    }

    /**
     * The settings a flag file holds, read from its variants.
     *
     * @throws InvalidFaultException naming the flag and variant when one cannot be a setting (a hand edit gone wrong)
     */
    public static List<FaultSetting> read(String json) {
        JsonNode flags;
        try {
            flags = JSON.readTree(json).path("flags");
        } catch (JacksonException e) {
            throw new InvalidFaultException("flags", "the flag file is not JSON: " + e.getOriginalMessage());
        }
        List<FaultSetting> settings = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            for (Map.Entry<String, JsonNode> variant : flags.path(fault.key()).path("variants").properties()) {
                if (!variant.getKey().equals(OFF)) {
                    settings.add(setting(fault, variant.getKey(), variant.getValue()));
                }
            }
        }
        return List.copyOf(settings);
    }

    private static FaultSetting setting(Fault fault, String variant, JsonNode value) {
        String location = variant.equals("on") ? null
                : variant.startsWith("on-") ? variant.substring("on-".length()) : null;
        if (location == null && !variant.equals("on")) {
            throw new InvalidFaultException("flags." + fault.key(), "variant '" + variant + "' is neither off, on nor on-<location>");
        }
        try {
            return new FaultSetting(fault, location, value.path(RATE_PERCENT).asInt(0), value.path(DELAY_MS).asInt(0),
                    value.hasNonNull(RECORD_TYPE) ? value.get(RECORD_TYPE).asString() : null);
        } catch (InvalidFaultException e) {
            throw new InvalidFaultException("flags." + fault.key() + "." + variant + "." + e.field(), e.getMessage());
        }
    }
}
