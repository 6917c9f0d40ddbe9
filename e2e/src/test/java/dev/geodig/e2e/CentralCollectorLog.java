package dev.geodig.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names per service that the central collector's debug exporter printed, read from its log.
 * Understands the exporter's {@code normal} form ({@code ResourceMetrics #0 service.name=x ...} then
 * {@code metric.name{attrs} value}) and its {@code detailed} form ({@code -> service.name: Str(x)} then
 * {@code -> Name: metric.name}); the {@code basic} form prints counts only, no names.
 */
final class CentralCollectorLog {

    private static final Pattern NORMAL_RESOURCE = Pattern.compile("^.*ResourceMetrics #\\d+.*?\\bservice\\.name=(\\S+)");
    private static final Pattern NORMAL_POINT = Pattern.compile("^([A-Za-z][\\w.]*)\\{");
    private static final Pattern DETAILED_RESOURCE_START = Pattern.compile("^.*ResourceMetrics #\\d+");
    private static final Pattern DETAILED_SERVICE = Pattern.compile("-> service\\.name: Str\\(([^)]*)\\)");
    private static final Pattern DETAILED_NAME = Pattern.compile("-> Name: (\\S+)");

    private CentralCollectorLog() {
    }

    static Map<String, Set<String>> metricNamesByService(List<String> lines) {
        Map<String, Set<String>> names = new TreeMap<>();
        String service = null;
        for (String line : lines) {
            Matcher normalResource = NORMAL_RESOURCE.matcher(line);
            if (normalResource.find()) {
                service = normalResource.group(1);
                continue;
            }
            if (DETAILED_RESOURCE_START.matcher(line).find()) {
                service = null; // the detailed form names the service on a later line
                continue;
            }
            Matcher detailedService = DETAILED_SERVICE.matcher(line);
            if (detailedService.find()) {
                service = detailedService.group(1);
                continue;
            }
            if (service == null) {
                continue;
            }
            Matcher point = NORMAL_POINT.matcher(line);
            Matcher detailedName = DETAILED_NAME.matcher(line);
            if (point.find()) {
                names.computeIfAbsent(service, s -> new TreeSet<>()).add(point.group(1));
            } else if (detailedName.find()) {
                names.computeIfAbsent(service, s -> new TreeSet<>()).add(detailedName.group(1));
            }
        }
        return names;
    }
}
