package se.kvalitet.followup.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.followup.access.FollowupAccess;
import se.kvalitet.followup.criterion.QualityCriterionRepository;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Enums.EgenkontrollMethod;
import se.kvalitet.followup.domain.Enums.EgenkontrollResult;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.domain.Enums.GoalLevel;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.egenkontroll.EgenkontrollCommands;
import se.kvalitet.followup.egenkontroll.EgenkontrollExecutions;
import se.kvalitet.followup.egenkontroll.EgenkontrollOccurrence;
import se.kvalitet.followup.egenkontroll.EgenkontrollOccurrenceRepository;
import se.kvalitet.followup.egenkontroll.EgenkontrollPlan;
import se.kvalitet.followup.egenkontroll.EgenkontrollPlanRepository;
import se.kvalitet.followup.egenkontroll.EgenkontrollPlans;
import se.kvalitet.followup.goal.Goal;
import se.kvalitet.followup.goal.GoalCommands.GoalCommand;
import se.kvalitet.followup.goal.GoalRepository;
import se.kvalitet.followup.goal.GoalService;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorCommands.CriterionCommand;
import se.kvalitet.followup.indicator.IndicatorCommands.IndicatorCommand;
import se.kvalitet.followup.indicator.IndicatorCommands.TargetCommand;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.indicator.IndicatorService;
import se.kvalitet.followup.initiative.InitiativeCommands;
import se.kvalitet.followup.initiative.InitiativeService;
import se.kvalitet.followup.initiative.QualityInitiative;
import se.kvalitet.followup.initiative.QualityInitiative.Origin;
import se.kvalitet.followup.initiative.QualityInitiativeRepository;
import se.kvalitet.followup.internalcontrol.InternalControlCommands;
import se.kvalitet.followup.internalcontrol.InternalControlItem.ResultStatus;
import se.kvalitet.followup.internalcontrol.InternalControlPlan;
import se.kvalitet.followup.internalcontrol.InternalControlPlanRepository;
import se.kvalitet.followup.internalcontrol.InternalControlService;
import se.kvalitet.followup.kolada.KoladaDocument;
import se.kvalitet.followup.kolada.KoladaImport;
import se.kvalitet.followup.measurement.BulkUpload;
import se.kvalitet.followup.measurement.MeasurementCommands;
import se.kvalitet.followup.support.Today;
import se.kvalitet.orgcopy.OrgCopy;

/**
 * Demo data when {@code kvalitet.demo-data.enabled=true}, for the demo organisation's fixed unit
 * ids (process-registry-service's DemoData): Nacka's quality criteria and målvärden (seed 000) as
 * indicators with a few years of invented measurements per unit (some split by gender, some
 * missing with too few answers), goals from Nacka's overarching and board goals, Ovanåker-style
 * quality initiatives (seed 001), egenkontroll plans with executions and an overdue one, and an
 * internal control plan with Ovanåker's controls. Invented content, no persons. What exists (by
 * code or title) is left alone, so a restart changes nothing.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String WHO = "demo-data";

    @ConfigProperty(name = "kvalitet.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    IndicatorService indicators;

    @Inject
    IndicatorRepository indicatorRepository;

    @Inject
    QualityCriterionRepository criteria;

    @Inject
    GoalService goals;

    @Inject
    GoalRepository goalRepository;

    @Inject
    BulkUpload measurements;

    @Inject
    InitiativeService initiatives;

    @Inject
    QualityInitiativeRepository initiativeRepository;

    @Inject
    EgenkontrollPlans egenkontroll;

    @Inject
    EgenkontrollExecutions egenkontrollExecutions;

    @Inject
    EgenkontrollPlanRepository planRepository;

    @Inject
    EgenkontrollOccurrenceRepository occurrenceRepository;

    @Inject
    InternalControlService internalControl;

    @Inject
    InternalControlPlanRepository internalControlRepository;

    @Inject
    OrgCopy orgUnits;

    @Inject
    KoladaImport kolada;

    @Inject
    FollowupAccess access;

    @Inject
    Today today;

    static UUID unit(int n) {
        return UUID.fromString("00000000-0000-4000-8000-0000000000" + (n < 10 ? "0" : "") + n);
    }

    static final UUID BOARD = unit(1);
    static final UUID ADMINISTRATION = unit(2);
    static final UUID HEMTJANST = unit(11);
    static final UUID EKBACKEN = unit(12);
    static final UUID BARN_UNGA = unit(21);
    static final UUID VUXEN = unit(22);
    static final UUID LINDEN = unit(31);
    static final UUID DAGLIG = unit(32);

    /** The demo organisation (as process-registry-service's demo publishes it); its snapshots replace these. */
    static final Object[][] ORGANISATION = {
        {1, null, "Socialnämnden", "BOARD"},
        {2, 1, "Socialförvaltningen", "ADMINISTRATION"},
        {10, 2, "Äldreomsorg", "DEPARTMENT"},
        {11, 10, "Hemtjänst Norr", "UNIT"},
        {12, 10, "Ekbackens särskilda boende", "UNIT"},
        {20, 2, "Individ- och familjeomsorg", "DEPARTMENT"},
        {21, 20, "Barn och unga", "UNIT"},
        {22, 20, "Vuxenenheten", "UNIT"},
        {30, 2, "Funktionsstöd", "DEPARTMENT"},
        {31, 30, "Gruppbostad Linden", "UNIT"},
        {32, 30, "Daglig verksamhet", "UNIT"}
    };

    static TargetCommand target(String from, TargetComparison c, String value) {
        return new TargetCommand(from, c, new BigDecimal(value), null);
    }

    static IndicatorCommand indicator(
            String code,
            String name,
            String description,
            String criterion,
            UnitOfMeasure unit,
            Method method,
            Frequency frequency,
            String responsible,
            int decimals,
            boolean genderSplit,
            String kolada,
            Integer minResponses,
            List<TargetCommand> targets) {
        return new IndicatorCommand(
                code,
                name,
                description,
                criterion,
                null,
                unit,
                method,
                frequency,
                responsible,
                null,
                decimals,
                genderSplit,
                kolada,
                targets,
                minResponses,
                null,
                null);
    }

    static IndicatorCommand derived(
            String code,
            String name,
            String description,
            DerivedMetric metric,
            DeviationCategory category,
            List<TargetCommand> targets) {
        return new IndicatorCommand(
                code,
                name,
                description,
                "SAFETY",
                null,
                metric.unit,
                Method.DERIVED_FROM_EVENTS,
                Frequency.YEARLY,
                "Kvalitetsutvecklare",
                null,
                metric.unit == UnitOfMeasure.DAYS ? 0 : 1,
                false,
                null,
                targets,
                null,
                metric,
                category);
    }

    /** Seed 000's criteria tables (myndighet and utförare) with their målvärden, and the original three demo indicators. */
    static final List<IndicatorCommand> INDICATORS = List.of(
            indicator(
                    "BRUKARE-PAVERKA",
                    "Andel brukare som upplever att de kan påverka insatsens utförande",
                    "Brukarundersökning inom äldreomsorgen, frågan om inflytande.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.PERCENT,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Kvalitetsutvecklare",
                    0,
                    true,
                    null,
                    5,
                    List.of(
                            target("2024", TargetComparison.AT_LEAST, "85"),
                            target("2026", TargetComparison.AT_LEAST, "90"))),
            indicator(
                    "UTREDNING-DAGAR",
                    "Handläggningstid för utredning av barn och unga, dagar",
                    "Tid från beslut att inleda utredning till beslut (SoL 11 kap 2 §: högst fyra månader).",
                    "AVAILABILITY",
                    UnitOfMeasure.DAYS,
                    Method.SYSTEM_STATISTICS,
                    Frequency.TERTIAL,
                    "Enhetschef barn och unga",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2024", TargetComparison.AT_MOST, "120"))),
            indicator(
                    "SAMORDNAD-PLAN",
                    "Andel brukare med samordnad individuell plan (SIP) där behov finns",
                    "Journalgranskning två gånger per år.",
                    "HOLISTIC_VIEW_COORDINATION",
                    UnitOfMeasure.PERCENT,
                    Method.RECORD_REVIEW,
                    Frequency.TWICE_A_YEAR,
                    "Medicinskt ansvarig sjuksköterska",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2024", TargetComparison.EXACTLY, "100"))),
            indicator(
                    "MYN-DELAKTIGHET",
                    "Upplevelse av att kunna påverka handläggningen av sitt ärende",
                    "Delaktighet: socialtjänsten bygger på respekt för individens integritet och rätt till självbestämmande. Metod: enkät, en gång/år.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.SCALE_1_5,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Gruppchef uppföljningsgruppen, Sociala kvalitetsenheten",
                    1,
                    true,
                    null,
                    5,
                    List.of(target("2022", TargetComparison.AT_LEAST, "4"))),
            indicator(
                    "MYN-BEMOTANDE",
                    "Upplevelse av att ha blivit bemött med respekt i kontakten med myndigheten",
                    "Bemötande. Metod: enkät, en gång/år.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.SCALE_1_5,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Gruppchef uppföljningsgruppen, Sociala kvalitetsenheten",
                    1,
                    true,
                    null,
                    5,
                    List.of(target("2022", TargetComparison.AT_LEAST, "4"))),
            indicator(
                    "MYN-KONTAKT",
                    "Upplevelse av att det är lätt att komma i kontakt med sin handläggare",
                    "Tillgänglighet. Metod: enkät, en gång/år.",
                    "AVAILABILITY",
                    UnitOfMeasure.SCALE_1_5,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Gruppchef uppföljningsgruppen, Sociala kvalitetsenheten",
                    1,
                    false,
                    null,
                    5,
                    List.of(target("2022", TargetComparison.AT_LEAST, "4"))),
            indicator(
                    "SAMTAL-SERVICEPOLICY",
                    "Andel samtal besvarade enligt servicepolicy",
                    "Tillgänglighet. Metod: extern tillgänglighetsundersökning, en gång/år.",
                    "AVAILABILITY",
                    UnitOfMeasure.PERCENT,
                    Method.EXTERNAL_SOURCE,
                    Frequency.YEARLY,
                    "Gruppchef uppföljningsgruppen, Sociala kvalitetsenheten",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "100"))),
            indicator(
                    "KUNDVAL-NYA",
                    "Verksamheter med nytt kundval alternativt ökad valfrihet",
                    "Valfrihet. Metod: antal kundval, en gång/år.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.COUNT,
                    Method.MANUAL_CHECK,
                    Frequency.YEARLY,
                    "Gruppchef utvecklingsgruppen, Sociala kvalitetsenheten",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "1"))),
            indicator(
                    "OVERKLAGANDEN-EMOT",
                    "Andel överklaganden och ändringar som gått oss emot",
                    "Rättssäker handläggning. Metod: manuell kontroll, tertial.",
                    "SAFETY",
                    UnitOfMeasure.PERCENT,
                    Method.MANUAL_CHECK,
                    Frequency.TERTIAL,
                    "Jurist",
                    1,
                    false,
                    null,
                    null,
                    List.of(target("2022-T1", TargetComparison.AT_MOST, "10"))),
            indicator(
                    "RATTSSAKER-HANDLAGGNING",
                    "Andel ärenden med rättssäker handläggning",
                    "Rättssäker handläggning. Metod: rättssäkerhetsenkät, två gånger/år.",
                    "SAFETY",
                    UnitOfMeasure.PERCENT,
                    Method.RECORD_REVIEW,
                    Frequency.TWICE_A_YEAR,
                    "Enhetschefer",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022-H1", TargetComparison.AT_LEAST, "100"))),
            indicator(
                    "BARN-TRAFFAT",
                    "Andel ärenden där handläggaren har träffat barnet",
                    "Barnperspektivet beaktas enligt barnkonventionen, när barnet är föremål för utredning eller insats. Målvärdet höjdes 2025.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.PERCENT,
                    Method.RECORD_REVIEW,
                    Frequency.YEARLY,
                    "Enhetschefer BoU, Vuxen, Funktionsnedsättning",
                    0,
                    false,
                    null,
                    null,
                    List.of(
                            target("2022", TargetComparison.AT_LEAST, "90"),
                            target("2025", TargetComparison.AT_LEAST, "100"))),
            indicator(
                    "UPPFOLJNINGSMETODER",
                    "Metoder för att följa upp resultat för insatser, per grupp",
                    "Kunskapsbaserad socialtjänst: minst en insats per grupp följs upp systematiskt. Metod: antal metoder, en gång/år.",
                    "KNOWLEDGE_BASED",
                    UnitOfMeasure.COUNT,
                    Method.MANUAL_CHECK,
                    Frequency.YEARLY,
                    "Enhetschefer",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST_PER_GROUP, "1"))),
            indicator(
                    "MEDARBETARINDEX",
                    "Sammantaget medarbetarindex",
                    "Nöjda och engagerade medarbetare. Metod: medarbetarenkät, en gång/år.",
                    "STAFF_ENGAGEMENT",
                    UnitOfMeasure.INDEX,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Personalstrateg",
                    0,
                    true,
                    null,
                    5,
                    List.of(target("2022", TargetComparison.AT_LEAST, "65"))),
            indicator(
                    "UTF-DELAKTIGHET",
                    "Upplevelse av att vara delaktig och kunna påverka den insats man har",
                    "Uppföljning av utförare. Metod: brukarenkät, en gång/år.",
                    "SELF_DETERMINATION_INTEGRITY",
                    UnitOfMeasure.SCALE_1_5,
                    Method.SURVEY,
                    Frequency.YEARLY,
                    "Sociala kvalitetsenheten",
                    1,
                    true,
                    null,
                    5,
                    List.of(target("2022", TargetComparison.AT_LEAST, "4"))),
            indicator(
                    "GENOMFORANDEPLANER",
                    "Andel genomförandeplaner som uppfyller Socialstyrelsens föreskrifter och allmänna råd",
                    "Uppföljning av utförare. Metod: anordnarenkät, en gång/år.",
                    "KNOWLEDGE_BASED",
                    UnitOfMeasure.PERCENT,
                    Method.RECORD_REVIEW,
                    Frequency.YEARLY,
                    "Sociala kvalitetsenheten",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "90"))),
            indicator(
                    "PERSONALOMSATTNING",
                    "Personalomsättning",
                    "Kontinuitet: brukare ska ha kontinuitet i kontakterna med personal. Metod: anordnarenkät, en gång/år.",
                    "HOLISTIC_VIEW_COORDINATION",
                    UnitOfMeasure.PERCENT,
                    Method.SYSTEM_STATISTICS,
                    Frequency.YEARLY,
                    "Sociala kvalitetsenheten",
                    0,
                    false,
                    null,
                    null,
                    List.of(target("2022", TargetComparison.AT_MOST, "30"))),
            indicator(
                    "IFO-SVARSFREKVENS",
                    "Brukarbedömning individ- och familjeomsorg totalt, svarsfrekvens",
                    "Seed 003, Figur 5.3: jämförs med Kolada-serien (demo-id DEMO-IFO-SVF, Norrtäljes värden 2020-2023).",
                    "AVAILABILITY",
                    UnitOfMeasure.PERCENT,
                    Method.EXTERNAL_SOURCE,
                    Frequency.YEARLY,
                    "Avdelningschef Stöd och utveckling",
                    0,
                    false,
                    "DEMO-IFO-SVF",
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "40"))),
            derived(
                    "AVV-ANTAL",
                    "Antal rapporterade avvikelser",
                    "Alla rapporter som kommit in, oavsett kategori (seed 003, Figur 5.1).",
                    DerivedMetric.DEVIATION_COUNT,
                    null,
                    List.of()),
            derived(
                    "AVV-LEX-SARAH",
                    "Antal rapporter om missförhållanden enligt lex Sarah",
                    "Rapporter triagerade som lex Sarah.",
                    DerivedMetric.DEVIATION_COUNT,
                    DeviationCategory.LEX_SARAH,
                    List.of()),
            derived(
                    "LEX-SARAH-IVO",
                    "Andel lex Sarah-rapporter bedömda som allvarliga och anmälda till IVO",
                    "Seed 003: 19 % av de rapporterade missförhållandena anmäldes till IVO.",
                    DerivedMetric.LEX_SARAH_SERIOUS_NOTIFIED_SHARE,
                    null,
                    List.of()),
            derived(
                    "PUI-IMY-72H",
                    "Andel anmälningspliktiga personuppgiftsincidenter anmälda till IMY inom 72 timmar",
                    "GDPR art. 33.",
                    DerivedMetric.DATA_BREACH_NOTIFIED_WITHIN_72H_SHARE,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "100"))),
            derived(
                    "AVV-DAGAR-AVSLUT",
                    "Mediantid från rapport till avslutad avvikelse, dagar",
                    "Rapporter avslutade under perioden.",
                    DerivedMetric.MEDIAN_DAYS_TO_CLOSE,
                    null,
                    List.of(target("2022", TargetComparison.AT_MOST, "60"))),
            derived(
                    "ATGARDER-I-TID",
                    "Andel åtgärder genomförda senast sitt förfallodatum",
                    "Åtgärder med anledning av avvikelser, efter ansvarig enhet.",
                    DerivedMetric.ACTIONS_DONE_ON_TIME_SHARE,
                    null,
                    List.of(target("2022", TargetComparison.AT_LEAST, "90"))));

    @ActivateRequestContext
    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        access.actAsSystem(WHO);
        for (Object[] u : ORGANISATION) {
            QuarkusTransaction.requiringNew()
                    .run(() -> orgUnits.seed(
                            unit((Integer) u[0]), u[1] == null ? null : unit((Integer) u[1]), (String) u[2], (String)
                                    u[3]));
        }
        access.refreshTree();
        QuarkusTransaction.requiringNew().run(this::criteria);
        Map<String, UUID> goalIds = QuarkusTransaction.requiringNew().call(this::goals);
        int created = 0;
        for (IndicatorCommand r : INDICATORS) {
            if (indicatorRepository.count("code", r.code()) == 0) {
                UUID goal = goalFor(r.code(), goalIds);
                indicators.create(goal == null ? r : withGoal(r, goal));
                created++;
            }
        }
        var recorded = measurements.bulk(measurementRows(), true, false);
        kolada.importValues(
                List.of(
                        new KoladaDocument.Value(
                                "DEMO-IFO-SVF",
                                "MUNICIPALITY",
                                "0188",
                                2020,
                                "T",
                                new BigDecimal("27"),
                                1,
                                null,
                                false),
                        new KoladaDocument.Value(
                                "DEMO-IFO-SVF", "MUNICIPALITY", "0188", 2021, "T", null, 1, null, false),
                        new KoladaDocument.Value(
                                "DEMO-IFO-SVF",
                                "MUNICIPALITY",
                                "0188",
                                2022,
                                "T",
                                new BigDecimal("22"),
                                1,
                                null,
                                false),
                        new KoladaDocument.Value(
                                "DEMO-IFO-SVF",
                                "MUNICIPALITY",
                                "0188",
                                2023,
                                "T",
                                new BigDecimal("41"),
                                1,
                                null,
                                false)),
                null,
                null,
                null,
                false);
        int initiativeCount = section("initiatives", this::initiatives);
        int plans = section("egenkontroll", this::egenkontroll);
        boolean ic = section("internal control", () -> internalControl() ? 1 : 0) == 1;
        LOG.infof(
                "demo data: %d indicators, %d measurements (%d changed), %d initiatives, %d egenkontroll plans%s",
                created,
                recorded.rows(),
                recorded.created() + recorded.corrected(),
                initiativeCount,
                plans,
                ic ? ", an internal control plan" : "");
        if (recorded.failed() > 0) {
            LOG.warnf(
                    "demo data: %d measurement rows refused: %s",
                    recorded.failed(),
                    recorded.errors().subList(0, Math.min(3, recorded.errors().size())));
        }
    }

    /** Demo data must never stop the service from starting: a section that fails is logged and skipped. */
    private static int section(String name, java.util.function.IntSupplier work) {
        try {
            return work.getAsInt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "demo data: the %s could not be created", name);
            return 0;
        }
    }

    private static IndicatorCommand withGoal(IndicatorCommand r, UUID goal) {
        return new IndicatorCommand(
                r.code(),
                r.name(),
                r.description(),
                r.criterionCode(),
                goal,
                r.unitOfMeasure(),
                r.method(),
                r.frequency(),
                r.responsibleRole(),
                r.responsibleOrgUnitId(),
                r.decimals(),
                r.genderSplit(),
                r.koladaKpi(),
                r.targets(),
                r.minResponses(),
                r.derivedMetric(),
                r.derivedCategory());
    }

    private void criteria() {
        if (criteria.findByIdOptional("STAFF_ENGAGEMENT").isEmpty()) {
            indicators.createCriterion(new CriterionCommand(
                    "STAFF_ENGAGEMENT",
                    "Nöjda och engagerade medarbetare",
                    "Satisfied and engaged staff",
                    "Nackas eget kvalitetskriterium: attraktiv arbetsgivare, drivande medarbetare, ledarskap, arbetssituation.",
                    7,
                    true));
        }
    }

    /** Nacka's overarching goals and the board's strategic goals (seed 000), and operational goals of the units. */
    private Map<String, UUID> goals() {
        Map<String, UUID> ids = new HashMap<>();
        UUID service = goal(ids, GoalLevel.OVERARCHING, null, null, "God kommunal service", null);
        UUID efficiency = goal(ids, GoalLevel.OVERARCHING, null, null, "Effektivt resursutnyttjande", "EFFICIENCY");
        UUID choice = goal(ids, GoalLevel.OVERARCHING, null, null, "Stor valfrihet", "SELF_DETERMINATION_INTEGRITY");
        UUID satisfied = goal(
                ids, GoalLevel.BOARD, service, BOARD, "Kunderna ska vara nöjda med den insats som de har fått", null);
        UUID integrity = goal(
                ids,
                GoalLevel.BOARD,
                service,
                BOARD,
                "Socialtjänsten ska bygga på respekt för individens integritet och rätt till självbestämmande",
                "SELF_DETERMINATION_INTEGRITY");
        goal(
                ids,
                GoalLevel.BOARD,
                service,
                BOARD,
                "Socialtjänsten ska ha rättssäker handläggning och beslut ska vara välgrundade och korrekta",
                "SAFETY");
        goal(
                ids,
                GoalLevel.BOARD,
                service,
                BOARD,
                "Socialtjänsten ska kännetecknas av hög service och tillgänglighet",
                "AVAILABILITY");
        goal(
                ids,
                GoalLevel.BOARD,
                service,
                BOARD,
                "Socialtjänsten ska ha en bra, systematisk och offensiv rekryteringsstrategi",
                "STAFF_ENGAGEMENT");
        goal(
                ids,
                GoalLevel.BOARD,
                efficiency,
                BOARD,
                "Socialtjänsten ska verka för effektiv användning av offentliga resurser",
                "EFFICIENCY");
        goal(
                ids,
                GoalLevel.BOARD,
                choice,
                BOARD,
                "Ökade möjligheter för kunderna att göra egna val",
                "SELF_DETERMINATION_INTEGRITY");
        goal(
                ids,
                GoalLevel.OPERATIONAL,
                integrity,
                HEMTJANST,
                "Varje brukare i Hemtjänst Norr har en aktuell genomförandeplan som hen varit delaktig i",
                "SELF_DETERMINATION_INTEGRITY");
        goal(
                ids,
                GoalLevel.OPERATIONAL,
                satisfied,
                EKBACKEN,
                "Boende på Ekbacken känner sig trygga och nöjda med sitt boende",
                "SAFETY");
        goal(
                ids,
                GoalLevel.OPERATIONAL,
                integrity,
                BARN_UNGA,
                "Handläggaren träffar barnet i varje utredning",
                "SELF_DETERMINATION_INTEGRITY");
        return ids;
    }

    private UUID goal(Map<String, UUID> ids, GoalLevel level, UUID parent, UUID unit, String title, String criterion) {
        Goal existing = goalRepository.find("title", title).firstResult();
        UUID id = existing != null
                ? existing.id
                : goals.create(new GoalCommand(level, parent, unit, title, null, criterion, 2022, null)).id;
        ids.put(title, id);
        return id;
    }

    private static UUID goalFor(String code, Map<String, UUID> goals) {
        String title = switch (code) {
            case "MYN-DELAKTIGHET", "MYN-BEMOTANDE", "UTF-DELAKTIGHET", "BRUKARE-PAVERKA" ->
                "Socialtjänsten ska bygga på respekt för individens integritet och rätt till självbestämmande";
            case "MYN-KONTAKT", "SAMTAL-SERVICEPOLICY", "UTREDNING-DAGAR", "IFO-SVARSFREKVENS" ->
                "Socialtjänsten ska kännetecknas av hög service och tillgänglighet";
            case "OVERKLAGANDEN-EMOT", "RATTSSAKER-HANDLAGGNING" ->
                "Socialtjänsten ska ha rättssäker handläggning och beslut ska vara välgrundade och korrekta";
            case "KUNDVAL-NYA" -> "Ökade möjligheter för kunderna att göra egna val";
            case "MEDARBETARINDEX", "PERSONALOMSATTNING" ->
                "Socialtjänsten ska ha en bra, systematisk och offensiv rekryteringsstrategi";
            case "BARN-TRAFFAT" -> "Handläggaren träffar barnet i varje utredning";
            case "GENOMFORANDEPLANER" ->
                "Varje brukare i Hemtjänst Norr har en aktuell genomförandeplan som hen varit delaktig i";
            default -> null;
        };
        return title == null ? null : goals.get(title);
    }

    /** Invented measurements for the last four years (and their tertials and halves), the same on every start. */
    private List<MeasurementCommands.RawRow> measurementRows() {
        int last = today.date().getYear() - 1;
        Random random = new Random(5);
        List<MeasurementCommands.RawRow> rows = new ArrayList<>();
        List<UUID> myndighet = List.of(BARN_UNGA, VUXEN);
        List<UUID> utforare = List.of(HEMTJANST, EKBACKEN, LINDEN, DAGLIG);
        List<UUID> all = List.of(HEMTJANST, EKBACKEN, BARN_UNGA, VUXEN, LINDEN, DAGLIG);
        for (int year = last - 3; year <= last; year++) {
            String y = Integer.toString(year);
            double drift = (year - last + 3) * 0.05;
            for (UUID u : myndighet) {
                scaleByGender(rows, "MYN-DELAKTIGHET", u, y, 3.7 + drift, random);
                scaleByGender(rows, "MYN-BEMOTANDE", u, y, 4.0 + drift, random);
                scale(rows, "MYN-KONTAKT", u, y, 3.6 + drift, random);
                share(rows, "BARN-TRAFFAT", u, y, 0.86 + drift / 2, 20 + random.nextInt(30), random);
                count(
                        rows,
                        "UPPFOLJNINGSMETODER",
                        u,
                        y,
                        u.equals(VUXEN) && year == last - 2 ? 0 : 1 + random.nextInt(3));
                for (int t = 1; t <= 3; t++) {
                    share(
                            rows,
                            "OVERKLAGANDEN-EMOT",
                            u,
                            y + "-T" + t,
                            0.08 + random.nextDouble() * 0.05,
                            15 + random.nextInt(20),
                            random);
                    value(
                            rows,
                            "UTREDNING-DAGAR",
                            u,
                            y + "-T" + t,
                            Integer.toString(95 + random.nextInt(45)),
                            10 + random.nextInt(25));
                }
                for (int h = 1; h <= 2; h++) {
                    share(
                            rows,
                            "RATTSSAKER-HANDLAGGNING",
                            u,
                            y + "-H" + h,
                            0.93 + random.nextDouble() * 0.07,
                            20,
                            random);
                }
            }
            for (UUID u : utforare) {
                if (u.equals(DAGLIG) && year == last - 1) {
                    // too few answers that year: recorded with its count, shown as missing
                    rows.add(row("UTF-DELAKTIGHET", u, y, "T", Map.of("value", "4.5", "responses", "3")));
                } else {
                    scaleByGender(rows, "UTF-DELAKTIGHET", u, y, 3.8 + drift, random);
                }
                share(rows, "GENOMFORANDEPLANER", u, y, 0.82 + drift, 30 + random.nextInt(40), random);
                share(
                        rows,
                        "PERSONALOMSATTNING",
                        u,
                        y,
                        0.18 + random.nextDouble() * 0.15,
                        40 + random.nextInt(30),
                        random);
                count(rows, "UPPFOLJNINGSMETODER", u, y, 1 + random.nextInt(2));
                shareByGender(rows, "BRUKARE-PAVERKA", u, y, 0.80 + drift, random);
                for (int h = 1; h <= 2; h++) {
                    share(rows, "SAMORDNAD-PLAN", u, y + "-H" + h, 0.88 + random.nextDouble() * 0.12, 12, random);
                }
            }
            for (UUID u : all) {
                rows.add(row(
                        "MEDARBETARINDEX",
                        u,
                        y,
                        "K",
                        Map.of(
                                "value",
                                Integer.toString(62 + random.nextInt(12)),
                                "responses",
                                Integer.toString(15 + random.nextInt(20)))));
                rows.add(row(
                        "MEDARBETARINDEX",
                        u,
                        y,
                        "M",
                        Map.of(
                                "value",
                                Integer.toString(60 + random.nextInt(12)),
                                "responses",
                                Integer.toString(5 + random.nextInt(10)))));
            }
            share(rows, "SAMTAL-SERVICEPOLICY", ADMINISTRATION, y, 0.91 + random.nextDouble() * 0.09, 400, random);
            count(rows, "KUNDVAL-NYA", ADMINISTRATION, y, year == last ? 0 : 1);
        }
        // seed 003, Figur 5.3: IFO's response rate over the years, with the missing 2021 value
        String[][] ifo = {{"2020", "27", "50"}, {"2021", null, "58"}, {"2022", "22", "40"}, {"2023", "41", "101"}};
        for (String[] r : ifo) {
            rows.add(row(
                    "IFO-SVARSFREKVENS",
                    unit(20),
                    r[0],
                    "T",
                    r[1] == null
                            ? Map.of("missingReason", "NOT_COLLECTED", "responses", r[2], "source", "Kolada")
                            : Map.of("value", r[1], "responses", r[2], "source", "Kolada")));
        }
        List<MeasurementCommands.RawRow> numbered = new ArrayList<>();
        for (MeasurementCommands.RawRow r : rows) {
            numbered.add(new MeasurementCommands.RawRow(numbered.size() + 1, null, r.cells(), null));
        }
        return numbered;
    }

    private static MeasurementCommands.RawRow row(
            String code, UUID unit, String period, String gender, Map<String, String> values) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("indicatorcode", code);
        cells.put("orgunitid", unit.toString());
        cells.put("period", period);
        cells.put("gender", gender);
        values.forEach((k, v) -> cells.put(k.toLowerCase(Locale.ROOT), v));
        cells.putIfAbsent("source", "Demodata");
        return new MeasurementCommands.RawRow(0, null, cells, null);
    }

    private static String dec(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static void scale(
            List<MeasurementCommands.RawRow> rows, String code, UUID u, String y, double mean, Random r) {
        rows.add(row(
                code,
                u,
                y,
                "T",
                Map.of(
                        "value",
                        dec(Math.min(5, mean + r.nextGaussian() * 0.2), 2),
                        "responses",
                        Integer.toString(12 + r.nextInt(40)),
                        "responseRate",
                        Integer.toString(25 + r.nextInt(40)))));
    }

    private static void scaleByGender(
            List<MeasurementCommands.RawRow> rows, String code, UUID u, String y, double mean, Random r) {
        rows.add(row(
                code,
                u,
                y,
                "K",
                Map.of(
                        "value",
                        dec(Math.min(5, mean + 0.1 + r.nextGaussian() * 0.2), 2),
                        "responses",
                        Integer.toString(8 + r.nextInt(30)))));
        rows.add(row(
                code,
                u,
                y,
                "M",
                Map.of(
                        "value",
                        dec(Math.min(5, mean - 0.1 + r.nextGaussian() * 0.2), 2),
                        "responses",
                        Integer.toString(6 + r.nextInt(20)))));
    }

    private static void share(
            List<MeasurementCommands.RawRow> rows, String code, UUID u, String period, double p, int n, Random r) {
        int num = (int) Math.round(Math.max(0, Math.min(1, p)) * n);
        rows.add(row(
                code, u, period, "T", Map.of("numerator", Integer.toString(num), "denominator", Integer.toString(n))));
    }

    private static void shareByGender(
            List<MeasurementCommands.RawRow> rows, String code, UUID u, String y, double p, Random r) {
        for (String g : List.of("K", "M")) {
            int n = 10 + r.nextInt(30);
            int num = (int) Math.round(Math.max(0, Math.min(1, p + r.nextGaussian() * 0.05)) * n);
            rows.add(row(
                    code,
                    u,
                    y,
                    g,
                    Map.of(
                            "numerator",
                            Integer.toString(num),
                            "denominator",
                            Integer.toString(n),
                            "responses",
                            Integer.toString(n))));
        }
    }

    private static void count(List<MeasurementCommands.RawRow> rows, String code, UUID u, String y, int n) {
        rows.add(row(code, u, y, "T", Map.of("value", Integer.toString(n))));
    }

    private static void value(
            List<MeasurementCommands.RawRow> rows, String code, UUID u, String period, String v, int responses) {
        rows.add(row(code, u, period, "T", Map.of("value", v, "responses", Integer.toString(responses))));
    }

    /** Ovanåker-style quality initiatives (seed 001, "Kvalitetsinsatser"), reworded and invented. */
    private int initiatives() {
        int year = today.date().getYear();
        int n = 0;
        n += initiative(
                HEMTJANST,
                "Riskanalys av processbeskrivningarna",
                "Identifiera och beskriv risker i processerna (vad kan gå fel, "
                        + "vilka blir konsekvenserna?), upprätta rutiner utifrån riskerna och bedriv egenkontroll av dem.",
                "Ansvariga chefer",
                LocalDate.of(year, 4, 26),
                "Metod- och kvalitetsutvecklare, chefsforum",
                Origin.RISK,
                null,
                List.of(
                        new InitiativeCommands.TaskCommand(
                                "Ansvariga chefer",
                                "Följa upp och vid behov revidera processbeskrivningarna",
                                LocalDate.of(year, 4, 26),
                                null),
                        new InitiativeCommands.TaskCommand(
                                "Metod- och kvalitetsutvecklare",
                                "Skapa en modell för riskanalys",
                                LocalDate.of(year, 3, 1),
                                null)),
                "ONGOING",
                null);
        n += initiative(
                ADMINISTRATION,
                "Omtag i värdegrundsarbetet",
                "Nämndens målsättning är att 95 % av de tillfrågade ska vara nöjda med "
                        + "bemötandet. Fokusgruppsdiskussioner på samtliga arbetsplatsträffar utifrån ledstjärnorna.",
                "Ledningsgruppen",
                LocalDate.of(year - 1, 12, 10),
                "Ledningsgruppen, chefsforum",
                Origin.INDICATOR,
                "MYN-BEMOTANDE",
                List.of(new InitiativeCommands.TaskCommand(
                        "Ansvariga chefer",
                        "Driva värdegrundsarbetet i respektive arbetsgrupp",
                        LocalDate.of(year - 1, 12, 10),
                        LocalDate.of(year - 1, 11, 28))),
                "DONE",
                "Bemötandet förbättrades i brukarundersökningen året efter.");
        n += initiative(
                unit(10),
                "Ekonomiutbildning för chefer",
                "Cheferna ska ha kunskap om sin budget och verksamhetens ekonomi.",
                "Ledningsgruppen",
                LocalDate.of(year - 1, 6, 30),
                null,
                Origin.OTHER,
                null,
                List.of(),
                "NOT_DONE",
                "Utbildningen ställdes in; planeras om.");
        n += initiative(
                unit(20),
                "Arbeta med öppna jämförelser",
                "Öppna jämförelser ska användas för att utveckla, förbättra och utvärdera "
                        + "verksamheterna; informera brukare och anhöriga inför brukarundersökningar.",
                "Ansvariga chefer",
                LocalDate.of(year, 9, 24),
                "Ledningsgruppen",
                Origin.INDICATOR,
                "IFO-SVARSFREKVENS",
                List.of(),
                "NOT_STARTED",
                null);
        n += initiative(
                BARN_UNGA,
                "Rutin för dokumentation av samtal med anställda",
                "En arbetsgrupp tar fram en rutin för vad som ska " + "dokumenteras och sparas.",
                "Enhetschefer",
                LocalDate.of(year - 1, 12, 10),
                null,
                Origin.DEVIATION_ANALYSIS,
                null,
                List.of(),
                "ONGOING",
                null);
        n += initiative(
                EKBACKEN,
                "Lokala värdighetsgarantier på Ekbacken",
                "Beskriv vad boende och anhöriga kan förvänta sig: " + "självbestämmande, delaktighet, integritet.",
                "Enhetschef",
                LocalDate.of(year, 12, 10),
                "Chefsforum",
                Origin.OTHER,
                null,
                List.of(),
                "NOT_STARTED",
                null);
        return n;
    }

    private int initiative(
            UUID unit,
            String title,
            String description,
            String responsible,
            LocalDate deadline,
            String support,
            Origin origin,
            String indicatorCode,
            List<InitiativeCommands.TaskCommand> tasks,
            String status,
            String effect) {
        if (initiativeRepository.count("title", title) > 0) {
            return 0;
        }
        Indicator ind = indicatorCode == null
                ? null
                : indicatorRepository.find("code", indicatorCode).firstResult();
        QualityInitiative i = initiatives.create(new InitiativeCommands.InitiativeCommand(
                unit,
                title,
                description,
                responsible,
                deadline,
                support,
                origin,
                null,
                ind == null ? null : ind.id,
                tasks));
        LocalDate closed = deadline.isAfter(today.date()) ? today.date() : deadline.minusDays(3);
        if (!status.equals("NOT_STARTED")) {
            // started before it was closed: a month before a closing in the past (dates as they happened)
            LocalDate started = closed.isBefore(today.date()) ? closed.minusMonths(1) : today.date();
            i = initiatives.start(i.id, "\"" + i.version + "\"", started);
        }
        if (status.equals("DONE") || status.equals("NOT_DONE")) {
            i = initiatives.complete(
                    i.id,
                    "\"" + i.version + "\"",
                    new InitiativeCommands.CompleteCommand(QualityInitiative.Status.valueOf(status), effect, closed));
            if (status.equals("DONE")) {
                initiatives.checkEffect(
                        i.id,
                        "\"" + i.version + "\"",
                        new InitiativeCommands.EffectCommand(true, effect, today.date()));
            }
        }
        return 1;
    }

    /** Egenkontroll plans with a year of history: executions, one with deviations found, one overdue. */
    private int egenkontroll() {
        int year = today.date().getYear();
        int n = 0;
        n += plan(
                HEMTJANST,
                "Stickkontroll av genomförandeplaner",
                EgenkontrollMethod.SAMPLE_CHECK,
                "10 slumpvis valda genomförandeplaner",
                10,
                Frequency.QUARTERLY,
                LocalDate.of(year - 1, 3, 31),
                "Enhetschef",
                routine(107),
                routine(108));
        n += plan(
                BARN_UNGA,
                "Kontroll av utredningstiden: hålls tidsramen på fyra månader?",
                EgenkontrollMethod.SYSTEM_REPORT,
                "Alla utredningar avslutade under perioden",
                null,
                Frequency.TERTIAL,
                LocalDate.of(year - 1, 4, 30),
                "Enhetschef barn och unga");
        n += plan(
                LINDEN,
                "Journalgranskning av social dokumentation",
                EgenkontrollMethod.RECORD_REVIEW,
                "5 akter per granskning",
                5,
                Frequency.TWICE_A_YEAR,
                LocalDate.of(year - 1, 6, 30),
                "Enhetschef",
                routine(114));
        n += plan(
                BARN_UNGA,
                "Kontroll av hur många anmälningar som leder till utredning",
                EgenkontrollMethod.SYSTEM_REPORT,
                "Alla anmälningar under året",
                null,
                Frequency.YEARLY,
                LocalDate.of(year - 1, 12, 31),
                "Enhetschef barn och unga",
                routine(110));
        return n;
    }

    /**
     * A routine of process-registry-service's demo documents (its fixed ids): shown UNKNOWN until the
     * registry's approval event has reached this service's copy.
     */
    static UUID routine(int n) {
        return UUID.fromString("00000000-0000-4000-d000-%012d".formatted(n));
    }

    private int plan(
            UUID unit,
            String title,
            EgenkontrollMethod method,
            String sample,
            Integer sampleSize,
            Frequency frequency,
            LocalDate firstDue,
            String responsible,
            UUID... routines) {
        if (planRepository.count("title = ?1 and orgUnitId = ?2", title, unit) > 0) {
            return 0;
        }
        EgenkontrollPlan p = egenkontroll.create(new EgenkontrollCommands.PlanCommand(
                unit,
                title,
                null,
                method,
                sample,
                sampleSize,
                frequency,
                firstDue,
                null,
                responsible,
                null,
                java.util.Set.of(routines),
                java.util.Set.of()));
        LocalDate day = today.date();
        List<EgenkontrollOccurrence> past =
                occurrenceRepository.list("planId = ?1 and dueOn < ?2 order by dueOn", p.id, day);
        // every past one is carried out except the latest, which is left overdue
        for (int k = 0; k < past.size() - 1; k++) {
            EgenkontrollOccurrence o = past.get(k);
            boolean remarks = k == 1;
            egenkontrollExecutions.execute(
                    o.id,
                    "\"" + o.version + "\"",
                    new EgenkontrollCommands.ExecutionCommand(
                            o.dueOn.minusDays(2),
                            sampleSize,
                            remarks ? "Två planer saknade brukarens medverkan." : "Inga brister.",
                            remarks ? EgenkontrollResult.PARTLY_APPROVED : EgenkontrollResult.APPROVED,
                            remarks ? 2 : 0,
                            remarks ? "Planerna kompletteras; påminnelse på arbetsplatsträff." : null,
                            remarks ? 2 : 0));
        }
        return 1;
    }

    /** The board's internal control plan for this year with Ovanåker's controls (seed 001, kvalitetsinsats 9). */
    private boolean internalControl() {
        int year = today.date().getYear();
        if (internalControlRepository.count("orgUnitId = ?1 and year = ?2", BOARD, year) > 0) {
            return false;
        }
        InternalControlPlan p = internalControl.create(
                new InternalControlCommands.PlanCommand(BOARD, year, "Internkontrollplan " + year + ", socialnämnden"));
        String[][] items = {
            {
                "Inskrivna patienter i hemsjukvården stämmer inte med underlaget",
                "Kontroll av hur många hemsjukvårdspatienter som är inskrivna i hemsjukvården",
                "2",
                "3"
            },
            {"Genomförandeplaner saknas eller är inaktuella", "Stickkontroll av genomförandeplaner", "3", "3"},
            {
                "Utredningstiden för biståndsbedömning överskrider tre månader",
                "Kontroll av utredningstiden: håller man tidsramarna på 3 månader?",
                "3",
                "2"
            },
            {
                "Anmälningar leder inte till utredning när de borde",
                "Kontroll av hur många anmälningar som leder till utredning",
                "2",
                "4"
            }
        };
        for (String[] it : items) {
            p = internalControl.addItem(
                    p.id,
                    "\"" + p.version + "\"",
                    new InternalControlCommands.ItemCommand(
                            null,
                            it[0],
                            Integer.valueOf(it[2]),
                            Integer.valueOf(it[3]),
                            it[1],
                            "Stickprov",
                            "Två gånger per år",
                            "Ledningsgruppen",
                            null,
                            LocalDate.of(year, 11, 30)));
        }
        p = internalControl.adopt(
                p.id,
                "\"" + p.version + "\"",
                new InternalControlCommands.AdoptCommand(
                        "Socialnämnden (demo)",
                        today.date().withDayOfYear(1).isAfter(today.date())
                                ? today.date()
                                : today.date().withDayOfYear(1)));
        internalControl.recordResult(
                p.id,
                p.items.get(1).id,
                "\"" + p.version + "\"",
                new InternalControlCommands.ResultCommand(
                        ResultStatus.DONE_WITH_REMARKS,
                        "Två av tio planer var inaktuella.",
                        2,
                        "Påminnelse till enhetscheferna.",
                        today.date()));
        return true;
    }
}
