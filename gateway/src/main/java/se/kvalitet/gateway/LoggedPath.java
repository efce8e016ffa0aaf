package se.kvalitet.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * A request path as it may be written to a log: every segment in which the personnummer guard
 * (platform/web) finds a number, after percent-decoding, is replaced by its mask, and so is the
 * whole rest of the path when a number only shows across segments (issue 13 item 4: no personnummer
 * in a log, whatever the caller put in the path). The query string is never logged.
 */
final class LoggedPath {

    private LoggedPath() {}

    static String of(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "";
        }
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length());
        boolean masked = false;
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            String segment = segments[i];
            if (PersonalIdentityNumbers.containsAny(decode(segment))) {
                out.append(PersonalIdentityNumbers.MASK);
                masked = true;
            } else {
                out.append(segment);
            }
        }
        if (!masked && PersonalIdentityNumbers.containsAny(decode(rawPath.replace("/", "-")))) {
            // digits spread over several segments: keep only the first segment (the service prefix)
            int second = rawPath.indexOf('/', 1);
            return (second < 0 ? "" : rawPath.substring(0, second)) + "/" + PersonalIdentityNumbers.MASK;
        }
        return out.toString();
    }

    /** Lenient percent-decoding (a malformed escape is kept as it is); control characters become '?'. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
