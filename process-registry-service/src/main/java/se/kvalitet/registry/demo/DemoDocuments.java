package se.kvalitet.registry.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import se.kvalitet.events.registry.CooperationPartnerKind;
import se.kvalitet.events.registry.DecisionBody;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.events.registry.MeasureKind;
import se.kvalitet.events.registry.MeasureStatus;
import se.kvalitet.events.registry.ProcessCategory;
import se.kvalitet.events.registry.ReviewInterval;
import se.kvalitet.events.registry.RiskStatus;
import se.kvalitet.events.registry.RiskSubjectKind;
import se.kvalitet.registry.cooperation.CooperationCommands.PartnerCommand;
import se.kvalitet.registry.cooperation.CooperationPartnerRepository;
import se.kvalitet.registry.cooperation.CooperationPartnerService;
import se.kvalitet.registry.document.DocumentCommands.ActivityCommand;
import se.kvalitet.registry.document.DocumentCommands.ApproveCommand;
import se.kvalitet.registry.document.DocumentCommands.DocumentCommand;
import se.kvalitet.registry.document.DocumentCommands.RequirementLinkCommand;
import se.kvalitet.registry.document.DocumentCommands.ResponsibilityCommand;
import se.kvalitet.registry.document.DocumentLifecycleService;
import se.kvalitet.registry.document.DocumentRepository;
import se.kvalitet.registry.document.DocumentService;
import se.kvalitet.registry.document.DocumentVersion;
import se.kvalitet.registry.document.ProcessActivityService;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.risk.RiskCommands.AnalysisCommand;
import se.kvalitet.registry.risk.RiskCommands.AssessmentCommand;
import se.kvalitet.registry.risk.RiskCommands.MeasureCommand;
import se.kvalitet.registry.risk.RiskCommands.RiskCommand;
import se.kvalitet.registry.risk.RiskQueries;
import se.kvalitet.registry.risk.RiskService;

/**
 * The demo organisation's steering documents, after the seeds: Malmö's four core processes (seed
 * 004 §5: barn- och ungdomsvård och familjehemsvård, vuxen boende, missbruk/beroende, ekonomiskt
 * bistånd) for IFO, Nacka's process areas (seed 000: kvalitetssäkring, tillgänglighet, samverkan,
 * handläggning, fel och brister, synpunkter och klagomål, personal, varor och tjänster,
 * uppföljning) for the administration, and core processes for elder care and disability support;
 * routines with invented content and responsibility allocation, linked to the requirement items so
 * the coverage matrix shows both hits and gaps; guidelines, checklists, cooperation partners and
 * agreements; and risk analyses. Decision dates are relative to today, so some reviews are due and
 * some overdue whenever the demo runs. Ids are fixed: documents {@code 00000000-0000-4000-d000-NNNNNNNNNNNN}
 * (processes 1-16, routines 101-, guidelines 201-, checklists 301-, agreements 401-), partners
 * {@code ...-e000-...}, risk analyses {@code ...-f000-...}.
 */
@ApplicationScoped
public class DemoDocuments {

    private static final Logger LOG = Logger.getLogger(DemoDocuments.class);

    // requirement items of the shipped catalogue (V3)
    static final UUID R_4_2 = item("b001-000000040002");
    static final UUID R_4_3 = item("b001-000000040003");
    static final UUID R_4_4 = item("b001-000000040004");
    static final UUID R_4_5 = item("b001-000000040005");
    static final UUID R_4_6 = item("b001-000000040006");
    static final UUID R_5_1 = item("b001-000000050001");
    static final UUID R_5_2 = item("b001-000000050002");
    static final UUID R_5_3 = item("b001-000000050003");
    static final UUID R_5_4 = item("b001-000000050004");
    static final UUID R_5_5 = item("b001-000000050005");
    static final UUID R_5_6 = item("b001-000000050006");
    static final UUID R_5_7 = item("b001-000000050007");
    static final UUID R_5_8 = item("b001-000000050008");
    static final UUID R_6_1 = item("b001-000000060001");
    static final UUID R_6_2 = item("b001-000000060002");
    static final UUID R_6_3 = item("b001-000000060003");
    static final UUID R_7_1 = item("b001-000000070001");
    static final UUID SARAH_2 = item("b002-000000020000");
    static final UUID SARAH_3 = item("b002-000000030000");
    static final UUID SARAH_5 = item("b002-000000050000");
    static final UUID SARAH_6 = item("b002-000000060000");
    static final UUID MARIA = item("b003-000000030005");
    static final UUID GDPR_33 = item("b004-000000000033");

    @Inject
    DocumentService documents;

    @Inject
    DocumentLifecycleService lifecycle;

    @Inject
    ProcessActivityService processActivities;

    @Inject
    DocumentRepository documentRepository;

    @Inject
    CooperationPartnerService partners;

    @Inject
    CooperationPartnerRepository partnerRepository;

    @Inject
    RiskService risks;

    @Inject
    RiskQueries riskQueries;

    @Inject
    OrgUnitService orgUnits;

    private LocalDate today;
    private final Map<String, UUID> activities = new LinkedHashMap<>();

    static UUID item(String tail) {
        return UUID.fromString("00000000-0000-4000-" + tail);
    }

    public static UUID documentId(int n) {
        return UUID.fromString("00000000-0000-4000-d000-%012d".formatted(n));
    }

    public static UUID partnerId(int n) {
        return UUID.fromString("00000000-0000-4000-e000-%012d".formatted(n));
    }

    public static UUID riskAnalysisId(int n) {
        return UUID.fromString("00000000-0000-4000-f000-%012d".formatted(n));
    }

    static UUID unit(int n) {
        return DemoData.id(n);
    }

    /** Creates what does not exist yet; returns the number of documents created. */
    int load() {
        if (documentRepository.findByIdOptional(documentId(1)).isPresent()) {
            return 0;
        }
        today = orgUnits.today();
        partners();
        int n = 0;
        n += processes();
        n += routines();
        n += guidelinesChecklistsAgreements();
        riskAnalyses();
        LOG.infof("demo documents: %d created, with partners and risk analyses", n);
        return n;
    }

    // ------------------------------------------------------------------ partners

    private void partners() {
        partner(
                1,
                "Regionen, hälso- och sjukvården",
                CooperationPartnerKind.REGION,
                "Primärvård, psykiatri och beroendevård");
        partner(2, "Polismyndigheten, lokalpolisområdet", CooperationPartnerKind.POLICE, null);
        partner(3, "Försäkringskassan", CooperationPartnerKind.FORSAKRINGSKASSAN, null);
        partner(
                4,
                "Grundskoleförvaltningen, elevhälsan",
                CooperationPartnerKind.SCHOOL,
                "Skolor och elevhälsa i kommunen");
        partner(5, "Arbetsförmedlingen", CooperationPartnerKind.ARBETSFORMEDLINGEN, null);
        partner(6, "Kriminalvården, frivården", CooperationPartnerKind.KRIMINALVARDEN, null);
    }

    private void partner(int n, String name, CooperationPartnerKind kind, String description) {
        if (partnerRepository.findByIdOptional(partnerId(n)).isEmpty()) {
            partners.create(partnerId(n), new PartnerCommand(name, kind, null, description, true));
        }
    }

    // ------------------------------------------------------------------ processes

    private int processes() {
        // Malmö's core processes (seed 004 §5), for IFO
        process(
                1,
                "Barn- och ungdomsvård och familjehemsvård",
                ProcessCategory.CORE,
                20,
                List.of(21),
                List.of(3),
                "Att barn och unga som far illa eller riskerar att fara illa får skydd och stöd i rätt tid, och att placerade barn "
                        + "får en trygg vård i familjehem.",
                "En anmälan eller ansökan kommer in",
                "Insatsen är avslutad och uppföljd",
                List.of(4, 2, 1),
                "Ta emot anmälan eller ansökan",
                "Förhandsbedöma",
                "Utreda",
                "Besluta om insats",
                "Genomföra insats och familjehemsvård",
                "Följa upp",
                "Avsluta ärendet");
        process(
                2,
                "Vuxen boende",
                ProcessCategory.CORE,
                20,
                List.of(22),
                List.of(4),
                "Att vuxna som saknar bostad får ett boende utifrån sina behov och stöd att på sikt få en egen bostad.",
                "En ansökan om boende kommer in",
                "Den enskilde har ett eget boende eller insatsen avslutas",
                List.of(),
                "Ta emot ansökan",
                "Utreda behov av boende",
                "Besluta",
                "Genomföra boendeinsats",
                "Följa upp",
                "Avsluta");
        process(
                3,
                "Missbruk och beroende",
                ProcessCategory.CORE,
                20,
                List.of(22),
                List.of(4),
                "Att vuxna med missbruk eller beroende får stöd och behandling i samverkan med regionen.",
                "En anmälan eller ansökan kommer in",
                "Behandlingen är avslutad och uppföljd",
                List.of(1, 6),
                "Ta emot anmälan eller ansökan",
                "Utreda",
                "Upprätta samordnad individuell plan",
                "Genomföra behandling",
                "Följa upp");
        process(
                4,
                "Ekonomiskt bistånd",
                ProcessCategory.CORE,
                20,
                List.of(22),
                List.of(4),
                "Att den som inte själv kan tillgodose sina behov får en skälig levnadsnivå och stöd till egen försörjning.",
                "En ansökan om ekonomiskt bistånd kommer in",
                "Beslutet är verkställt och planen följd upp",
                List.of(3, 5),
                "Ta emot ansökan",
                "Utreda",
                "Besluta",
                "Betala ut",
                "Följa upp planen mot egen försörjning");
        // elder care and disability support
        process(
                5,
                "Hemtjänst: från beslut till insats",
                ProcessCategory.CORE,
                10,
                List.of(11),
                List.of(1),
                "Att beviljade insatser i hemtjänsten utförs som den enskilde och utföraren kommit överens om i genomförandeplanen.",
                "Ett uppdrag kommer från biståndshandläggaren",
                "Insatsen upphör",
                List.of(),
                "Ta emot uppdrag",
                "Upprätta genomförandeplan",
                "Utföra insatser",
                "Följa upp genomförandeplanen");
        process(
                6,
                "Särskilt boende: inflyttning, vård och omsorg",
                ProcessCategory.CORE,
                10,
                List.of(12),
                List.of(2),
                "Att den som flyttar in på särskilt boende får en trygg inflyttning och god vård och omsorg.",
                "Beslut om särskilt boende",
                "Den boende flyttar ut eller avlider",
                List.of(1),
                "Förbereda inflyttning",
                "Inflyttning",
                "Vård och omsorg",
                "Läkemedelshantering",
                "Följa upp");
        process(
                7,
                "Bostad med särskild service enligt LSS",
                ProcessCategory.CORE,
                30,
                List.of(31, 32),
                List.of(5),
                "Att den som bor i gruppbostad får stöd och service utifrån sina behov och kan leva som andra.",
                "Beslut om bostad med särskild service",
                "Insatsen upphör",
                List.of(),
                "Förbereda inflyttning",
                "Upprätta genomförandeplan",
                "Ge stöd och service",
                "Följa upp");
        // Nacka's process areas (seed 000), for the whole administration
        int first = 8;
        String[][] areas = {
            {
                "Kvalitetssäkring av sociala tjänster",
                "MANAGEMENT",
                "Väsentlighets- och riskanalys",
                "Uppföljning av ledningssystemet"
            },
            {"Tillgänglighet", "SUPPORT", "Information om verksamheten", "Bemötande och kontakter"},
            {"Samarbete och samverkan", "SUPPORT", "Identifiera behov av samverkan", "Samverka kring den enskilde"},
            {
                "Handläggning och dokumentation",
                "SUPPORT",
                "Ta emot och utreda",
                "Besluta och dokumentera",
                "Följa upp beslutade insatser"
            },
            {
                "Fel och brister i verksamheten",
                "MANAGEMENT",
                "Ta emot rapport",
                "Utreda",
                "Åtgärda och följa upp",
                "Sammanställa och analysera"
            },
            {"Synpunkter och klagomål", "SUPPORT", "Ta emot", "Utreda och besvara", "Analysera och förbättra"},
            {"Personal- och kompetensförsörjning", "SUPPORT", "Rekrytera", "Introducera", "Utveckla kompetens"},
            {"Försörjning av varor och tjänster", "SUPPORT", "Upphandla", "Följa upp avtal"},
            {
                "Uppföljning och utvärdering av verksamheten",
                "MANAGEMENT",
                "Planera uppföljning",
                "Följa upp och utvärdera",
                "Rapportera"
            }
        };
        for (int i = 0; i < areas.length; i++) {
            String[] a = areas[i];
            String[] steps = java.util.Arrays.copyOfRange(a, 2, a.length);
            process(
                    first + i,
                    a[0],
                    ProcessCategory.valueOf(a[1]),
                    2,
                    List.of(2),
                    List.of(),
                    "Processområde enligt ledningssystemet: " + a[0].toLowerCase(java.util.Locale.ROOT) + ".",
                    "Behovet uppstår i verksamheten",
                    "Arbetet är dokumenterat och uppföljt",
                    i == 2 ? List.of(1, 2, 3, 4) : List.of(),
                    steps);
        }
        return 16;
    }

    private void process(
            int n,
            String title,
            ProcessCategory category,
            int owner,
            List<Integer> units,
            List<Integer> verksamheter,
            String purpose,
            String start,
            String end,
            List<Integer> partnerNumbers,
            String... steps) {
        UUID id = documentId(n);
        DocumentCommand r = new DocumentCommand(
                DocumentType.PROCESS,
                title,
                purpose,
                "## Processens flöde\n\n" + String.join(" → ", steps)
                        + "\n\nProcessen gäller för alla medarbetare i berörda enheter.",
                category,
                start,
                end,
                !partnerNumbers.isEmpty(),
                null,
                null,
                null,
                unit(owner),
                owner == 2 ? "Förvaltningschef" : "Avdelningschef",
                units.stream().map(DemoDocuments::unit).toList(),
                verksamheter.stream().map(DemoData::verksamhetId).toList(),
                List.of(
                        new RequirementLinkCommand(R_4_2, FollowUpMethod.QUALITY_FOLLOW_UP, "Avdelningschef"),
                        new RequirementLinkCommand(R_4_3, FollowUpMethod.QUALITY_FOLLOW_UP, "Avdelningschef")),
                List.of(new ResponsibilityCommand(
                        "Revidera processen och se till att den är känd",
                        owner == 2 ? "Förvaltningschef" : "Avdelningschef",
                        unit(owner))),
                null,
                partnerNumbers.stream().map(DemoDocuments::partnerId).toList(),
                ReviewInterval.EVERY_SECOND_YEAR,
                null);
        documents.create(id, r);
        for (String step : steps) {
            DocumentVersion v = processActivities.addActivity(
                    id,
                    "*",
                    new ActivityCommand(
                            step,
                            "Aktiviteten " + step.toLowerCase(java.util.Locale.ROOT) + " i processen "
                                    + title.toLowerCase(java.util.Locale.ROOT) + ".",
                            null));
            activities.put(n + ":" + step, v.activities.get(v.activities.size() - 1).activityId);
        }
        // approved some 22 months ago (every second year: next review in two months), the board decides core processes
        approve(
                id,
                category == ProcessCategory.CORE ? DecisionBody.BOARD : DecisionBody.ADMINISTRATION_HEAD,
                today.minusMonths(22),
                "SN " + today.minusMonths(22).getYear() + "/" + (10 + n));
    }

    // ------------------------------------------------------------------ routines

    private int routines() {
        int n = 0;
        // administration-wide routines of the process areas
        n += routine(
                101,
                "Rutin för rapportering och utredning av missförhållanden (lex Sarah)",
                12,
                "Ta emot rapport",
                2,
                List.of(2),
                """
                ## Syfte
                Rutinen beskriver hur personal rapporterar missförhållanden och påtagliga risker för missförhållanden, och hur \
                rapporten tas emot, utreds och vid behov anmäls till IVO (SoL 14 kap. 3-7 §§, SOSFS 2011:5).

                ## Så här gör du
                1. Rapportera **genast** till närmaste chef, muntligt och i avvikelsesystemet.
                2. Chefen vidtar omedelbara åtgärder för att skydda den enskilde.
                3. Utredaren utreder utan dröjsmål och dokumenterar vad som hänt, orsaker och åtgärder.
                4. Ett allvarligt missförhållande anmäls snarast till IVO.

                ## Information till personalen
                Alla nyanställda informeras om rapporteringsskyldigheten vid introduktionen och därefter årligen.""",
                List.of(
                        link(SARAH_2, FollowUpMethod.DOCUMENT_REVIEW, "Kvalitetsstrateg"),
                        link(SARAH_3, FollowUpMethod.SURVEY, "Enhetschef"),
                        link(SARAH_5, FollowUpMethod.DOCUMENT_REVIEW, "Lex Sarah-utredare"),
                        link(SARAH_6, FollowUpMethod.STATISTICS, "Förvaltningschef")),
                List.of(
                        resp("Rapporterar genast missförhållanden och risker", "All personal"),
                        resp("Tar emot rapporten och vidtar omedelbara åtgärder", "Enhetschef"),
                        resp("Utreder och föreslår ställningstagande", "Lex Sarah-utredare"),
                        resp("Beslutar om anmälan till IVO", "Förvaltningschef")),
                ReviewInterval.YEARLY,
                today.minusMonths(20),
                today.minusMonths(8),
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                102,
                "Rutin för avvikelsehantering",
                12,
                "Utreda",
                2,
                List.of(2),
                """
                ## Så här gör du
                1. Den som upptäcker en avvikelse rapporterar den i avvikelsesystemet samma dag.
                2. Enhetschefen bedömer händelsen och utreder orsakerna.
                3. Åtgärder beslutas, genomförs och följs upp.
                4. Avvikelserna sammanställs och analyseras varje tertial för att se mönster och trender.""",
                List.of(
                        link(R_5_6, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef"),
                        link(R_5_7, FollowUpMethod.STATISTICS, "Kvalitetsstrateg"),
                        link(R_5_8, FollowUpMethod.QUALITY_FOLLOW_UP, "Avdelningschef")),
                List.of(
                        resp("Rapporterar avvikelser", "All personal"),
                        resp("Utreder och beslutar om åtgärder", "Enhetschef"),
                        resp("Sammanställer och analyserar avvikelser per tertial", "Kvalitetsstrateg")),
                ReviewInterval.YEARLY,
                today.minusMonths(11).minusDays(10),
                null,
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                103,
                "Rutin för synpunkter och klagomål",
                13,
                "Ta emot",
                2,
                List.of(2),
                """
                ## Så här gör du
                1. Synpunkter och klagomål tas emot muntligt, skriftligt eller via e-tjänst.
                2. Mottagandet bekräftas inom två arbetsdagar.
                3. Klagomålet utreds och besvaras inom 30 dagar.
                4. Enheten analyserar inkomna klagomål för att förbättra verksamheten.""",
                List.of(
                        link(R_5_3, FollowUpMethod.STATISTICS, "Enhetschef"),
                        link(R_5_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef"),
                        link(R_5_5, FollowUpMethod.QUALITY_FOLLOW_UP, "Kvalitetsstrateg")),
                List.of(resp("Tar emot och registrerar", "All personal"), resp("Utreder och besvarar", "Enhetschef")),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(26),
                null,
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                104,
                "Rutin för personuppgiftsincidenter",
                12,
                "Ta emot rapport",
                2,
                List.of(2),
                """
                ## Så här gör du
                1. Rapportera incidenten till närmaste chef och dataskyddsombudet direkt.
                2. Bedöm risken för de registrerade.
                3. Anmäl till IMY inom 72 timmar om incidenten inte är osannolik att medföra risk.
                4. Dokumentera alla incidenter, även de som inte anmäls.""",
                List.of(link(GDPR_33, FollowUpMethod.LOG_CHECK, "Dataskyddsombud")),
                List.of(resp("Rapporterar incidenten", "All personal"), resp("Anmäler till IMY", "Förvaltningschef")),
                ReviewInterval.YEARLY,
                today.minusMonths(5),
                null,
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                105,
                "Rutin för händelseanalys och anmälan enligt lex Maria",
                12,
                "Utreda",
                2,
                List.of(10, 30),
                """
                ## Så här gör du
                1. Hälso- och sjukvårdspersonal rapporterar vårdskador och risker för vårdskador i avvikelsesystemet.
                2. Medicinskt ansvarig sjuksköterska bedömer om händelsen ska anmälas till IVO.
                3. En händelseanalys görs vid allvarliga händelser.""",
                List.of(
                        link(MARIA, FollowUpMethod.DOCUMENT_REVIEW, "Medicinskt ansvarig sjuksköterska"),
                        link(R_6_2, FollowUpMethod.STATISTICS, "Medicinskt ansvarig sjuksköterska")),
                List.of(
                        resp("Rapporterar händelsen", "Hälso- och sjukvårdspersonal"),
                        resp("Bedömer och anmäler till IVO", "Medicinskt ansvarig sjuksköterska")),
                ReviewInterval.YEARLY,
                today.minusMonths(13),
                null,
                DecisionBody.MEDICALLY_RESPONSIBLE);
        n += routine(
                106,
                "Rutin för riskanalys",
                8,
                "Väsentlighets- och riskanalys",
                2,
                List.of(2),
                """
                ## Så här gör du
                1. Identifiera händelser som kan medföra brister i kvaliteten.
                2. Bedöm sannolikhet (1-4) och konsekvens (1-4) för varje händelse.
                3. Besluta om åtgärder: direkt, genom egenkontroll eller i internkontrollplanen.""",
                List.of(link(R_5_1, FollowUpMethod.INTERNAL_CONTROL, "Avdelningschef")),
                List.of(
                        resp("Genomför riskanalyser i sin verksamhet", "Enhetschef"),
                        resp("Sammanställer risker till internkontrollplanen", "Kvalitetsstrateg")),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(9),
                null,
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                115,
                "Rutin för introduktion av nyanställda",
                14,
                "Introducera",
                2,
                List.of(2),
                """
                ## Så här gör du
                1. Chefen planerar introduktionen innan den nyanställde börjar.
                2. Den nyanställde går igenom verksamhetens processer och rutiner med en handledare.
                3. Introduktionen följs upp efter en månad.""",
                List.of(
                        link(R_6_1, FollowUpMethod.SURVEY, "Enhetschef"),
                        link(R_6_3, FollowUpMethod.QUALITY_FOLLOW_UP, "Enhetschef")),
                List.of(
                        resp("Planerar och följer upp introduktionen", "Enhetschef"),
                        resp("Handleder", "Erfaren medarbetare")),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(3),
                null,
                DecisionBody.ADMINISTRATION_HEAD);
        n += routine(
                116,
                "Rutin för kvalitetsberättelse",
                16,
                "Rapportera",
                2,
                List.of(2),
                """
                ## Så här gör du
                Kvalitetsberättelsen upprättas varje år och beslutas av nämnden. Den följer föreskriftens kapitel och redovisar \
                hur arbetet bedrivits, vilka åtgärder som vidtagits och vilka resultat som uppnåtts.""",
                List.of(link(R_7_1, FollowUpMethod.DOCUMENT_REVIEW, "Förvaltningschef")),
                List.of(
                        resp("Sammanställer kvalitetsberättelsen", "Kvalitetsstrateg"),
                        resp("Beslutar", "Socialnämnden")),
                ReviewInterval.YEARLY,
                today.minusMonths(2),
                null,
                DecisionBody.BOARD);
        // elder care: egenkontroll only in home care, so the nursing home has a gap
        n += routine(
                107,
                "Rutin för egenkontroll i hemtjänsten",
                5,
                "Följa upp genomförandeplanen",
                10,
                List.of(11),
                """
                ## Så här gör du
                1. Varje månad granskar enhetschefen ett urval om fem genomförandeplaner.
                2. Resultatet dokumenteras i egenkontrollplanen.
                3. Brister åtgärdas och följs upp vid nästa egenkontroll.""",
                List.of(link(R_5_2, FollowUpMethod.EGENKONTROLL, "Enhetschef")),
                List.of(resp("Granskar urvalet och dokumenterar", "Enhetschef")),
                ReviewInterval.YEARLY,
                today.minusMonths(11).minusDays(20),
                null,
                DecisionBody.UNIT_HEAD);
        n += routine(
                108,
                "Rutin för genomförandeplan i hemtjänsten",
                5,
                "Upprätta genomförandeplan",
                10,
                List.of(11),
                """
                ## Så här gör du
                1. Kontaktpersonen upprättar genomförandeplanen tillsammans med den enskilde inom tre veckor.
                2. Planen beskriver hur, när och av vem insatserna utförs.
                3. Planen följs upp minst var sjätte månad och när behoven ändras.""",
                List.of(link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef")),
                List.of(
                        resp("Upprättar och följer upp planen med den enskilde", "Kontaktperson"),
                        resp("Säkerställer att planer upprättas", "Enhetschef")),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(7),
                null,
                DecisionBody.UNIT_HEAD);
        n += routine(
                109,
                "Rutin för läkemedelshantering på särskilt boende",
                6,
                "Läkemedelshantering",
                10,
                List.of(12),
                """
                ## Så här gör du
                1. Läkemedel delas enligt ordination och signeras i signeringslistan.
                2. Avvikelser i läkemedelshanteringen rapporteras samma dag.
                3. Sjuksköterskan kontrollerar signeringslistorna varje vecka.
                4. Vid inskrivning och utskrivning överförs läkemedelslistan till regionens vårdcentral.""",
                List.of(
                        link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Sjuksköterska"),
                        link(R_4_6, FollowUpMethod.QUALITY_FOLLOW_UP, "Medicinskt ansvarig sjuksköterska")),
                List.of(
                        resp("Delar och signerar läkemedel", "Undersköterska med delegering"),
                        resp("Kontrollerar signeringslistorna", "Sjuksköterska")),
                ReviewInterval.YEARLY,
                today.minusMonths(4),
                null,
                DecisionBody.HEALTH_CARE_HEAD);
        // IFO
        n += routine(
                110,
                "Rutin för förhandsbedömning av orosanmälan",
                1,
                "Förhandsbedöma",
                20,
                List.of(21),
                """
                ## Så här gör du
                1. Anmälan registreras samma dag som den kommer in.
                2. En skyddsbedömning görs omedelbart, senast dagen efter.
                3. Beslut om att inleda utredning eller inte fattas inom 14 dagar.
                4. Samråd med skola, förskola och polis sker enligt samverkansöverenskommelsen.""",
                List.of(
                        link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef"),
                        link(R_4_5, FollowUpMethod.AGREEMENT_REVIEW, "Avdelningschef")),
                List.of(
                        resp("Gör skyddsbedömning och förhandsbedömning", "Socialsekreterare"),
                        resp("Beslutar om utredning", "Enhetschef")),
                ReviewInterval.YEARLY,
                today.minusMonths(6),
                null,
                DecisionBody.DEPARTMENT_HEAD);
        n += routine(
                111,
                "Rutin för familjehemsplacering och uppföljning",
                1,
                "Genomföra insats och familjehemsvård",
                20,
                List.of(21),
                """
                ## Så här gör du
                1. Familjehemmet utreds och godkänns innan placering.
                2. Barnets socialsekreterare besöker barnet minst fyra gånger per år.
                3. Vården övervägs var sjätte månad.""",
                List.of(link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef")),
                List.of(
                        resp("Besöker barnet och dokumenterar", "Barnets socialsekreterare"),
                        resp("Stöttar familjehemmet", "Familjehemssekreterare")),
                ReviewInterval.YEARLY,
                today.minusMonths(15),
                null,
                DecisionBody.DEPARTMENT_HEAD);
        n += routine(
                112,
                "Rutin för handläggning av ansökan om ekonomiskt bistånd",
                4,
                "Utreda",
                20,
                List.of(22),
                """
                ## Så här gör du
                1. Ansökan registreras och den sökande får en tid för nybesök inom en vecka.
                2. Behov och rätt till bistånd utreds enligt riktlinjen.
                3. Beslut fattas och meddelas skriftligt med besvärshänvisning.""",
                List.of(link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef")),
                List.of(
                        resp("Utreder och föreslår beslut", "Socialsekreterare"),
                        resp("Beslutar enligt delegationsordningen", "Enhetschef")),
                ReviewInterval.YEARLY,
                today.minusMonths(10),
                null,
                DecisionBody.DEPARTMENT_HEAD);
        n += routine(
                113,
                "Rutin för samordnad individuell plan (SIP)",
                3,
                "Upprätta samordnad individuell plan",
                20,
                List.of(22),
                """
                ## Så här gör du
                1. Kalla till SIP-möte inom 14 dagar när den enskilde behöver insatser från både kommunen och regionen.
                2. Planen anger vem som ansvarar för vad och när den ska följas upp.""",
                List.of(
                        link(R_4_5, FollowUpMethod.AGREEMENT_REVIEW, "Enhetschef"),
                        link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef")),
                List.of(
                        resp("Kallar till SIP-möte", "Socialsekreterare"),
                        resp("Deltar och ansvarar för regionens insatser", "Regionen")),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(12),
                null,
                DecisionBody.DEPARTMENT_HEAD);
        // disability support
        n += routine(
                114,
                "Rutin för genomförandeplan i bostad med särskild service",
                7,
                "Upprätta genomförandeplan",
                30,
                List.of(31),
                """
                ## Så här gör du
                1. Genomförandeplanen upprättas med den enskilde inom en månad från inflyttning.
                2. Planen följs upp minst två gånger per år.""",
                List.of(link(R_4_4, FollowUpMethod.DOCUMENT_REVIEW, "Enhetschef")),
                List.of(resp("Upprättar planen med den enskilde", "Kontaktperson"), resp("Följer upp", "Enhetschef")),
                ReviewInterval.MONTHS,
                today.minusMonths(17),
                null,
                DecisionBody.UNIT_HEAD);
        return n;
    }

    private int routine(
            int n,
            String title,
            int process,
            String activity,
            int owner,
            List<Integer> units,
            String content,
            List<RequirementLinkCommand> requirements,
            List<ResponsibilityCommand> responsibilities,
            ReviewInterval interval,
            LocalDate decided,
            LocalDate revised,
            DecisionBody by) {
        UUID id = documentId(n);
        UUID activityId = activities.get(process + ":" + activity);
        DocumentCommand r = new DocumentCommand(
                DocumentType.ROUTINE,
                title,
                "Rutinen beskriver hur arbetet utförs och hur ansvaret " + "är fördelat.",
                content,
                null,
                null,
                null,
                process == 3 || n == 110,
                documentId(process),
                activityId,
                null,
                unit(owner),
                owner == 2 ? "Kvalitetsstrateg" : "Enhetschef",
                units.stream().map(DemoDocuments::unit).toList(),
                null,
                requirements,
                responsibilities,
                null,
                n == 113 ? List.of(partnerId(1)) : n == 110 ? List.of(partnerId(4), partnerId(2)) : List.of(),
                interval,
                interval == ReviewInterval.MONTHS ? 18 : null);
        documents.create(id, r);
        approve(id, by, decided, "SN " + decided.getYear() + "/" + (100 + n));
        if (revised != null) {
            // a revision: version 2 supersedes version 1
            documents.startRevision(id, "*");
            DocumentCommand v2 = new DocumentCommand(
                    DocumentType.ROUTINE,
                    title,
                    r.summary(),
                    content + "\n\n## Ändrat i version 2\nUppgifterna om anmälan till IVO förtydligade.",
                    null,
                    null,
                    null,
                    r.requiresCooperation(),
                    r.processId(),
                    r.activityId(),
                    null,
                    r.ownerOrgUnitId(),
                    r.ownerRole(),
                    r.orgUnitIds(),
                    null,
                    requirements,
                    responsibilities,
                    null,
                    r.cooperationPartnerIds(),
                    interval,
                    r.reviewIntervalMonths());
            documents.replaceDraft(id, "*", v2);
            approve(id, by, revised, "SN " + revised.getYear() + "/" + (200 + n));
        }
        return 1;
    }

    // ------------------------------------------------------------------ guidelines, checklists, agreements

    private int guidelinesChecklistsAgreements() {
        simple(
                201,
                DocumentType.GUIDELINE,
                "Riktlinje för ekonomiskt bistånd",
                4,
                null,
                20,
                List.of(22),
                "Riktlinjen anger ramarna för bedömningen av rätten till ekonomiskt bistånd och skälig levnadsnivå.",
                List.of(),
                List.of(),
                ReviewInterval.YEARLY,
                today.minusMonths(13),
                DecisionBody.BOARD);
        simple(
                202,
                DocumentType.GUIDELINE,
                "Riktlinje för barn- och ungdomsvård",
                1,
                null,
                20,
                List.of(21),
                "Riktlinjen beskriver hur nämnden arbetar med barn och unga som far illa eller riskerar att fara illa.",
                List.of(),
                List.of(),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(8),
                DecisionBody.BOARD);
        simple(
                203,
                DocumentType.GUIDELINE,
                "Riktlinje för biståndsbedömning inom äldreomsorgen",
                5,
                null,
                10,
                List.of(10),
                "Riktlinjen vägleder biståndshandläggarna vid bedömning av behov av hemtjänst och särskilt boende.",
                List.of(),
                List.of(),
                ReviewInterval.YEARLY,
                today.minusMonths(6),
                DecisionBody.BOARD);
        simple(
                301,
                DocumentType.CHECKLIST,
                "Checklista vid inflyttning på särskilt boende",
                6,
                "Inflyttning",
                10,
                List.of(12),
                null,
                List.of(
                        "Kontaktperson utsedd",
                        "Läkemedelslista överförd",
                        "Genomförandeplan påbörjad",
                        "Närstående informerade"),
                List.of(),
                ReviewInterval.ON_DEMAND,
                today.minusMonths(3),
                DecisionBody.UNIT_HEAD);
        simple(
                302,
                DocumentType.CHECKLIST,
                "Checklista för nyckelkvittens i hemtjänsten",
                5,
                "Utföra insatser",
                10,
                List.of(11),
                null,
                List.of("Nyckeln kvitterad i nyckelpärmen", "Nyckelskåpet låst", "Nyckeln återlämnad samma dag"),
                List.of(),
                ReviewInterval.YEARLY,
                today.minusMonths(2),
                DecisionBody.UNIT_HEAD);
        simple(
                401,
                DocumentType.COOPERATION_AGREEMENT,
                "Samverkansöverenskommelse om barn och unga i behov av särskilt stöd (BUS)",
                1,
                null,
                20,
                List.of(21),
                "Socialtjänsten, skolan och regionen samverkar kring barn och unga i behov av särskilt stöd. "
                        + "Överenskommelsen utvärderas och uppdateras minst en gång per år.",
                List.of(),
                List.of(4, 1),
                ReviewInterval.YEARLY,
                today.minusMonths(14),
                DecisionBody.BOARD);
        simple(
                402,
                DocumentType.COOPERATION_AGREEMENT,
                "Lokal överenskommelse om samverkan kring vuxna med missbruk och psykisk ohälsa",
                3,
                null,
                20,
                List.of(22),
                "Kommunen och regionen samordnar stöd och behandling för vuxna med samsjuklighet.",
                List.of(),
                List.of(1),
                ReviewInterval.YEARLY,
                today.minusMonths(11).minusDays(15),
                DecisionBody.BOARD);
        simple(
                403,
                DocumentType.COOPERATION_AGREEMENT,
                "Samverkan mot våld i nära relationer",
                10,
                null,
                20,
                List.of(20),
                "Socialtjänsten, polisen och regionen samverkar för att skydda och stödja den som utsatts för våld i nära relationer.",
                List.of(),
                List.of(2, 1),
                ReviewInterval.EVERY_SECOND_YEAR,
                today.minusMonths(4),
                DecisionBody.BOARD);
        return 8;
    }

    private void simple(
            int n,
            DocumentType type,
            String title,
            int process,
            String activity,
            int owner,
            List<Integer> units,
            String content,
            List<String> items,
            List<Integer> partnerNumbers,
            ReviewInterval interval,
            LocalDate decided,
            DecisionBody by) {
        UUID id = documentId(n);
        List<RequirementLinkCommand> links = type == DocumentType.COOPERATION_AGREEMENT
                ? List.of(link(R_4_5, FollowUpMethod.AGREEMENT_REVIEW, "Avdelningschef"))
                : List.of();
        DocumentCommand r = new DocumentCommand(
                type,
                title,
                null,
                content,
                null,
                null,
                null,
                null,
                documentId(process),
                activity == null ? null : activities.get(process + ":" + activity),
                null,
                unit(owner),
                owner == 2 ? "Förvaltningschef" : "Avdelningschef",
                units.stream().map(DemoDocuments::unit).toList(),
                null,
                links,
                type == DocumentType.CHECKLIST ? null : List.of(),
                items.isEmpty() ? null : items,
                partnerNumbers.stream().map(DemoDocuments::partnerId).toList(),
                interval,
                null);
        documents.create(id, r);
        approve(id, by, decided, "SN " + decided.getYear() + "/" + (100 + n));
    }

    // ------------------------------------------------------------------ risk analyses

    private void riskAnalyses() {
        UUID keys = risks.create(
                        riskAnalysisId(1),
                        new AnalysisCommand(
                                "Riskanalys av nyckelhantering i hemtjänsten",
                                RiskSubjectKind.ACTIVITY,
                                documentId(5),
                                activities.get("5:Utföra insatser"),
                                null,
                                unit(11),
                                today.minusMonths(4),
                                "Hemtjänsten hanterar nycklar till brukarnas bostäder.",
                                List.of("Enhetschef", "Undersköterskor", "Kvalitetsstrateg"),
                                null))
                .id;
        UUID lost = risks.addRisk(
                        keys,
                        "*",
                        new RiskCommand(
                                "Nyckel till brukarens bostad kommer bort",
                                "Nycklar förvaras olåst",
                                3,
                                4,
                                null,
                                today.minusMonths(4),
                                null,
                                List.of(
                                        new MeasureCommand(
                                                null,
                                                MeasureKind.ACT_NOW,
                                                "Låsbart nyckelskåp",
                                                "Enhetschef",
                                                unit(11),
                                                today.minusMonths(3),
                                                MeasureStatus.DONE),
                                        new MeasureCommand(
                                                null,
                                                MeasureKind.EGENKONTROLL,
                                                "Månatlig kontroll av nyckelkvittenser",
                                                "Enhetschef",
                                                unit(11),
                                                today.plusMonths(2),
                                                MeasureStatus.IN_PROGRESS))))
                .id;
        risks.addRisk(
                keys,
                "*",
                new RiskCommand(
                        "Fel brukare får besök",
                        "Ny personal känner inte till adresserna",
                        2,
                        3,
                        null,
                        today.minusMonths(4),
                        null,
                        List.of(new MeasureCommand(
                                null,
                                MeasureKind.ACT_NOW,
                                "Introduktion med handledare",
                                "Enhetschef",
                                unit(11),
                                today.minusMonths(3),
                                MeasureStatus.DONE))));
        var analysis = riskQueries.get(keys);
        var egenkontroll = analysis.risks.get(0).measures.get(1);
        risks.reassess(
                keys,
                lost,
                "*",
                new AssessmentCommand(
                        null,
                        null,
                        2,
                        3,
                        RiskStatus.MITIGATED,
                        today.minusMonths(1),
                        "Nyckelskåpet är på plats",
                        List.of(new MeasureCommand(
                                egenkontroll.id,
                                MeasureKind.EGENKONTROLL,
                                egenkontroll.description,
                                egenkontroll.ownerRole,
                                egenkontroll.ownerOrgUnitId,
                                egenkontroll.dueDate,
                                MeasureStatus.IN_PROGRESS))));

        UUID merger = risks.create(
                        riskAnalysisId(2),
                        new AnalysisCommand(
                                "Riskanalys inför gemensam mottagning för barn och vuxna",
                                RiskSubjectKind.PLANNED_CHANGE,
                                null,
                                null,
                                "Barn och unga och Vuxenenheten får en gemensam mottagningsgrupp",
                                unit(20),
                                today.minusMonths(2),
                                null,
                                List.of("Avdelningschef IFO", "Enhetschefer", "Fackliga företrädare"),
                                null))
                .id;
        risks.addRisk(
                merger,
                "*",
                new RiskCommand(
                        "Orosanmälningar blir liggande under omställningen",
                        "Ny arbetsfördelning",
                        2,
                        4,
                        null,
                        today.minusMonths(2),
                        null,
                        List.of(new MeasureCommand(
                                null,
                                MeasureKind.INTERNAL_CONTROL,
                                "Granska handläggningstider för förhandsbedömningar",
                                "Avdelningschef",
                                unit(20),
                                today.plusMonths(4),
                                MeasureStatus.PLANNED))));
        risks.addRisk(
                merger,
                "*",
                new RiskCommand(
                        "Information förs inte över mellan grupperna",
                        null,
                        3,
                        3,
                        null,
                        today.minusMonths(2),
                        null,
                        List.of(new MeasureCommand(
                                null,
                                MeasureKind.ACT_NOW,
                                "Gemensam rutin för överlämning",
                                "Enhetschef",
                                unit(20),
                                today.plusMonths(1),
                                MeasureStatus.IN_PROGRESS))));

        UUID medicines = risks.create(
                        riskAnalysisId(3),
                        new AnalysisCommand(
                                "Riskanalys av läkemedelshanteringen på Ekbacken",
                                RiskSubjectKind.PROCESS,
                                documentId(6),
                                null,
                                null,
                                unit(12),
                                today.minusMonths(5),
                                null,
                                List.of("Sjuksköterska", "Enhetschef", "Medicinskt ansvarig sjuksköterska"),
                                null))
                .id;
        risks.addRisk(
                medicines,
                "*",
                new RiskCommand(
                        "Fel dos ges",
                        "Stress vid läkemedelsdelning",
                        2,
                        4,
                        null,
                        today.minusMonths(5),
                        null,
                        List.of(new MeasureCommand(
                                null,
                                MeasureKind.EGENKONTROLL,
                                "Veckovis kontroll av signeringslistor",
                                "Sjuksköterska",
                                unit(12),
                                today.plusMonths(1),
                                MeasureStatus.IN_PROGRESS))));

        UUID payments = risks.create(
                        riskAnalysisId(4),
                        new AnalysisCommand(
                                "Riskanalys av utbetalningar av ekonomiskt bistånd",
                                RiskSubjectKind.PROCESS,
                                documentId(4),
                                null,
                                null,
                                unit(22),
                                today.minusMonths(3),
                                null,
                                List.of("Enhetschef"),
                                null))
                .id;
        risks.addRisk(
                payments,
                "*",
                new RiskCommand(
                        "Felaktiga utbetalningar",
                        "Ofullständiga underlag",
                        3,
                        2,
                        null,
                        today.minusMonths(3),
                        null,
                        List.of(new MeasureCommand(
                                null,
                                MeasureKind.INTERNAL_CONTROL,
                                "Stickprov på utbetalningar",
                                "Enhetschef",
                                unit(22),
                                today.plusMonths(3),
                                MeasureStatus.PLANNED))));
    }

    // ------------------------------------------------------------------ helpers

    private void approve(UUID id, DecisionBody by, LocalDate on, String dnr) {
        lifecycle.submit(id, "*");
        lifecycle.approve(
                id, "*", new ApproveCommand(by, by == DecisionBody.BOARD ? unit(1) : null, on, dnr, null, null));
    }

    static RequirementLinkCommand link(UUID item, FollowUpMethod method, String responsible) {
        return new RequirementLinkCommand(item, method, responsible);
    }

    static ResponsibilityCommand resp(String task, String role) {
        return new ResponsibilityCommand(task, role, null);
    }
}
