package se.kvalitet.web.input;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts path, query and header parameters of the common types so that a value that does not
 * convert, holds a control character or lies outside the accepted years is a 400 problem naming
 * the parameter ({@link ParameterProblem}), not JAX-RS's bare 404.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        boolean year = InputRules.isYearName(name);
        Function<String, Object> parse;
        String expected;
        if (rawType == String.class) {
            parse = s -> s;
            expected = InputRules.CONTROL_CHARACTER_MESSAGE;
        } else if (rawType == int.class || rawType == Integer.class) {
            parse = s -> Integer.valueOf(s.strip());
            expected = year ? InputRules.YEAR_RANGE_MESSAGE : "must be a whole number";
        } else if (rawType == long.class || rawType == Long.class) {
            parse = s -> Long.valueOf(s.strip());
            expected = year ? InputRules.YEAR_RANGE_MESSAGE : "must be a whole number";
        } else if (rawType == boolean.class || rawType == Boolean.class) {
            parse = ParameterConverters::parseBoolean;
            expected = "must be true or false";
        } else if (rawType == UUID.class) {
            parse = s -> UUID.fromString(s.strip());
            expected = "must be a UUID";
        } else if (rawType == LocalDate.class) {
            parse = s -> LocalDate.parse(s.strip());
            expected = "must be a date (YYYY-MM-DD) between " + InputRules.MIN_DATE + " and " + InputRules.MAX_DATE;
        } else if (rawType == Instant.class) {
            parse = s -> OffsetDateTime.parse(s.strip()).toInstant();
            expected = "must be an RFC 3339 timestamp between " + InputRules.MIN_DATE + " and " + InputRules.MAX_DATE;
        } else if (rawType == OffsetDateTime.class) {
            parse = s -> OffsetDateTime.parse(s.strip());
            expected = "must be an RFC 3339 timestamp between " + InputRules.MIN_DATE + " and " + InputRules.MAX_DATE;
        } else if (rawType.isEnum()) {
            Class<? extends Enum> e = (Class<? extends Enum>) rawType;
            parse = s -> Enum.valueOf(e, s.strip());
            expected = "must be one of " + Arrays.toString(rawType.getEnumConstants());
        } else {
            return null;
        }
        String message = expected;
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                if (InputRules.hasForbiddenCharacter(value)) {
                    throw new ParameterProblem(name, InputRules.CONTROL_CHARACTER_MESSAGE);
                }
                Object converted;
                try {
                    converted = parse.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new ParameterProblem(name, message);
                }
                if (!InputRules.inRange(converted)
                        || (year && converted instanceof Number n && !InputRules.yearInRange(n.longValue()))) {
                    throw new ParameterProblem(name, message);
                }
                return (T) converted;
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0", "" -> Boolean.FALSE; // "0": JAX-RS's default for an absent primitive
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** The parameter's name as the client writes it, or null for what is not a named parameter. */
    static String nameOf(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            String name = null;
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof PathParam p) {
                name = p.value();
            } else if (a instanceof HeaderParam h) {
                name = h.value();
            } else if (a instanceof MatrixParam m) {
                name = m.value();
            } else if (a instanceof CookieParam c) {
                name = c.value();
            } else if (a instanceof FormParam f) {
                name = f.value();
            } else if (a instanceof RestQuery q) {
                name = q.value().isEmpty() ? "query parameter" : q.value();
            } else if (a instanceof RestPath p) {
                name = p.value().isEmpty() ? "path parameter" : p.value();
            } else if (a instanceof RestHeader h) {
                name = h.value().isEmpty() ? "header" : h.value();
            }
            if (name != null) {
                return name;
            }
        }
        return null;
    }
}
