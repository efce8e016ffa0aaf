package se.kvalitet.deviation.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.report.Deviation;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCatalog;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.EventSchemas;
import se.kvalitet.events.PersonRef;
import se.kvalitet.events.SchemaEnums;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationEvents;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.events.deviation.RootCause;

/** Every deviation event, with optional fields filled and empty, validates against its published schema and round-trips. */
class DeviationEventSchemaTest {

    static final UUID D = UUID.randomUUID();
    static final UUID UNIT = UUID.fromString("00000000-0000-4000-8000-000000000011");
    static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000012");
    static final Instant T = Instant.parse("2026-03-02T08:15:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static List<DomainEvent> samples() {
        UUID track = UUID.randomUUID();
        return List.of(
                new DeviationReportedV1(D, UNIT, List.of(OTHER), "STAFF", null, DAY, T),
                new DeviationTriagedV1(
                        D,
                        UNIT,
                        List.of(OTHER),
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.PERSONAL_DATA_BREACH),
                        List.of(),
                        false,
                        T),
                new DeviationTriagedV1(
                        D,
                        UNIT,
                        List.of(),
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        List.of(DeviationCategory.LEX_SARAH),
                        true,
                        T),
                new DeviationTrackOpenedV1(D, track, DeviationCategory.LEX_SARAH, UNIT, List.of(OTHER), T),
                new DeviationTrackClosedV1(
                        D,
                        track,
                        DeviationCategory.LEX_SARAH,
                        DeviationTrackClosedV1.Closure.COMPLETED,
                        UNIT,
                        List.of(),
                        T,
                        T,
                        DAY,
                        Assessment.MISSFORHALLANDE,
                        true,
                        true,
                        false,
                        null,
                        null,
                        null,
                        null),
                new DeviationTrackClosedV1(
                        D,
                        track,
                        DeviationCategory.COMPLAINT,
                        DeviationTrackClosedV1.Closure.COMPLETED,
                        UNIT,
                        List.of(),
                        T,
                        T,
                        DAY,
                        null,
                        null,
                        null,
                        null,
                        ComplaintKind.SUGGESTION,
                        ComplaintSource.CLIENT_OR_RELATIVE,
                        ComplaintChannel.WEB_FORM,
                        false),
                new DeviationTrackClosedV1(
                        D,
                        track,
                        DeviationCategory.OTHER_DEVIATION,
                        DeviationTrackClosedV1.Closure.RECLASSIFIED,
                        UNIT,
                        List.of(),
                        T,
                        T,
                        DAY,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new DeviationInvestigationCompletedV1(
                        D,
                        track,
                        DeviationCategory.LEX_SARAH,
                        UNIT,
                        List.of(),
                        Assessment.PATAGLIG_RISK_FOR_MISSFORHALLANDE,
                        true,
                        true,
                        List.of(RootCause.MISSING_ROUTINE, RootCause.COMPETENCE),
                        List.of(UUID.randomUUID()),
                        2,
                        T,
                        DAY),
                new DeviationInvestigationCompletedV1(
                        D,
                        track,
                        DeviationCategory.OTHER_DEVIATION,
                        UNIT,
                        List.of(),
                        null,
                        false,
                        false,
                        List.of(),
                        List.of(),
                        0,
                        T,
                        DAY),
                new DeviationAuthorityNotifiedV1(
                        D,
                        track,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        UUID.randomUUID(),
                        Authority.IMY,
                        NotificationKind.INITIAL,
                        UNIT,
                        T,
                        T.plusSeconds(72 * 3600),
                        T.plusSeconds(80 * 3600),
                        false,
                        1,
                        8),
                new DeviationAuthorityNotifiedV1(
                        D,
                        track,
                        DeviationCategory.LEX_SARAH,
                        UUID.randomUUID(),
                        Authority.IVO,
                        NotificationKind.SUPPLEMENT,
                        UNIT,
                        null,
                        null,
                        T,
                        true,
                        0,
                        0),
                new DeviationActionAddedV1(
                        D,
                        UUID.randomUUID(),
                        track,
                        DeviationCategory.LEX_SARAH,
                        OTHER,
                        UNIT,
                        List.of(DeviationCategory.LEX_SARAH),
                        List.of(RootCause.DEFICIENT_ROUTINE),
                        DAY,
                        T),
                new DeviationActionAddedV1(D, UUID.randomUUID(), null, null, OTHER, UNIT, List.of(), List.of(), DAY, T),
                new DeviationActionDoneV1(
                        D,
                        UUID.randomUUID(),
                        null,
                        UNIT,
                        UNIT,
                        List.of(DeviationCategory.OTHER_DEVIATION),
                        DAY,
                        DAY.plusDays(3),
                        false,
                        3,
                        T),
                new DeviationActionEffectCheckedV1(
                        D,
                        UUID.randomUUID(),
                        DeviationCategory.LEX_MARIA,
                        UNIT,
                        UNIT,
                        List.of(DeviationCategory.LEX_MARIA),
                        DAY,
                        DAY,
                        DAY.plusMonths(3),
                        true,
                        T),
                new DeviationDeadlineDueSoonV1(
                        D,
                        UUID.randomUUID(),
                        ClockKind.IMY_NOTIFICATION,
                        track,
                        DeviationCategory.PERSONAL_DATA_BREACH,
                        UNIT,
                        T,
                        T,
                        DAY,
                        T),
                new DeviationDeadlineOverdueV1(D, UUID.randomUUID(), ClockKind.TRIAGE, D, null, UNIT, T, T, DAY, T),
                new DeviationClosedV1(
                        D,
                        UNIT,
                        List.of(OTHER),
                        List.of(DeviationCategory.LEX_SARAH, DeviationCategory.PERSONAL_DATA_BREACH),
                        T,
                        DAY,
                        T,
                        DAY.plusDays(12),
                        12,
                        3),
                new DeviationInvestigatorAssignedV1(
                        D,
                        track,
                        DeviationCategory.LEX_SARAH,
                        UNIT,
                        PersonRef.withKey("a-sample-key-of-at-least-thirty-two-characters")
                                .of("ingrid"),
                        T.plusSeconds(30 * 86400L),
                        T),
                new DeviationInvestigatorAssignedV1(
                        D, track, DeviationCategory.COMPLAINT, UNIT, "hmac-sha256:" + "0".repeat(64), null, T));
    }

    @Test
    void everySampleValidatesAndRoundTrips() {
        for (DomainEvent e : samples()) {
            EventEnvelope env = EventCodec.envelope(e, URI.create("/kvalitet/deviation-service"), T, null);
            assertThat(EventSchemas.validate(env.type(), env.data()))
                    .as("%s: %s", env.type(), new String(env.data(), StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(EventCodec.data(env)).isEqualTo(e);
            assertThat(env.subject()).isEqualTo(D.toString());
        }
    }

    @Test
    void theValuesPublishedAsStringsAreExactlyTheirSchemaEnums() {
        // the reporting channel travels as a string: deviation-service's Deviation.Channel owns its values
        assertThat(SchemaEnums.values(DeviationReportedV1.TYPE, "channel"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Deviation.Channel.values())
                        .map(Enum::name)
                        .toList());
        assertThat(SchemaEnums.CARRIED_AS_STRING.keySet().stream().filter(k -> k.startsWith("se.kvalitet.deviation.")))
                .as("every deviation value carried as a string is checked here")
                .containsExactly(DeviationReportedV1.TYPE + " channel");
    }

    @Test
    void everyPublishedTypeHasASampleAndIsCatalogued() {
        assertThat(samples().stream().map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(DeviationEvents.ALL);
        DeviationEvents.ALL.forEach(
                c -> assertThat(EventCatalog.byType(EventCatalog.typeOf(c))).contains(c));
    }

    @Test
    void schemasRejectUnknownFieldsAndWrongEnumValues() {
        EventEnvelope env = EventCodec.envelope(samples().get(9), URI.create("/x"), T, null);
        String json = new String(env.data(), StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(
                        env.type(), json.replace("\"IMY\"", "\"POLICE\"").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate(
                        env.type(),
                        json.replace("{", "{\"note\":\"free text\",").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate(
                        env.type(),
                        json.replace("\"daysLate\":1", "\"daysLate\":-1").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
    }
}
