package se.kvalitet.events.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import se.kvalitet.events.SchemaEnums;
import se.kvalitet.events.Topics;

/**
 * The contract of process-registry-service's events as deviation-, followup- and report-service
 * consume them: every type has a schema that accepts what the record serialises to and rejects
 * extra or malformed fields, every type is in the AsyncAPI document, enums match between Java and
 * schema, and no event carries free text (String fields are only codes on an allow-list).
 */
class RegistryEventContractsTest {

    static final UUID DOC = UUID.fromString("0b5f0000-0000-4000-9000-000000000001");
    static final UUID UNIT = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final UUID REQ = UUID.fromString("00000000-0000-4000-b001-000000040004");
    static final Instant AT = Instant.parse("2026-03-02T08:15:00Z");

    /** The only String components registry events may have: codes and organisational names, never free text. */
    static final Set<String> ALLOWED_STRINGS = Set.of(
            "OrgUnitChangedV1.code",
            "OrgUnitChangedV1.name",
            "OrgUnitChangedV1.type",
            "OrgUnitChangedV1.change",
            "RequirementRef.regulationCode",
            "RequirementRef.reference");

    static List<DomainEvent> samples() {
        UUID activity = UUID.randomUUID();
        RequirementRef routines = new RequirementRef(REQ, "SOSFS 2011:9", "4 kap. 4 §", FollowUpMethod.EGENKONTROLL);
        return List.of(
                new OrgUnitChangedV1(
                        UNIT,
                        "ÄO-HT",
                        "Hemtjänst Norr",
                        "UNIT",
                        UUID.randomUUID(),
                        LocalDate.of(2024, 1, 1),
                        true,
                        "CREATED",
                        List.of(),
                        AT),
                new DocumentApprovedV1(
                        DOC,
                        DocumentType.PROCESS,
                        2,
                        UUID.randomUUID(),
                        ProcessCategory.CORE,
                        null,
                        null,
                        null,
                        List.of(new ActivityRef(activity, 1), new ActivityRef(UUID.randomUUID(), 2)),
                        UNIT,
                        List.of(UNIT),
                        List.of(UUID.randomUUID()),
                        List.of(routines),
                        List.of(CooperationPartnerKind.REGION, CooperationPartnerKind.POLICE),
                        List.of(UUID.randomUUID()),
                        DecisionBody.BOARD,
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 15),
                        ReviewInterval.YEARLY,
                        null,
                        LocalDate.of(2027, 3, 1),
                        1,
                        AT),
                new DocumentApprovedV1(
                        UUID.randomUUID(),
                        DocumentType.ROUTINE,
                        1,
                        UUID.randomUUID(),
                        null,
                        DOC,
                        activity,
                        null,
                        List.of(),
                        UNIT,
                        List.of(UNIT),
                        List.of(),
                        List.of(routines, new RequirementRef(UUID.randomUUID(), "SOSFS 2011:5", "2 kap.", null)),
                        List.of(),
                        List.of(),
                        DecisionBody.UNIT_HEAD,
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 1),
                        ReviewInterval.MONTHS,
                        18,
                        LocalDate.of(2027, 9, 1),
                        null,
                        AT),
                new DocumentSupersededV1(
                        DOC,
                        DocumentType.PROCESS,
                        1,
                        UUID.randomUUID(),
                        2,
                        LocalDate.of(2026, 3, 15),
                        List.of(UNIT),
                        AT),
                new DocumentWithdrawnV1(
                        DOC,
                        DocumentType.ROUTINE,
                        3,
                        UUID.randomUUID(),
                        WithdrawalReason.REPLACED,
                        UUID.randomUUID(),
                        LocalDate.of(2026, 5, 1),
                        List.of(UNIT),
                        AT),
                new DocumentReviewedV1(
                        DOC,
                        DocumentType.GUIDELINE,
                        1,
                        LocalDate.of(2026, 2, 20),
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2027, 3, 1),
                        AT),
                new DocumentReviewDueV1(
                        DOC, DocumentType.CHECKLIST, 1, LocalDate.of(2026, 3, 1), UNIT, List.of(UNIT), AT),
                new DocumentReviewOverdueV1(
                        DOC, DocumentType.COOPERATION_AGREEMENT, 4, LocalDate.of(2026, 3, 1), null, List.of(UNIT), AT),
                new RiskAssessedV1(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        2,
                        RiskSubjectKind.ACTIVITY,
                        DOC,
                        activity,
                        UNIT,
                        3,
                        4,
                        12,
                        RiskMatrixClass.VERY_HIGH,
                        RiskMatrixClass.HIGH,
                        RiskStatus.OPEN,
                        List.of(new MeasureRef(
                                UUID.randomUUID(),
                                MeasureKind.EGENKONTROLL,
                                MeasureStatus.PLANNED,
                                LocalDate.of(2026, 6, 30),
                                UNIT)),
                        LocalDate.of(2026, 3, 2),
                        AT),
                new UnitCoverageChangedV1(
                        UNIT,
                        LocalDate.of(2026, 3, 2),
                        List.of(UUID.randomUUID()),
                        24,
                        List.of(REQ),
                        List.of(new RequirementRef(UUID.randomUUID(), "SOSFS 2011:9", "5 kap. 2 §", null)),
                        7,
                        AT));
    }

    static EventEnvelope envelope(DomainEvent e) {
        return EventCodec.envelope(e, URI.create("/kvalitet/process-registry-service"), AT, "c-1");
    }

    @Test
    void everyRegistryEventHasASampleThatValidatesAndRoundTrips() {
        List<DomainEvent> samples = samples();
        assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("a sample for every type in RegistryEvents.ALL")
                .containsExactlyInAnyOrderElementsOf(RegistryEvents.ALL);
        for (DomainEvent e : samples) {
            EventEnvelope env = envelope(e);
            assertThat(env.type()).startsWith("se.kvalitet.registry.");
            assertThat(EventCatalog.topicOf(e.getClass())).isEqualTo(Topics.REGISTRY);
            assertThat(env.subject()).isEqualTo(e.aggregateId());
            assertThat(EventSchemas.validate(env.type(), env.data()))
                    .as("%s: %s", env.type(), new String(env.data(), StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(EventCodec.data(env)).isEqualTo(e);
        }
    }

    @Test
    void schemasRejectExtraFieldsOutOfRangeValuesAndUnknownCodes() {
        for (DomainEvent e : samples()) {
            EventEnvelope env = envelope(e);
            String json = new String(env.data(), StandardCharsets.UTF_8);
            assertThat(EventSchemas.validate(
                            env.type(),
                            json.replaceFirst("\\{", "{\"title\":\"Rutin för läkemedel\",")
                                    .getBytes(StandardCharsets.UTF_8)))
                    .as("free text field in " + env.type())
                    .isNotEmpty();
        }
        RiskAssessedV1 risk = (RiskAssessedV1) samples().stream()
                .filter(RiskAssessedV1.class::isInstance)
                .findFirst()
                .orElseThrow();
        String json = new String(envelope(risk).data(), StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(
                        RiskAssessedV1.TYPE,
                        json.replace("\"likelihood\":3", "\"likelihood\":5").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate(
                        RiskAssessedV1.TYPE,
                        json.replace("\"VERY_HIGH\"", "\"EXTREME\"").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate(
                        RiskAssessedV1.TYPE,
                        json.replace("\"measureId\":", "\"ownerName\":\"Karin\",\"measureId\":")
                                .getBytes(StandardCharsets.UTF_8)))
                .as("nested objects are closed too")
                .isNotEmpty();
        DocumentApprovedV1 approved = (DocumentApprovedV1) samples().get(1);
        String doc = new String(envelope(approved).data(), StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(
                        DocumentApprovedV1.TYPE,
                        doc.replace("\"PROCESS\"", "\"ACTIVITY\"").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate(
                        DocumentApprovedV1.TYPE,
                        doc.replace("\"orgUnitIds\":[", "\"orgUnitIds\":[\"x\",")
                                .getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
    }

    @Test
    void theSchemasEnumsAreTheJavaEnums() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "documentType", names(DocumentType.class),
                "decidedBy", names(DecisionBody.class),
                "reviewInterval", names(ReviewInterval.class),
                "reason", names(WithdrawalReason.class),
                "subjectKind", names(RiskSubjectKind.class),
                "matrixClass", names(RiskMatrixClass.class),
                "status", names(RiskStatus.class));
        for (Class<? extends DomainEvent> c : RegistryEvents.ALL) {
            SchemaEnums.of(EventCatalog.typeOf(c)).forEach((property, values) -> {
                List<String> want = expected.get(property);
                if (want != null) {
                    assertThat(values.stream()
                                    .filter(java.util.Objects::nonNull)
                                    .toList())
                            .as(c.getSimpleName() + "." + property)
                            .isEqualTo(want);
                }
            });
        }
    }

    @Test
    void registryEventsCarryNoFreeText() {
        EventComponents.forEach(RegistryEvents.ALL, (name, t, record, rc) -> {
            if (t == String.class) {
                assertThat(ALLOWED_STRINGS)
                        .as("String component " + name + " (free text does not belong in events)")
                        .contains(name);
            } else {
                assertThat(EventComponents.isIdCodeDateCountOrNumber(t))
                        .as(name + " is an id, code, date or count")
                        .isTrue();
            }
        });
    }

    @Test
    void theAsyncApiDocumentListsEveryRegistryEvent() throws IOException {
        String asyncapi = new String(resource("asyncapi.yaml"), StandardCharsets.UTF_8);
        for (Class<? extends DomainEvent> c : RegistryEvents.ALL) {
            String type = EventCatalog.typeOf(c);
            assertThat(asyncapi).contains("name: " + type).contains("$ref: 'schemas/" + type + ".json'");
        }
    }

    private static List<String> names(Class<? extends Enum<?>> e) {
        return java.util.Arrays.stream(e.getEnumConstants()).map(Enum::name).toList();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = RegistryEventContractsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
