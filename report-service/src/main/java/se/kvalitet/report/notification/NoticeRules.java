package se.kvalitet.report.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.deviation.ClockKind;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationDeadlineDueSoonV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;
import se.kvalitet.events.followup.EgenkontrollOverdueV1;
import se.kvalitet.events.followup.InitiativeOverdueV1;
import se.kvalitet.events.followup.InternalControlOverdueV1;
import se.kvalitet.events.registry.DocumentReviewDueV1;
import se.kvalitet.events.registry.DocumentReviewOverdueV1;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.report.ReportGeneratedV1;
import se.kvalitet.events.report.ReportKind;

/**
 * Which events people are told about, what they are told (Swedish, from the event's identifiers,
 * kinds and dates only: never a name, a personal identity number or a case's free text, which the
 * events do not carry), who is responsible, and where the link points in the intranet front-end.
 * One home for these rules; no Quarkus, no database.
 */
public final class NoticeRules {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd 'kl.' HH:mm");

    static final String QUALITY_TEAM = "quality-team";
    static final String UNIT_MANAGER = "unit-manager";
    static final String PROCESS_OWNER = "process-owner";

    private NoticeRules() {}

    /**
     * What one event is to tell people, or empty for events nobody is notified about.
     *
     * @param what          the thing to do, in Swedish (no case data)
     * @param dueText       by when (date, or date and time where the hour matters), or null
     * @param overdue       whether the deadline has passed (escalates to the manager)
     * @param orgUnitId     the unit whose responsible people are told
     * @param roles         the roles responsible for it at that unit (nearest level up with such a person)
     * @param linkPath      the path of the case in the intranet front-end (appended to the base URL)
     * @param personRef     for a matter of one person (an assignment): that person's keyed pseudonym
     *                      (platform/events {@code PersonRef}), told instead of the unit's roles; else null
     */
    public record Notice(
            String topic,
            String what,
            String dueText,
            boolean overdue,
            UUID orgUnitId,
            List<String> roles,
            String linkPath,
            String personRef) {

        Notice(
                String topic,
                String what,
                String dueText,
                boolean overdue,
                UUID orgUnitId,
                List<String> roles,
                String linkPath) {
            this(topic, what, dueText, overdue, orgUnitId, roles, linkPath, null);
        }
    }

    /** The event types {@link #of} may make a notice of; others are not even parsed. */
    public static final Set<String> TYPES = Set.of(
            DeviationDeadlineDueSoonV1.TYPE,
            DeviationDeadlineOverdueV1.TYPE,
            EgenkontrollOverdueV1.TYPE,
            InitiativeOverdueV1.TYPE,
            InternalControlOverdueV1.TYPE,
            DeviationInvestigatorAssignedV1.TYPE,
            DocumentReviewDueV1.TYPE,
            DocumentReviewOverdueV1.TYPE,
            ReportGeneratedV1.TYPE);

    public static Optional<Notice> of(DomainEvent event) {
        if (event instanceof DeviationDeadlineDueSoonV1 e) {
            if (e.detectedAt() != null && e.dueAt() != null && !e.detectedAt().isBefore(e.dueAt())) {
                // noticed only after it was due (a clock started late, a watcher that was down): the overdue
                // event of the same scan says it, a "due soon" after the fact would only confuse
                return Optional.empty();
            }
            return Optional.of(clock(e.clockKind(), e.deviationId(), e.orgUnitId(), e.dueAt(), e.dueDate(), false));
        }
        if (event instanceof DeviationDeadlineOverdueV1 e) {
            return Optional.of(clock(e.clockKind(), e.deviationId(), e.orgUnitId(), e.dueAt(), e.dueDate(), true));
        }
        if (event instanceof EgenkontrollOverdueV1 e) {
            return Optional.of(new Notice(
                    "egenkontroll",
                    "En egenkontroll har inte genomförts i tid",
                    date(e.dueOn()),
                    true,
                    e.orgUnitId(),
                    List.of(UNIT_MANAGER),
                    "/egenkontroller/" + e.planId()));
        }
        if (event instanceof InitiativeOverdueV1 e) {
            return Optional.of(new Notice(
                    "kvalitetsinsats",
                    "En kvalitetsinsats har inte slutförts i tid",
                    date(e.deadline()),
                    true,
                    e.orgUnitId(),
                    List.of(UNIT_MANAGER),
                    "/kvalitetsinsatser/" + e.initiativeId()));
        }
        if (event instanceof InternalControlOverdueV1 e) {
            // the plan is the board's or the administration's: its managers answer for the controls, the quality team
            // keeps the plan (the item's "responsible role" is free text and stays in followup-service)
            return Optional.of(new Notice(
                    "internkontroll",
                    "En kontroll i internkontrollplanen " + e.year() + " har inte genomförts i tid",
                    date(e.dueOn()),
                    true,
                    e.orgUnitId(),
                    List.of(UNIT_MANAGER, QUALITY_TEAM),
                    "/internkontroll/" + e.planId()));
        }
        if (event instanceof DeviationInvestigatorAssignedV1 e) {
            // the assigned investigator alone, recognised by the pseudonym; no escalation (nothing has passed)
            return Optional.of(new Notice(
                    "utredning",
                    "Du har tilldelats en utredning: " + trackName(e.trackType()),
                    e.dueAt() == null ? null : date(LocalDate.ofInstant(e.dueAt(), SWEDEN)),
                    false,
                    e.orgUnitId(),
                    List.of(),
                    "/avvikelser/" + e.deviationId(),
                    e.investigatorRef()));
        }
        if (event instanceof DocumentReviewDueV1 e) {
            return Optional.of(review(
                    e.documentId(), e.documentType(), e.nextReviewDate(), e.ownerOrgUnitId(), e.orgUnitIds(), false));
        }
        if (event instanceof DocumentReviewOverdueV1 e) {
            return Optional.of(review(
                    e.documentId(), e.documentType(), e.nextReviewDate(), e.ownerOrgUnitId(), e.orgUnitIds(), true));
        }
        if (event instanceof ReportGeneratedV1 e) {
            return Optional.of(new Notice(
                    "rapport",
                    reportName(e.kind()) + " " + e.year() + " (version " + e.versionNumber()
                            + ") är klar för granskning och godkännande",
                    // patientsäkerhetslagen 3 kap. 10 §: the patientsäkerhetsberättelse by 1 March
                    e.kind() == ReportKind.PATIENTSAKERHETSBERATTELSE ? date(LocalDate.of(e.year() + 1, 3, 1)) : null,
                    false,
                    e.orgUnitId(),
                    List.of(QUALITY_TEAM),
                    "/rapporter/" + e.reportId() + "/versioner/" + e.versionId()));
        }
        return Optional.empty();
    }

    private static Notice clock(
            ClockKind kind, UUID deviationId, UUID orgUnitId, Instant dueAt, LocalDate dueDate, boolean overdue) {
        boolean action = kind == ClockKind.ACTION_DUE || kind == ClockKind.ACTION_EFFECT_CHECK;
        return new Notice(
                "avvikelse",
                clockText(kind),
                // where the hour matters (IMY's 72 hours, "snarast") it is shown; the rest are days
                hourMatters(kind) && dueAt != null ? dateTime(dueAt) : date(dueDate),
                overdue,
                orgUnitId,
                // an action belongs to the unit that does it; the other clocks are the quality team's work
                action ? List.of(UNIT_MANAGER) : List.of(QUALITY_TEAM),
                "/avvikelser/" + deviationId);
    }

    private static Notice review(
            UUID documentId,
            DocumentType type,
            LocalDate reviewDate,
            UUID ownerOrgUnitId,
            List<UUID> orgUnitIds,
            boolean overdue) {
        UUID unit = ownerOrgUnitId != null ? ownerOrgUnitId : orgUnitIds.isEmpty() ? null : orgUnitIds.get(0);
        return new Notice(
                "styrdokument",
                documentName(type) + " ska revideras",
                date(reviewDate),
                overdue,
                unit,
                List.of(PROCESS_OWNER, UNIT_MANAGER),
                "/styrdokument/" + documentId);
    }

    static boolean hourMatters(ClockKind kind) {
        return switch (kind) {
            case IMY_NOTIFICATION, LEX_SARAH_IVO_NOTIFICATION, LEX_MARIA_IVO_NOTIFICATION, TRIAGE -> true;
            default -> false;
        };
    }

    static String clockText(ClockKind kind) {
        return switch (kind) {
            case TRIAGE -> "En avvikelserapport väntar på bedömning (triage)";
            case LEX_SARAH_IVO_NOTIFICATION -> "Lex Sarah: anmälan till IVO (snarast)";
            case LEX_SARAH_INVESTIGATION -> "Lex Sarah: utredning och ställningstagande";
            case LEX_MARIA_IVO_NOTIFICATION -> "Lex Maria: anmälan till IVO (snarast)";
            case LEX_MARIA_INVESTIGATION -> "Lex Maria: utredning";
            case IMY_NOTIFICATION -> "Personuppgiftsincident: anmälan till IMY inom 72 timmar";
            case COMPLAINT_ACKNOWLEDGEMENT -> "Klagomål: bekräfta att klagomålet tagits emot";
            case COMPLAINT_ANSWER -> "Klagomål: svar till den som lämnat klagomålet";
            case DEVIATION_INVESTIGATION -> "Avvikelse: utredning";
            case ACTION_DUE -> "En åtgärd ska vara genomförd";
            case ACTION_EFFECT_CHECK -> "En åtgärd: uppföljning av effekten";
        };
    }

    static String trackName(DeviationCategory kind) {
        return switch (kind) {
            case LEX_SARAH -> "lex Sarah";
            case LEX_MARIA -> "lex Maria";
            case PERSONAL_DATA_BREACH -> "personuppgiftsincident";
            case COMPLAINT -> "klagomål";
            case OTHER_DEVIATION -> "avvikelse";
            case NOT_A_DEVIATION -> "ej avvikelse";
        };
    }

    static String documentName(DocumentType type) {
        return switch (type) {
            case PROCESS -> "En process";
            case ROUTINE -> "En rutin";
            case GUIDELINE -> "En riktlinje";
            case CHECKLIST -> "En checklista";
            case COOPERATION_AGREEMENT -> "En samverkansöverenskommelse";
        };
    }

    static String reportName(ReportKind kind) {
        return switch (kind) {
            case KVALITETSBERATTELSE -> "Kvalitetsberättelsen";
            case PATIENTSAKERHETSBERATTELSE -> "Patientsäkerhetsberättelsen";
        };
    }

    /** The roles whose people may be told anything at all (the preferences resource keeps these). */
    static final Set<String> NOTIFIED_ROLES = Set.of(QUALITY_TEAM, UNIT_MANAGER, PROCESS_OWNER);

    private static String date(LocalDate d) {
        return d == null ? null : DATE.format(d);
    }

    private static String dateTime(Instant t) {
        return DATE_TIME.format(t.atZone(SWEDEN));
    }
}
