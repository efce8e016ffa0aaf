package se.kvalitet.events.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventComponents;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.EventSchemas;
import se.kvalitet.events.MalformedEventException;
import se.kvalitet.events.SchemaEnums;
import se.kvalitet.events.Topics;

/**
 * The contract of followup-service's events as report-service (and others) consume them: a sample
 * of every type validates against its schema and round-trips; schemas are closed (no extra field,
 * also in nested objects) and reject unknown codes; every type is in the AsyncAPI document; String
 * fields are codes, except the catalogue names of an indicator and its criterion; and the fields of
 * the versions published before stay exactly as they were (never removed or retyped).
 */
class FollowupEventContractsTest {

    static final UUID UNIT = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final UUID INDICATOR = UUID.fromString("0f000000-0000-4000-9000-000000000001");
    static final Instant AT = Instant.parse("2026-03-02T08:15:00Z");

    /** The only String components that are not codes: the indicator's and its criterion's names (catalogue data). */
    static final Set<String> NAMES = Set.of("IndicatorChangedV1.name", "IndicatorChangedV1.criterionName");

    static IndicatorChangedV1 indicator() {
        return new IndicatorChangedV1(
                INDICATOR,
                3,
                "MYN-DELAKTIGHET",
                "Upplevelse av att kunna påverka handläggningen",
                "SELF_DETERMINATION_INTEGRITY",
                "Självbestämmande och integritet",
                UUID.randomUUID(),
                "SCALE_1_5",
                "SURVEY",
                "YEARLY",
                1,
                true,
                "U28532",
                5,
                null,
                null,
                UNIT,
                List.of(
                        new IndicatorChangedV1.Target("2022", TargetComparison.AT_LEAST, new BigDecimal("4"), null),
                        new IndicatorChangedV1.Target(
                                "2025", TargetComparison.BETWEEN, new BigDecimal("4.2"), new BigDecimal("5"))),
                AT);
    }

    static IndicatorEvaluatedV1 evaluation() {
        return new IndicatorEvaluatedV1(
                INDICATOR,
                UNIT,
                "2025",
                "T",
                2,
                "NOT_MET",
                "ROLLED_UP",
                new BigDecimal("84.4"),
                null,
                new BigDecimal("38"),
                new BigDecimal("45"),
                45L,
                2,
                0,
                TargetComparison.AT_LEAST,
                new BigDecimal("90"),
                null,
                "2024",
                new BigDecimal("-5.6"),
                "2024",
                new BigDecimal("80.1"),
                "IMPROVED",
                new BigDecimal("4.3"),
                AT);
    }

    static List<DomainEvent> samples() {
        return List.of(
                new MeasurementRecordedV1(
                        UUID.randomUUID(),
                        INDICATOR,
                        UNIT,
                        "2025-T2",
                        "K",
                        new BigDecimal("84.4"),
                        new BigDecimal("38"),
                        new BigDecimal("45"),
                        45,
                        null,
                        2,
                        AT),
                new TargetMissedV1(
                        INDICATOR,
                        UNIT,
                        "2025",
                        "T",
                        new BigDecimal("84.4"),
                        TargetComparison.AT_LEAST,
                        new BigDecimal("90"),
                        null,
                        new BigDecimal("-5.6"),
                        AT),
                new EgenkontrollExecutedV1(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UNIT,
                        LocalDate.of(2026, 3, 1),
                        "PARTLY_APPROVED",
                        20,
                        2,
                        1),
                new EgenkontrollOverdueV1(UUID.randomUUID(), UUID.randomUUID(), UNIT, LocalDate.of(2026, 3, 1)),
                new InitiativeCompletedV1(
                        UUID.randomUUID(),
                        UNIT,
                        "DONE",
                        "INDICATOR",
                        LocalDate.of(2026, 6, 30),
                        LocalDate.of(2026, 6, 1),
                        true),
                new InitiativeOverdueV1(UUID.randomUUID(), UNIT, "RISK", LocalDate.of(2026, 6, 30)),
                new InternalControlOverdueV1(
                        UUID.randomUUID(), UUID.randomUUID(), UNIT, 2026, LocalDate.of(2026, 8, 31)),
                indicator(),
                evaluation(),
                new IndicatorEvaluatedV1(
                        INDICATOR,
                        UNIT,
                        "2021",
                        "T",
                        1,
                        "NO_DATA",
                        "NONE",
                        null,
                        "NOT_COLLECTED",
                        null,
                        null,
                        58L,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "2020",
                        new BigDecimal("27"),
                        "UNKNOWN",
                        null,
                        AT));
    }

    static EventEnvelope envelope(DomainEvent e) {
        return EventCodec.envelope(e, URI.create("/kvalitet/followup-service"), AT, "c-1");
    }

    static String json(DomainEvent e) {
        return new String(envelope(e).data(), StandardCharsets.UTF_8);
    }

    static List<String> violations(String type, String json) {
        return EventSchemas.validate(type, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFollowupEventHasASampleThatValidatesAndRoundTrips() {
        List<DomainEvent> samples = samples();
        assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("a sample for every type in FollowupEvents.ALL")
                .containsExactlyInAnyOrderElementsOf(FollowupEvents.ALL);
        for (DomainEvent e : samples) {
            EventEnvelope env = envelope(e);
            assertThat(env.type()).startsWith("se.kvalitet.followup.");
            assertThat(EventCatalog.topicOf(e.getClass())).isEqualTo(Topics.FOLLOWUP);
            assertThat(env.subject()).isEqualTo(e.aggregateId());
            assertThat(EventSchemas.validate(env.type(), env.data()))
                    .as("%s: %s", env.type(), new String(env.data(), StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(EventCodec.data(env)).isEqualTo(e);
        }
    }

    @Test
    void theIndicatorEventsAreKeyedByTheIndicatorSoOneIndicatorsEventsStayInOrder() {
        assertThat(indicator().aggregateId()).isEqualTo(INDICATOR.toString());
        assertThat(evaluation().aggregateId()).isEqualTo(INDICATOR.toString());
    }

    @Test
    void schemasAreClosedAndRejectUnknownCodesAndMalformedValues() {
        for (DomainEvent e : samples()) {
            String type = EventCatalog.typeOf(e.getClass());
            assertThat(violations(type, json(e).replaceFirst("\\{", "{\"description\":\"Fri text\",")))
                    .as("extra field in " + type)
                    .isNotEmpty();
        }
        String ind = json(indicator());
        assertThat(violations(
                        IndicatorChangedV1.TYPE,
                        ind.replace("\"validFromPeriod\":\"2022\",", "\"validFromPeriod\":\"2022\",\"note\":\"x\",")))
                .as("nested targets are closed")
                .isNotEmpty();
        assertThat(violations(IndicatorChangedV1.TYPE, ind.replace("\"SCALE_1_5\"", "\"STARS\"")))
                .isNotEmpty();
        assertThat(violations(IndicatorChangedV1.TYPE, ind.replace("\"BETWEEN\"", "\"ROUGHLY\"")))
                .isNotEmpty();
        assertThat(violations(
                        IndicatorChangedV1.TYPE,
                        ind.replace("\"validFromPeriod\":\"2025\"", "\"validFromPeriod\":\"2025-Q5\"")))
                .isNotEmpty();
        assertThat(violations(IndicatorChangedV1.TYPE, ind.replace("\"revision\":3", "\"revision\":0")))
                .isNotEmpty();
        assertThat(violations(
                        IndicatorChangedV1.TYPE,
                        ind.replace("\"code\":\"MYN-DELAKTIGHET\"", "\"code\":\"MYN DELAKTIGHET\"")))
                .as("a code is a code")
                .isNotEmpty();
        assertThat(violations(
                        IndicatorChangedV1.TYPE,
                        ind.replace("\"name\":\"Upplevelse av att kunna påverka handläggningen\"", "\"name\":\"\"")))
                .isNotEmpty();
        String ev = json(evaluation());
        assertThat(violations(IndicatorEvaluatedV1.TYPE, ev.replace("\"NOT_MET\"", "\"ALMOST\"")))
                .isNotEmpty();
        assertThat(violations(IndicatorEvaluatedV1.TYPE, ev.replace("\"ROLLED_UP\"", "\"AVERAGED\"")))
                .isNotEmpty();
        assertThat(violations(IndicatorEvaluatedV1.TYPE, ev.replace("\"gender\":\"T\"", "\"gender\":\"X\"")))
                .isNotEmpty();
        assertThat(violations(IndicatorEvaluatedV1.TYPE, ev.replace("\"sequence\":2", "\"sequence\":0")))
                .isNotEmpty();
        assertThat(violations(IndicatorEvaluatedV1.TYPE, ev.replace("\"value\":84.4", "\"value\":\"84,4\"")))
                .isNotEmpty();
        assertThat(violations(
                        IndicatorEvaluatedV1.TYPE,
                        ev.replace("\"orgUnitId\":\"" + UNIT + "\"", "\"orgUnitId\":\"enhet-11\"")))
                .isNotEmpty();
    }

    @Test
    void followupEventsCarryCodesIdsDatesAndCountsAndOnlyTheCatalogueNamesAsText() {
        EventComponents.forEach(FollowupEvents.ALL, (name, t, record, rc) -> {
            if (t == String.class) {
                if (!NAMES.contains(name)) {
                    assertThat(schemaRestricts(record, rc.getName()))
                            .as(name + " is a code: its schema restricts it")
                            .isTrue();
                }
            } else {
                assertThat(EventComponents.isIdCodeDateCountOrNumber(t))
                        .as(name + " is an id, code, date, count or number")
                        .isTrue();
            }
        });
    }

    /** Whether the schema property of a String component is an enum (its own or a shared one) or has a pattern (a code, not text). */
    private static boolean schemaRestricts(Class<?> record, String property) {
        Class<?> top = record.getEnclosingClass() != null ? record.getEnclosingClass() : record;
        if (!DomainEvent.class.isAssignableFrom(top)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        String type = EventCatalog.typeOf((Class<? extends DomainEvent>) top);
        try {
            var schema = EventCodec.mapper().readTree(resource(EventSchemas.resourcePath(type)));
            var props = record == top
                    ? schema.path("properties")
                    : schema.path("properties").path("targets").path("items").path("properties");
            var p = props.path(property);
            String path = record == top ? property : "targets[]." + property;
            return p.has("pattern") || SchemaEnums.of(type).containsKey(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theComparatorTravelsAsItsNameSoEarlierEventsReadAndAnUnknownOneIsRefusedNotPrintedRaw() {
        String json = json(evaluation());
        assertThat(json).contains("\"comparator\":\"AT_LEAST\"");
        for (TargetComparison c : TargetComparison.values()) {
            EventEnvelope old = withData(envelope(evaluation()), json.replace("\"AT_LEAST\"", "\"" + c.name() + "\""));
            assertThat(EventCodec.data(old, IndicatorEvaluatedV1.class).comparator())
                    .isEqualTo(c);
        }
        EventEnvelope unknown = withData(envelope(evaluation()), json.replace("\"AT_LEAST\"", "\"ROUGHLY\""));
        assertThatThrownBy(() -> EventCodec.data(unknown, IndicatorEvaluatedV1.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(unknown.id());
    }

    private static EventEnvelope withData(EventEnvelope e, String json) {
        return new EventEnvelope(
                e.id(),
                e.source(),
                e.type(),
                e.time(),
                e.subject(),
                e.dataSchema(),
                e.correlationId(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFieldsOfEarlierVersionsAreUnchanged() {
        // published before the indicator events were added: never remove or retype a field of a version
        // (comparator became the enum whose names are exactly the strings it carried: the wire is unchanged)
        assertThat(signature(TargetMissedV1.class))
                .isEqualTo("indicatorId:UUID, orgUnitId:UUID, period:String, gender:String, "
                        + "value:BigDecimal, comparator:TargetComparison, targetValue:BigDecimal, targetUpper:BigDecimal, distance:BigDecimal, "
                        + "evaluatedAt:Instant");
        assertThat(signature(MeasurementRecordedV1.class))
                .isEqualTo("measurementId:UUID, indicatorId:UUID, orgUnitId:UUID, "
                        + "period:String, gender:String, value:BigDecimal, numerator:BigDecimal, denominator:BigDecimal, "
                        + "responses:Integer, missingReason:String, revision:int, recordedAt:Instant");
    }

    private static String signature(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(rc -> rc.getName() + ":" + rc.getType().getSimpleName())
                .collect(Collectors.joining(", "));
    }

    @Test
    void theAsyncApiDocumentListsEveryFollowupEvent() throws IOException {
        String asyncapi = new String(resource("asyncapi.yaml"), StandardCharsets.UTF_8);
        for (Class<? extends DomainEvent> c : FollowupEvents.ALL) {
            String type = EventCatalog.typeOf(c);
            assertThat(asyncapi).contains("name: " + type).contains("$ref: 'schemas/" + type + ".json'");
        }
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = FollowupEventContractsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
