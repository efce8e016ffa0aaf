package se.kvalitet.web;

import jakarta.ws.rs.core.EntityTag;

/** Optimistic locking over HTTP: the aggregate's {@code @Version} is its ETag; updates must send it as {@code If-Match}. */
public final class ETags {

    private ETags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Checks an {@code If-Match} header against the current version: missing is 428, stale is 412
     * (with the current ETag in the problem).
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    428,
                    "precondition-required",
                    "Precondition required",
                    "Send the resource's ETag in If-Match to update it");
        }
        String current = of(currentVersion).getValue();
        for (String candidate : ifMatch.split(",")) {
            String v = candidate.strip();
            if (v.equals("*")) {
                return;
            }
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.equals(current)) {
                return;
            }
        }
        throw new ProblemException(
                        412,
                        "precondition-failed",
                        "Precondition failed",
                        "The resource was changed by someone else; fetch it again and retry")
                .with("currentETag", "\"" + current + "\"");
    }
}
