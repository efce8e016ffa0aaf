package se.kvalitet.registry.domain;

import java.util.List;
import java.util.Set;

/** How optional request values are normalised before they are stored, the same in every feature. */
public final class Values {

    private Values() {}

    public static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Makes {@code target} equal to {@code wanted} in place (keeps the collection Hibernate tracks). */
    public static <T> void replaceAll(Set<T> target, Set<T> wanted) {
        target.retainAll(wanted);
        target.addAll(wanted);
    }
}
