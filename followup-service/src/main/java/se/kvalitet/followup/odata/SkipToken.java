package se.kvalitet.followup.odata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.olingo.server.api.ODataApplicationException;

/**
 * The {@code $skiptoken} of a next link: the sort values of the last row handed out (the next page starts
 * after them, keyset) and a digest of the query it belongs to ({@code $filter}, {@code $orderby},
 * {@code updatedSince}), so a token is refused with other options. Opaque to clients (base64url).
 */
record SkipToken(String query, List<String> values) {

    private static final char SEP = '\u001f';

    String encode() {
        StringBuilder b = new StringBuilder(query);
        for (String v : values) {
            b.append(SEP).append(v);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SkipToken decode(String text, String query, int size) throws ODataApplicationException {
        List<String> parts = new ArrayList<>();
        try {
            String s = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            int from = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i == s.length() || s.charAt(i) == SEP) {
                    parts.add(s.substring(from, i));
                    from = i + 1;
                }
            }
        } catch (IllegalArgumentException e) {
            throw FilterSql.badRequest("$skiptoken is not a token this service handed out");
        }
        if (parts.size() != size + 1) {
            throw FilterSql.badRequest("$skiptoken is not a token this service handed out");
        }
        if (!parts.get(0).equals(query)) {
            throw FilterSql.badRequest(
                    "$skiptoken was handed out for another $filter, $orderby or updatedSince: follow the nextLink as it is");
        }
        return new SkipToken(query, List.copyOf(parts.subList(1, parts.size())));
    }

    /** A digest of what selects and orders the rows, which a token is bound to. */
    static String digest(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
