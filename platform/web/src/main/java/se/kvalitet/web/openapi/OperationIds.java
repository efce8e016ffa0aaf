package se.kvalitet.web.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code operationId} of an operation that names none: derived from its method and path, so it
 * is stable as long as the path is (and the path is the contract), camelCase, and reads as the
 * method a generated client gets: {@code GET /deviation/v1/deviations} → {@code listDeviations},
 * {@code GET .../deviations/{id}} → {@code getDeviation}, {@code POST .../deviations} →
 * {@code createDeviation}, {@code POST .../deviations/{id}/triage} → {@code triageDeviation},
 * {@code PUT .../routines/{id}} → {@code updateRoutine}, {@code GET .../reports/{id}/versions/{versionId}/pdf}
 * → {@code getReportVersionPdf}. A resource that wants another name says so with
 * {@code @Operation(operationId = ...)}.
 */
public final class OperationIds {

    private OperationIds() {}

    public static String derive(String method, String path, Set<String> allPaths) {
        List<String> segments = new ArrayList<>();
        String[] parts = path.split("/");
        // /<service>/v<n>/...: the service and the version are not part of the name
        for (int i = 3; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                segments.add(parts[i]);
            }
        }
        if (segments.isEmpty()) {
            return method.toLowerCase(Locale.ROOT) + pascal(parts.length > 1 ? parts[1] : "root");
        }
        List<String> nouns = segments.stream().filter(s -> !isParameter(s)).toList();
        boolean item = isParameter(segments.get(segments.size() - 1));
        boolean collection = !item && allPaths.stream().anyMatch(p -> isItemOf(p, path));
        String last = nouns.isEmpty() ? "" : nouns.get(nouns.size() - 1);
        String parents = singular(nouns.subList(0, Math.max(0, nouns.size() - 1)));
        switch (method.toUpperCase(Locale.ROOT)) {
            case "GET":
                if (item) {
                    return "get" + singular(nouns);
                }
                return (collection ? "list" : "get") + parents + pascal(last);
            case "POST":
                if (item) {
                    return "post" + singular(nouns);
                }
                if (collection || looksPlural(last)) {
                    return "create" + singular(nouns);
                }
                // an action on its parent: POST .../deviations/{id}/triage → triageDeviation
                return camel(last) + parents;
            case "PUT":
                return "update" + singular(nouns);
            case "PATCH":
                return "patch" + singular(nouns);
            case "DELETE":
                return "delete" + singular(nouns);
            default:
                return method.toLowerCase(Locale.ROOT) + singular(nouns);
        }
    }

    /** {@code name}, or {@code name2}, {@code name3}… when it is taken; the result is taken from then on. */
    public static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + n;
        }
        return candidate;
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** {@code candidate} is {@code path/{something}}. */
    static boolean isItemOf(String candidate, String path) {
        if (!candidate.startsWith(path + "/{")) {
            return false;
        }
        String rest = candidate.substring(path.length() + 1);
        return rest.indexOf('/') < 0 && isParameter(rest);
    }

    static String singular(List<String> nouns) {
        StringBuilder sb = new StringBuilder();
        nouns.forEach(n -> sb.append(pascal(singular(n))));
        return sb.toString();
    }

    static boolean looksPlural(String word) {
        return !singular(word).equals(word);
    }

    /** English plurals as the suite's paths use them (activities, analyses, statuses, processes, deviations). */
    static String singular(String word) {
        String w = word;
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("yses")) {
            return w.substring(0, w.length() - 2) + "is";
        }
        for (String ending : List.of("sses", "shes", "ches", "xes", "zes", "uses")) {
            if (w.endsWith(ending)) {
                return w.substring(0, w.length() - 2);
            }
        }
        if (w.endsWith("s")
                && !w.endsWith("ss")
                && !w.endsWith("us")
                && !w.endsWith("is")
                && !w.endsWith("ics")
                && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    static String pascal(String segment) {
        StringBuilder sb = new StringBuilder();
        for (String part : segment.split("[-_.]")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    static String camel(String segment) {
        String p = pascal(segment);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }
}
