package se.kvalitet.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Walks the components of event records (and the records nested in them, lists unwrapped to their
 * element type) for the "no free text, no personal data" contract tests of each producer.
 */
public final class EventComponents {

    /** One component: {@code Record.component}, its (element) type, the record and the component. */
    public interface Visitor {
        void visit(String name, Class<?> type, Class<?> record, RecordComponent component);
    }

    private EventComponents() {}

    /** Visits every non-record component of {@code events} and of the records they contain, each record once. */
    public static void forEach(Collection<? extends Class<?>> events, Visitor visitor) {
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c : events) {
            walk(c, seen, visitor);
        }
    }

    /** Whether a component of this type can only hold an id, a code, a date, a count, a flag or a number. */
    public static boolean isIdCodeDateCountOrNumber(Class<?> t) {
        return t.isEnum()
                || t == UUID.class
                || t == LocalDate.class
                || t == Instant.class
                || t == int.class
                || t == Integer.class
                || t == long.class
                || t == Long.class
                || t == boolean.class
                || t == BigDecimal.class;
    }

    private static void walk(Class<?> record, Set<Class<?>> seen, Visitor visitor) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent rc : record.getRecordComponents()) {
            Class<?> t = rc.getType();
            Type generic = rc.getGenericType();
            if (t == List.class
                    && generic instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> item) {
                t = item;
            }
            if (t.isRecord()) {
                walk(t, seen, visitor);
            } else {
                visitor.visit(record.getSimpleName() + "." + rc.getName(), t, record, rc);
            }
        }
    }
}
