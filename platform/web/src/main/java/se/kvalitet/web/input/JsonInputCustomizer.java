package se.kvalitet.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Set;
import se.kvalitet.web.privacy.Identifier;

/**
 * How every service reads JSON (platform/web README, "Input rules"): a duplicated key and anything
 * after the document are malformed JSON; every string is checked for control characters and, while
 * a request body is read, screened for personal identity numbers ({@link BodyScreening}); every
 * date and timestamp lies within {@link InputRules#MIN_YEAR}-{@link InputRules#MAX_YEAR}, as do
 * integers named {@code year} or {@code ...Year}. Each refusal is a 400 naming the JSON path.
 */
@Singleton
public class JsonInputCustomizer implements ObjectMapperCustomizer {

    private static final Set<Class<?>> TEMPORAL = Set.of(
            LocalDate.class,
            LocalDateTime.class,
            Instant.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            YearMonth.class,
            Year.class);

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same rules on any mapper (for tests and tools outside Quarkus). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule module = new SimpleModule("kvalitet-input-rules");
        module.setDeserializerModifier(new Modifier());
        mapper.registerModule(module);
        return mapper;
    }

    static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            Class<?> type = beanDesc.getBeanClass();
            if (type == String.class) {
                return new CheckedString(deserializer, false);
            }
            if (TEMPORAL.contains(type)) {
                return new CheckedTemporal(deserializer);
            }
            if (type == Integer.class
                    || type == int.class
                    || type == Long.class
                    || type == long.class
                    || type == Short.class
                    || type == short.class) {
                return new CheckedYear(deserializer, false);
            }
            return deserializer;
        }

        @Override
        public KeyDeserializer modifyKeyDeserializer(
                DeserializationConfig config, JavaType type, KeyDeserializer deserializer) {
            if (type.getRawClass() != String.class) {
                return deserializer;
            }
            return new KeyDeserializer() {
                @Override
                public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                    if (InputRules.hasForbiddenCharacter(key)) {
                        throw new InputRejectedException(
                                ctxt.getParser(), "a key " + InputRules.CONTROL_CHARACTER_MESSAGE);
                    }
                    BodyScreening screening = BodyScreening.current();
                    if (screening != null) {
                        screening.screen(ctxt.getParser(), key, true);
                    }
                    return deserializer == null ? key : deserializer.deserializeKey(key, ctxt);
                }
            };
        }
    }

    /** Strings: no control characters; screened for personal identity numbers inside a request body. */
    static final class CheckedString extends DelegatingDeserializer {
        private final boolean identifier;

        CheckedString(JsonDeserializer<?> delegate, boolean identifier) {
            super(delegate);
            this.identifier = identifier;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new CheckedString(newDelegatee, identifier);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> d = super.createContextual(ctxt, property);
            boolean id = property != null && property.getAnnotation(Identifier.class) != null;
            if (d instanceof CheckedString c && c.identifier == id) {
                return c;
            }
            return new CheckedString(d instanceof CheckedString c ? c._delegatee : d, id);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return check(p, _delegatee.deserialize(p, ctxt));
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return _delegatee.getNullValue(ctxt);
        }

        private Object check(JsonParser p, Object value) throws IOException {
            if (!(value instanceof String s)) {
                return value;
            }
            if (InputRules.hasForbiddenCharacter(s)) {
                throw new InputRejectedException(p, InputRules.CONTROL_CHARACTER_MESSAGE);
            }
            BodyScreening screening = BodyScreening.current();
            return screening == null ? s : screening.screen(p, s, identifier);
        }
    }

    /** Dates and timestamps within the accepted years. */
    static final class CheckedTemporal extends DelegatingDeserializer {
        CheckedTemporal(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new CheckedTemporal(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = _delegatee.deserialize(p, ctxt);
            if (value != null && !InputRules.inRange(value)) {
                throw new InputRejectedException(
                        p,
                        value instanceof Year || value instanceof YearMonth
                                ? InputRules.YEAR_RANGE_MESSAGE
                                : InputRules.DATE_RANGE_MESSAGE);
            }
            return value;
        }
    }

    /** Whole numbers; those named as years within the accepted years. */
    static final class CheckedYear extends DelegatingDeserializer {
        private final boolean year;

        CheckedYear(JsonDeserializer<?> delegate, boolean year) {
            super(delegate);
            this.year = year;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new CheckedYear(newDelegatee, year);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> d = super.createContextual(ctxt, property);
            boolean isYear = property != null && InputRules.isYearName(property.getName());
            JsonDeserializer<?> inner = d instanceof CheckedYear c ? c._delegatee : d;
            if (d instanceof CheckedYear c && c.year == isYear) {
                return c;
            }
            return new CheckedYear(inner, isYear);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = _delegatee.deserialize(p, ctxt);
            if (year && value instanceof Number n && !InputRules.yearInRange(n.longValue())) {
                throw new InputRejectedException(p, InputRules.YEAR_RANGE_MESSAGE);
            }
            return value;
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return _delegatee.getNullValue(ctxt);
        }
    }
}
