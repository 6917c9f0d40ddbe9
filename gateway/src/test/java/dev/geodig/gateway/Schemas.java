package dev.geodig.gateway;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The documented JSON Schemas of {@code docs/schemas}, which the build copies onto the test classpath, so an
 * answer is checked against what the documentation says without any network.
 */
final class Schemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private Schemas() {
    }

    /** What is wrong with {@code json} by {@code docs/schemas/<file>}; empty when it matches. */
    static List<Error> violations(String file, String json) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + file)).validate(json, InputFormat.JSON);
    }
}
