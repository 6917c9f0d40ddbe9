package dev.geodig.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.geodig.contract.Agreement;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.Problem;
import dev.geodig.contract.TraceList;
import dev.geodig.contract.TraceView;
import dev.geodig.contract.faults.FaultSettingRequest;
import dev.geodig.contract.faults.FaultsView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's JSON, read into the contract's records; leniently, since the gateway may be newer. */
final class GatewayJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            // A newer gateway may add fields and enum values (a span kind, a verdict): print what is known.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            // Absent locations / record_types mean "the gateway's defaults"; say nothing rather than null.
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private GatewayJson() {
    }

    static String write(LookupRequest request) {
        return JSON.writeValueAsString(request);
    }

    static String write(FaultSettingRequest setting) {
        return JSON.writeValueAsString(setting);
    }

    static FaultsView readFaults(String body) {
        FaultsView view = JSON.readValue(body, FaultsView.class);
        if (view == null || view.control() == null) {
            throw new IllegalArgumentException("not the faults: no control");
        }
        return view;
    }

    /**
     * The report, with its agreement worked out here when the gateway did not send one (an older
     * gateway), so the printer always has a verdict per record type.
     */
    static LookupReport readReport(String body) {
        LookupReport report = JSON.readValue(body, LookupReport.class);
        if (report == null || report.results() == null) {
            throw new IllegalArgumentException("not a lookup report: no results");
        }
        if (report.agreement() != null && !report.agreement().isEmpty()) {
            return report;
        }
        List<String> recordTypes = report.recordTypes() != null ? report.recordTypes() : recordTypesIn(report);
        return new LookupReport(report.traceId(), report.status(), report.domain(), recordTypes, report.results(),
                report.durationMs(), Agreement.across(recordTypes, report.results()));
    }

    private static List<String> recordTypesIn(LookupReport report) {
        List<String> types = new ArrayList<>();
        report.results().values().forEach(location -> {
            if (location != null && location.records() != null) {
                location.records().keySet().stream().filter(type -> !types.contains(type)).forEach(types::add);
            }
        });
        return types;
    }

    static TraceView readTrace(String body) {
        TraceView trace = JSON.readValue(body, TraceView.class);
        if (trace == null) {
            throw new IllegalArgumentException("not a trace: JSON null");
        }
        return trace;
    }

    static TraceList readTraceList(String body) {
        TraceList list = JSON.readValue(body, TraceList.class);
        if (list == null) {
            throw new IllegalArgumentException("not a list of traces: JSON null");
        }
        return list;
    }

    /**
     * The problem document in {@code body}, with {@code status}, the HTTP answer's; for a body that is not
     * one (a proxy's error page, another server on the port), the status alone.
     */
    static Problem readProblem(int status, String body) {
        Problem problem;
        try {
            problem = JSON.readValue(body, Problem.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException notAProblem) {
            problem = null;
        }
        if (problem == null) {
            return new Problem(null, null, status, null, null, List.of(), null);
        }
        return new Problem(problem.type(), problem.title(), status, problem.detail(), problem.instance(),
                problem.errors(), problem.traceId());
    }

    /**
     * A JSON body as the gateway sent it, except that any control or invisible character is written as its
     * JSON escape {@code \}{@code uXXXX}. Valid JSON can hold such characters raw only inside strings (C1
     * controls and bidirectional overrides, say), where the escape means the same thing, so the document
     * is unchanged for any JSON reader and harmless on a terminal. Call it only on a body that parsed.
     */
    static String safeRaw(String body) {
        StringBuilder out = new StringBuilder(body.length());
        body.codePoints().forEach(codePoint -> {
            boolean jsonWhitespace = codePoint == '\n' || codePoint == '\r' || codePoint == '\t';
            if (SafeText.unsafe(codePoint) && !jsonWhitespace) {
                for (char c : Character.toChars(codePoint)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }
}
