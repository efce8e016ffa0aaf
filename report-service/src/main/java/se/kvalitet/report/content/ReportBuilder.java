package se.kvalitet.report.content;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Series;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;
import se.kvalitet.report.statistics.StatisticsBits;

/**
 * Builds the kvalitetsberättelse (SOSFS 2011:9 7 kap. 1 §, structured by the regulation's chapters
 * like seed 003) and the patientsäkerhetsberättelse (patientsäkerhetslagen 3 kap. 10 §) from
 * {@link ReportData} and the quality team's {@link Editorial}. Pure Java: every verdict is computed
 * by the rule its chapter states, then the editorial override (with its justification) applies.
 */
public final class ReportBuilder {

    static final String SOURCE_DEVIATIONS = "Källa: avvikelsehanteringen (händelser från avvikelsetjänsten)";
    static final String SOURCE_REGISTRY = "Källa: process- och rutinregistret";
    static final String SOURCE_FOLLOWUP = "Källa: uppföljningstjänsten (egenkontroller och nyckeltal)";

    private final VerdictPolicy policy;

    public ReportBuilder(VerdictPolicy policy) {
        this.policy = policy;
    }

    public ReportContent build(ReportKind kind, ReportData d, Editorial e) {
        return kind == ReportKind.KVALITETSBERATTELSE ? kvalitetsberattelse(d, e) : patientsakerhetsberattelse(d, e);
    }

    // ---------------------------------------------------------------- kvalitetsberättelse

    public ReportContent kvalitetsberattelse(ReportData d, Editorial e) {
        List<Chapter> parts = new ArrayList<>();
        parts.add(processes(d, e, "3"));
        parts.add(cooperation(d, e, "4"));
        parts.add(deviations(d, e, "5"));
        parts.add(risks(d, e, "6"));
        parts.add(egenkontroll(d, e, "7"));
        parts.add(staff(d, e, "8"));
        List<Chapter> chapters = new ArrayList<>();
        chapters.add(introduction(d, e));
        chapters.add(managementSystem(d, e, parts));
        chapters.addAll(parts);
        String title = e.title() != null ? e.title() : "Kvalitetsberättelse " + d.year();
        return new ReportContent(ReportKind.KVALITETSBERATTELSE, title, d.year(), d.orgUnitId(), d.orgUnitName(), d.from(),
                d.to(), "SOSFS 2011:9", null, e.summary(), chapters, e.focusAreas(), d.statistics());
    }

    Chapter introduction(ReportData d, Editorial e) {
        List<String> req = List.of(
                "Enligt 7 kap. 1 § Socialstyrelsens föreskrifter och allmänna råd om ledningssystem för systematiskt "
                        + "kvalitetsarbete (SOSFS 2011:9) ska arbetet med att systematiskt och fortlöpande utveckla och säkra "
                        + "verksamhetens kvalitet dokumenteras.",
                "Enligt de allmänna råden bör den som bedriver socialtjänst med dokumentationen som utgångspunkt varje år "
                        + "upprätta en sammanhållen kvalitetsberättelse av vilken det bör framgå hur arbetet har bedrivits under "
                        + "föregående kalenderår, vilka åtgärder som har vidtagits för att säkra verksamhetens kvalitet och vilka "
                        + "resultat som har uppnåtts.",
                "Kvalitetsberättelsen är uppbyggd utifrån bestämmelserna i SOSFS 2011:9. För varje del redovisas vad "
                        + "föreskrifterna kräver, vad som har gjorts enligt det dokumenterade kvalitetsarbetet och en bedömning av "
                        + "om verksamheten uppfyller föreskrifterna i denna del.");
        List<Fact> facts = List.of(
                new Fact("Organisation", d.orgUnitName()),
                new Fact("Period", d.from() + " – " + d.to()),
                new Fact("Rapporterade avvikelser", Long.toString(d.statistics().reports())),
                new Fact("Enheter i organisationen", Long.toString(d.leafUnits().size())));
        return chapter("inledning", "1", "Inledning och syfte", "SOSFS 2011:9 7 kap. 1 §", req, facts, List.of(), List.of(),
                null, e, List.of());
    }

    /** 3 kap.: the management system is used when its parts are; derived from the other chapters' verdicts. */
    Chapter managementSystem(ReportData d, Editorial e, List<Chapter> parts) {
        List<String> req = List.of(
                "Enligt 3 kap. 1–3 §§ SOSFS 2011:9 ska det finnas ett ledningssystem för verksamheten som används för att "
                        + "systematiskt och fortlöpande utveckla och säkra verksamhetens kvalitet.",
                "Med stöd av ledningssystemet ska verksamheten planeras, ledas, kontrolleras, följas upp, utvärderas och "
                        + "förbättras, och det ska framgå hur uppgifterna i kvalitetsarbetet är fördelade i verksamheten.");
        long meets = parts.stream().filter(c -> c.verdict().effective() == Level.MEETS).count();
        long not = parts.stream().filter(c -> c.verdict().effective() == Level.DOES_NOT_MEET).count();
        Level level = meets == parts.size() ? Level.MEETS : not * 2 >= parts.size() ? Level.DOES_NOT_MEET : Level.PARTLY;
        String rule = "Uppfyller när samtliga övriga delar uppfyller kraven; uppfyller inte när hälften "
                + "eller fler delar inte uppfyller; annars uppfyller delvis. Bedömningarna efter kvalitetsteamets ändringar räknas.";
        String basis = meets + " av " + parts.size() + " delar uppfyller, " + not + " uppfyller inte";
        List<TableRow> rows = new ArrayList<>();
        for (Chapter c : parts) {
            rows.add(new TableRow(0, false, List.of(c.number() + " " + c.title(), c.verdict().effective().label())));
        }
        Table verdicts = new Table("bedomningar", "Bedömning per del av föreskrifterna", "Källa: denna kvalitetsberättelse",
                List.of("Del", "Bedömning"), rows);
        ReportData.Initiatives in = d.initiatives();
        List<Fact> facts = List.of(
                new Fact("Kvalitetsinsatser genomförda under året", Long.toString(in.done())),
                new Fact("Kvalitetsinsatser inte genomförda", Long.toString(in.notDone())),
                new Fact("Kvalitetsinsatser försenade", Long.toString(in.overdue())));
        return chapter("ledningssystem", "2", "Ansvar för och användning av ledningssystemet", "SOSFS 2011:9 3 kap. 1–3 §§",
                req, facts, List.of(verdicts), List.of(), Verdict.computed(level, rule, basis), e, List.of());
    }

    Chapter processes(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 4 kap. 2–4 §§ SOSFS 2011:9 ska de processer som behövs för att säkra verksamhetens kvalitet "
                        + "identifieras, beskrivas och fastställas. I varje process ska de aktiviteter som ingår identifieras och "
                        + "deras inbördes ordning bestämmas.",
                "För varje aktivitet ska de rutiner som behövs utarbetas och fastställas. Rutinerna ska beskriva ett bestämt "
                        + "tillvägagångssätt för hur aktiviteten ska utföras och ange hur ansvaret för utförandet är fördelat.");
        ReportData.Documents docs = d.documents();
        long processes = docs.inForceByType().getOrDefault("PROCESS", 0L);
        long routines = docs.inForceByType().getOrDefault("ROUTINE", 0L);
        long gaps = d.coverage().stream().mapToLong(c -> c.gaps().size()).sum();
        long applicable = d.coverage().stream().mapToLong(ReportData.CoverageRow::applicable).sum();
        long covered = d.coverage().stream().mapToLong(ReportData.CoverageRow::covered).sum();
        Level level;
        if (processes > 0 && routines > 0 && docs.reviewOverdue() == 0 && !d.coverage().isEmpty() && gaps == 0) {
            level = Level.MEETS;
        } else if (processes > 0 || routines > 0) {
            level = Level.PARTLY;
        } else {
            level = Level.DOES_NOT_MEET;
        }
        String rule = "Uppfyller när det finns fastställda processer och rutiner, ingen revidering är försenad och "
                + "kravtäckningen visar att inga tillämpliga krav saknar rutin; uppfyller delvis när det finns fastställda "
                + "processer eller rutiner men revideringar är försenade, krav saknar rutin eller kravtäckningen inte är "
                + "redovisad; annars uppfyller inte.";
        String basis = processes + " processer och " + routines + " rutiner gäller, " + docs.reviewOverdue()
                + " försenade revideringar, " + gaps + " krav utan rutin";
        List<TableRow> typeRows = new ArrayList<>();
        for (String type : List.of("PROCESS", "ROUTINE", "GUIDELINE", "CHECKLIST", "COOPERATION_AGREEMENT")) {
            typeRows.add(new TableRow(0, false, List.of(Labels.of(type), docs.inForceByType().getOrDefault(type, 0L))));
        }
        for (Map.Entry<String, Long> c : docs.processesByCategory().entrySet()) {
            typeRows.add(new TableRow(1, false, List.of(Labels.of(c.getKey()), c.getValue())));
        }
        typeRows.add(new TableRow(0, true, List.of("Totalt", docs.inForce())));
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("styrdokument", "Gällande styrdokument vid årets slut", SOURCE_REGISTRY,
                List.of("Typ", "Antal"), typeRows));
        if (!d.coverage().isEmpty()) {
            List<TableRow> cov = new ArrayList<>();
            for (ReportData.CoverageRow c : d.coverage()) {
                cov.add(new TableRow(0, false, List.of(c.unitName(), c.applicable(), c.covered(), c.gaps().size(),
                        String.join(", ", c.gaps()))));
            }
            cov.add(new TableRow(0, true, List.of("Totalt", applicable, covered, gaps, "")));
            tables.add(new Table("kravtackning", "Tillämpliga krav med och utan rutin per enhet", SOURCE_REGISTRY,
                    List.of("Enhet", "Tillämpliga krav", "Med rutin", "Utan rutin", "Krav utan rutin"), cov));
        }
        List<Fact> facts = List.of(
                new Fact("Fastställda eller reviderade under året", Long.toString(docs.approvedInYear())),
                new Fact("Upphävda under året", Long.toString(docs.withdrawnInYear())),
                new Fact("Försenade revideringar", Long.toString(docs.reviewOverdue())),
                new Fact("Krav utan rutin", Long.toString(gaps)));
        List<String> notes = d.coverage().isEmpty()
                ? List.of("Processregistret har inte redovisat någon kravtäckning för enheterna.") : List.of();
        return chapter("processer", number, "Ledningssystemets grundläggande uppbyggnad: processer och rutiner",
                "SOSFS 2011:9 4 kap. 2–4 §§", req, facts, tables, List.of(), Verdict.computed(level, rule, basis), e, notes);
    }

    Chapter cooperation(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 4 kap. 5 § SOSFS 2011:9 ska de processer identifieras där det behövs samverkan för att säkra "
                        + "kvaliteten. Det ska framgå av processerna och rutinerna hur samverkan ska bedrivas i den egna "
                        + "verksamheten och säkerställas att samverkan möjliggörs med andra verksamheter inom socialtjänsten, "
                        + "vårdgivare, myndigheter, föreningar och andra organisationer.");
        ReportData.Documents docs = d.documents();
        Level level = docs.cooperationInForce() > 0 && docs.cooperationReviewOverdue() == 0 ? Level.MEETS
                : docs.cooperationInForce() > 0 ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när det finns gällande samverkansöverenskommelser eller processer och rutiner som anger "
                + "samverkan och ingen av dem har försenad revidering; uppfyller delvis när någon revidering är försenad; "
                + "uppfyller inte när samverkan inte är dokumenterad.";
        String basis = docs.cooperationInForce() + " gällande styrdokument anger samverkan, "
                + docs.cooperationReviewOverdue() + " med försenad revidering";
        List<Fact> facts = List.of(
                new Fact("Gällande samverkansöverenskommelser",
                        Long.toString(docs.inForceByType().getOrDefault("COOPERATION_AGREEMENT", 0L))),
                new Fact("Styrdokument som anger samverkan", Long.toString(docs.cooperationInForce())),
                new Fact("Varav med försenad revidering", Long.toString(docs.cooperationReviewOverdue())));
        return chapter("samverkan", number, "Samverkan", "SOSFS 2011:9 4 kap. 5 §", req, facts, List.of(), List.of(),
                Verdict.computed(level, rule, basis), e, List.of());
    }

    Chapter deviations(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 14 kap. 3–7 §§ socialtjänstlagen (lex Sarah) ska den som fullgör uppgifter inom socialtjänsten "
                        + "rapportera missförhållanden och påtagliga risker för missförhållanden. Rapporterade missförhållanden "
                        + "ska dokumenteras, utredas och avhjälpas utan dröjsmål; ett allvarligt missförhållande ska anmälas till "
                        + "Inspektionen för vård och omsorg (IVO).",
                "Enligt 5 kap. 3–5 §§ SOSFS 2011:9 ska klagomål och synpunkter tas emot och utredas. Enligt 5 kap. 6–8 §§ "
                        + "ska avvikelser utredas, sammanställas och analyseras för att se mönster eller trender som indikerar "
                        + "brister i verksamhetens kvalitet, och processer och rutiner förbättras när analyserna visar att de inte "
                        + "är ändamålsenliga.",
                "Personuppgiftsincidenter ska dokumenteras och, om de inte är osannolika att medföra risker, anmälas till "
                        + "Integritetsskyddsmyndigheten (IMY) inom 72 timmar (dataskyddsförordningen art. 33).");
        DeviationStatistics s = d.statistics();
        boolean allTriaged = s.reports() > 0 && s.triaged() == s.reports();
        boolean allNotified = s.authority().stream().allMatch(a -> a.notified() >= a.reportable());
        Share actionsOnTime = Share.of(d.actions().doneOnTime(), d.actions().due());
        boolean actionsOk = d.actions().due() > 0 && atLeast(actionsOnTime, policy.actionsOnTimeMeets());
        int met = (allTriaged ? 1 : 0) + (allNotified && s.reports() > 0 ? 1 : 0) + (actionsOk ? 1 : 0);
        Level level = s.reports() == 0 ? Level.DOES_NOT_MEET : met == 3 ? Level.MEETS : met > 0 ? Level.PARTLY
                : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när (a) varje rapport under året har bedömts av kvalitetsteamet, (b) varje allvarligt "
                + "missförhållande, allvarlig vårdskada och riskfylld personuppgiftsincident har anmälts till IVO respektive IMY "
                + "och (c) minst " + plain(policy.actionsOnTimeMeets()) + " % av åtgärderna med förfallodag under året "
                + "genomfördes i tid; uppfyller delvis när någon av dem gäller; uppfyller inte när ingen gäller eller inga "
                + "avvikelser har rapporterats.";
        String basis = s.triaged() + " av " + s.reports() + " rapporter bedömda; anmälda/anmälningspliktiga: "
                + s.authority().stream().map(a -> Labels.of(a.trackType()) + " " + a.notified() + "/" + a.reportable())
                        .reduce((x, y) -> x + ", " + y).orElse("")
                + "; åtgärder i tid " + actionsOnTime.text();
        List<Table> tables = new ArrayList<>();
        tables.add(pivot(s, "figur-avvikelser", "Antal avvikelser per typ av avvikelse samt per avdelning och enhet " + d.year()));
        tables.add(shares(s));
        tables.add(authority(s));
        tables.add(periods(s, "tertial", "Avvikelser per tertial " + d.year(), s.byTertial(), "Tertial"));
        tables.add(comparison(d));
        if (!d.rootCauses().isEmpty()) {
            tables.add(counted("orsaker", "Bakomliggande orsaker i utredda avvikelser", "Orsak", "Antal rapporter",
                    d.rootCauses(), SOURCE_DEVIATIONS));
        }
        if (!d.overdueDeadlines().isEmpty()) {
            tables.add(counted("forsenade-frister", "Överskridna frister med förfallodag under året", "Frist", "Antal",
                    d.overdueDeadlines(), SOURCE_DEVIATIONS));
        }
        List<Fact> facts = List.of(
                new Fact("Rapporter totalt", Long.toString(s.reports())),
                new Fact("Bedömda som avvikelser i verksamheten", Long.toString(s.deviations())),
                new Fact("Kategoriseringar (en rapport kan ha flera spår)", Long.toString(s.categoryAssignments())),
                new Fact("Bedömda av kvalitetsteamet", s.triaged() + " (" + Share.of(s.triaged(), s.reports()).text() + ")"),
                new Fact("Avslutade", s.closed() + " (" + Share.of(s.closed(), s.reports()).text() + ")"),
                new Fact("Åtgärder med förfallodag under året", Long.toString(d.actions().due())),
                new Fact("Åtgärder genomförda i tid", d.actions().doneOnTime() + " (" + actionsOnTime.text() + ")"),
                new Fact("Åtgärder vars effekt har följts upp", d.actions().effectChecked() + " ("
                        + Share.of(d.actions().effectChecked(), d.actions().done()).text() + " av genomförda)"),
                new Fact("Åtgärder med avsedd effekt", d.actions().effective() + " ("
                        + Share.of(d.actions().effective(), d.actions().effectChecked()).text() + " av uppföljda)"));
        List<Chart> charts = List.of(monthChart(s, d.year()), unitChart(d));
        List<String> notes = new ArrayList<>();
        notes.add(summarySentence(s));
        if (s.unplaced() > 0) {
            notes.add(s.unplaced() + " rapporter under året gäller enheter som organisationsregistret inte känner till och "
                    + "ingår inte i tabellerna.");
        }
        notes.add("En rapport som berör flera enheter eller har flera spår räknas en gång i varje cell, rad och kolumn den "
                + "berör och en gång i varje summa ovanför; därför kan en avdelnings rad vara mindre än summan av dess enheter.");
        return chapter("avvikelser", number, "Systematiskt förbättringsarbete: utredning av avvikelser, klagomål och synpunkter",
                "SOSFS 2011:9 5 kap. 3–8 §§; SoL 14 kap. 3–7 §§", req, facts, tables, charts,
                Verdict.computed(level, rule, basis), e, notes);
    }

    Chapter risks(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 5 kap. 1 § SOSFS 2011:9 ska det fortlöpande bedömas om det finns risk för att händelser skulle kunna "
                        + "inträffa som kan medföra brister i verksamhetens kvalitet. För varje sådan händelse ska sannolikheten "
                        + "för att händelsen inträffar uppskattas och de negativa konsekvenser som skulle kunna bli följden bedömas.");
        ReportData.Risks r = d.risks();
        Share coverage = Share.of(r.unitsCovered(), d.leafUnits().size());
        Level level = r.assessmentsInYear() == 0 ? Level.DOES_NOT_MEET
                : atLeast(coverage, policy.unitsCoveredMeets()) ? Level.MEETS : Level.PARTLY;
        String rule = "Uppfyller när riskbedömningar gjorts under året för minst " + plain(policy.unitsCoveredMeets())
                + " % av enheterna (en analys för en avdelning täcker dess enheter); uppfyller delvis när riskbedömningar gjorts "
                + "men för färre enheter; uppfyller inte när inga riskbedömningar gjorts under året.";
        String basis = r.assessmentsInYear() + " riskbedömningar, " + r.unitsCovered() + " av " + d.leafUnits().size()
                + " enheter täckta (" + coverage.text() + ")";
        List<TableRow> rows = new ArrayList<>();
        for (String c : List.of("LOW", "MEDIUM", "HIGH", "VERY_HIGH")) {
            rows.add(new TableRow(0, false, List.of(Labels.of(c), r.byClass().getOrDefault(c, 0L))));
        }
        rows.add(new TableRow(0, true, List.of("Totalt", r.byClass().values().stream().mapToLong(Long::longValue).sum())));
        List<Fact> facts = List.of(
                new Fact("Riskbedömningar under året", Long.toString(r.assessmentsInYear())),
                new Fact("Bedömda risker", Long.toString(r.risksAssessed())),
                new Fact("Enheter som omfattas av riskanalys", r.unitsCovered() + " av " + d.leafUnits().size()),
                new Fact("Öppna höga risker vid årets slut", Long.toString(r.openHighRisks())));
        return chapter("riskanalyser", number, "Riskanalyser", "SOSFS 2011:9 5 kap. 1 §", req, facts,
                List.of(new Table("riskmatris", "Risker per riskklass vid årets slut", SOURCE_REGISTRY, List.of("Riskklass", "Antal"),
                        rows)), List.of(), Verdict.computed(level, rule, basis), e, List.of());
    }

    Chapter egenkontroll(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 5 kap. 2 § SOSFS 2011:9 ska egenkontroll utövas med den frekvens och i den omfattning som krävs för "
                        + "att kunna säkra verksamhetens kvalitet.",
                "Egenkontrollen kan innefatta jämförelser av verksamhetens resultat med uppgifter i öppna jämförelser och med "
                        + "tidigare resultat, brukarundersökningar, granskning av journaler och akter och annan dokumentation.");
        ReportData.Egenkontroll k = d.egenkontroll();
        Share done = Share.of(k.executed(), k.planned());
        Level level = k.planned() == 0 ? Level.DOES_NOT_MEET : atLeast(done, policy.egenkontrollMeets()) ? Level.MEETS
                : atLeast(done, policy.egenkontrollPartly()) ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när minst " + plain(policy.egenkontrollMeets()) + " % av de egenkontroller som planerats "
                + "under året har genomförts; uppfyller delvis vid minst " + plain(policy.egenkontrollPartly())
                + " %; uppfyller inte vid färre eller när inga egenkontroller planerats.";
        String basis = k.executed() + " av " + k.planned() + " planerade egenkontroller genomförda (" + done.text() + ")";
        List<Table> tables = new ArrayList<>();
        List<TableRow> results = new ArrayList<>();
        for (String r : List.of("APPROVED", "PARTLY_APPROVED", "NOT_APPROVED")) {
            results.add(new TableRow(0, false, List.of(Labels.of(r), k.byResult().getOrDefault(r, 0L))));
        }
        results.add(new TableRow(0, false, List.of("Inte genomförda", k.notExecuted())));
        results.add(new TableRow(0, true, List.of("Planerade totalt", k.planned())));
        tables.add(new Table("egenkontroller", "Egenkontroller " + d.year() + " efter resultat", SOURCE_FOLLOWUP,
                List.of("Resultat", "Antal"), results));
        List<Chart> charts = new ArrayList<>();
        if (!d.indicators().isEmpty()) {
            List<Integer> years = List.of(d.year() - 3, d.year() - 2, d.year() - 1, d.year());
            List<String> columns = new ArrayList<>(List.of("Kod", "Nyckeltal"));
            years.forEach(y -> columns.add(Integer.toString(y)));
            columns.add("Målvärde " + d.year());
            columns.add("Utfall " + d.year());
            List<TableRow> rows = new ArrayList<>();
            List<TableRow> perUnit = new ArrayList<>();
            List<Series> series = new ArrayList<>();
            for (ReportData.Indicator i : d.indicators()) {
                List<Object> cells = new ArrayList<>();
                cells.add(i.code() != null ? i.code() : "..");
                cells.add(indicatorName(i));
                List<Number> values = new ArrayList<>();
                for (Integer y : years) {
                    BigDecimal v = i.values().get(y);
                    cells.add(v != null ? v : "..");
                    values.add(v);
                }
                cells.add(targetText(i.target(), i.unitOfMeasure()));
                cells.add(i.outcome() != null ? outcomeLabel(i.outcome())
                        : i.targetMissed() ? "Ej uppnått" : i.values().containsKey(d.year()) ? "Uppnått" : "..");
                rows.add(new TableRow(0, false, cells));
                if (series.size() < 8) {
                    series.add(new Series(i.code() != null ? i.code() : indicatorName(i), values));
                }
                for (ReportData.UnitOutcome u : i.units()) {
                    perUnit.add(new TableRow(0, false, List.of(indicatorName(i), u.unit() != null ? u.unit() : "..", u.period(),
                            u.value() != null ? u.value() : "..", targetText(u.target(), i.unitOfMeasure()), outcomeLabel(u.outcome()))));
                }
            }
            tables.add(new Table("nyckeltal", "Nyckeltal " + (d.year() - 3) + "–" + d.year() + " mot målvärden", SOURCE_FOLLOWUP,
                    columns, rows));
            if (!perUnit.isEmpty()) {
                tables.add(new Table("nyckeltal-enheter", "Nyckeltal " + d.year() + " per enhet och period mot målvärden",
                        SOURCE_FOLLOWUP, List.of("Nyckeltal", "Enhet", "Period", "Värde", "Målvärde", "Utfall"), perUnit));
            }
            charts.add(new Chart("nyckeltal-trend", "Nyckeltal över tid", "LINE",
                    years.stream().map(String::valueOf).toList(), series));
        }
        long missed = d.indicators().stream().filter(ReportData.Indicator::targetMissed).count();
        long met = d.indicators().stream().filter(i -> "MET".equals(i.outcome())).count();
        List<Fact> facts = List.of(
                new Fact("Planerade egenkontroller", Long.toString(k.planned())),
                new Fact("Genomförda", k.executed() + " (" + done.text() + ")"),
                new Fact("Genomförda efter planerad tidpunkt", Long.toString(k.executedLate())),
                new Fact("Avvikelser funna vid egenkontroll", Long.toString(k.deviationsFound())),
                new Fact("Nyckeltal som följts upp", Long.toString(d.indicators().size())),
                new Fact("Nyckeltal som nådde målvärdet", Long.toString(met)),
                new Fact("Nyckeltal som inte nådde målvärdet", Long.toString(missed)));
        List<String> notes = d.indicators().isEmpty() ? List.of()
                : List.of("Nyckeltalen, deras målvärden och utfall är uppföljningstjänstens: ett värde jämförs avrundat till "
                        + "nyckeltalets decimaler, och en avdelnings värde räknas från enheternas täljare och nämnare (andelar) "
                        + "eller antal svar (skalor), aldrig som medelvärde av andelar. Ett värde som saknas visas som \"..\"; "
                        + "ett nyckeltal vars namn ännu inte publicerats visas med sin identitet.");
        return chapter("egenkontroll", number, "Egenkontroller", "SOSFS 2011:9 5 kap. 2 §", req, facts, tables, charts,
                Verdict.computed(level, rule, basis), e, notes);
    }

    Chapter staff(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 6 kap. SOSFS 2011:9 ska personalen arbeta i enlighet med de processer och rutiner som ingår i "
                        + "ledningssystemet och medverka i kvalitetsarbetet. Var och en som fullgör uppgifter inom socialtjänsten "
                        + "är skyldig att medverka i verksamhetens kvalitetsarbete (14 kap. 2 § socialtjänstlagen, 24 a § LSS).");
        long reporting = d.leafUnits().stream().filter(u -> u.reports() > 0).count();
        Share share = Share.of(reporting, d.leafUnits().size());
        Level level = atLeast(share, policy.unitsCoveredMeets()) ? Level.MEETS
                : atLeast(share, policy.unitsCoveredPartly()) ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när avvikelser har rapporterats från minst " + plain(policy.unitsCoveredMeets())
                + " % av enheterna under året; uppfyller delvis vid minst " + plain(policy.unitsCoveredPartly())
                + " %; annars uppfyller inte. (En enhet utan rapporter tyder oftare på att rapporteringen brister än på "
                + "att inget har hänt.)";
        String basis = reporting + " av " + d.leafUnits().size() + " enheter har rapporterat (" + share.text() + ")";
        DeviationStatistics s = d.statistics();
        List<Fact> facts = List.of(
                new Fact("Rapporter från medarbetare", Long.toString(s.staffReported())),
                new Fact("Rapporter från verksamhetssystem", Long.toString(s.reports() - s.staffReported())),
                new Fact("Enheter med minst en rapport", reporting + " av " + d.leafUnits().size()));
        List<TableRow> rows = new ArrayList<>();
        for (ReportData.Unit u : d.leafUnits()) {
            rows.add(new TableRow(0, false, List.of(u.name(), u.reports())));
        }
        return chapter("personal", number, "Personalens medverkan i kvalitetsarbetet", "SOSFS 2011:9 6 kap.", req, facts,
                List.of(new Table("rapporter-per-enhet", "Rapporterade avvikelser per enhet " + d.year(), SOURCE_DEVIATIONS,
                        List.of("Enhet", "Rapporter"), rows)), List.of(), Verdict.computed(level, rule, basis), e, List.of());
    }

    // ---------------------------------------------------------------- patientsäkerhetsberättelse

    public ReportContent patientsakerhetsberattelse(ReportData d, Editorial e) {
        List<Chapter> parts = new ArrayList<>();
        parts.add(careInjuries(d, e, "3"));
        parts.add(rename(egenkontroll(d, e, "4"), "egenkontroll", "Uppföljning genom egenkontroll",
                "PSL 3 kap. 10 §; HSLF-FS 2017:40 3 kap. 1 §"));
        parts.add(rename(risks(d, e, "5"), "riskanalyser", "Riskanalys", "PSL 3 kap. 10 §; SOSFS 2011:9 5 kap. 1 §"));
        parts.add(rename(cooperation(d, e, "6"), "samverkan", "Samverkan för att förebygga vårdskador",
                "HSLF-FS 2017:40 3 kap. 1 §"));
        parts.add(complaints(d, e, "7"));
        List<Chapter> chapters = new ArrayList<>();
        chapters.add(pslIntroduction(d, e));
        chapters.add(rename(managementSystem(d, e, parts), "ledningssystem", "Organisatoriskt ansvar för patientsäkerhetsarbetet",
                "PSL 3 kap. 1 och 9–10 §§; SOSFS 2011:9 3 kap."));
        chapters.addAll(parts);
        String title = e.title() != null ? e.title() : "Patientsäkerhetsberättelse " + d.year();
        return new ReportContent(ReportKind.PATIENTSAKERHETSBERATTELSE, title, d.year(), d.orgUnitId(), d.orgUnitName(),
                d.from(), d.to(), "Patientsäkerhetslagen (2010:659) 3 kap. 10 §", LocalDate.of(d.year() + 1, 3, 1),
                e.summary(), chapters, e.focusAreas(), d.statistics());
    }

    Chapter pslIntroduction(ReportData d, Editorial e) {
        List<String> req = List.of(
                "Enligt 3 kap. 10 § patientsäkerhetslagen (2010:659) ska vårdgivaren senast den 1 mars varje år upprätta en "
                        + "patientsäkerhetsberättelse av vilken det ska framgå hur patientsäkerhetsarbetet har bedrivits under "
                        + "föregående kalenderår, vilka åtgärder som har vidtagits för att öka patientsäkerheten och vilka resultat "
                        + "som har uppnåtts.",
                "Berättelsen avser den hälso- och sjukvård som bedrivs i verksamheten (till exempel hemsjukvård och "
                        + "sjuksköterskeinsatser i särskilt boende).");
        return chapter("inledning", "1", "Inledning", "PSL 3 kap. 10 §", req,
                List.of(new Fact("Organisation", d.orgUnitName()), new Fact("Period", d.from() + " – " + d.to()),
                        new Fact("Ska vara upprättad senast", LocalDate.of(d.year() + 1, 3, 1).toString())),
                List.of(), List.of(), null, e, List.of());
    }

    Chapter careInjuries(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 3 kap. 3 § patientsäkerhetslagen ska händelser som har medfört eller hade kunnat medföra en vårdskada "
                        + "utredas. Enligt 3 kap. 5 § (lex Maria) ska en händelse som har medfört eller hade kunnat medföra en "
                        + "allvarlig vårdskada anmälas till IVO snarast; i kommunen gör den medicinskt ansvariga sjuksköterskan "
                        + "(MAS) anmälan.");
        DeviationStatistics s = d.statistics();
        DeviationStatistics.Authority maria = s.authority().stream().filter(a -> a.trackType().equals("LEX_MARIA"))
                .findFirst().orElseThrow();
        Map<String, Long> assessed = d.assessments().getOrDefault("LEX_MARIA", Map.of());
        long notAssessed = assessed.getOrDefault("NOT_ASSESSED", 0L);
        boolean allAssessed = maria.reports() > 0 && notAssessed == 0;
        boolean allNotified = maria.notified() >= maria.reportable();
        Level level = maria.reports() == 0 ? Level.PARTLY : allAssessed && allNotified ? Level.MEETS
                : allAssessed || allNotified ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när varje lex Maria-händelse under året har bedömts och varje allvarlig vårdskada eller risk "
                + "för allvarlig vårdskada har anmälts till IVO; uppfyller delvis när ett av dem gäller, eller när inga "
                + "händelser har rapporterats (rapporteringen behöver då följas upp); annars uppfyller inte.";
        String basis = maria.reports() + " lex Maria-händelser, " + notAssessed + " ännu inte bedömda, " + maria.notified()
                + " av " + maria.reportable() + " anmälningspliktiga anmälda till IVO";
        List<TableRow> unitRows = new ArrayList<>();
        for (DeviationStatistics.Row r : s.rows()) {
            long n = r.counts().getOrDefault("LEX_MARIA", 0L);
            if (r.depth() > 0 && n > 0) {
                unitRows.add(new TableRow(r.depth() - 1, false, List.of(r.name(), n)));
            }
        }
        unitRows.add(new TableRow(0, true, List.of("Totalt", maria.reports())));
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("lex-maria-enheter", "Lex Maria-händelser per avdelning och enhet " + d.year(), SOURCE_DEVIATIONS,
                List.of("Avdelning/enhet", "Händelser"), unitRows));
        tables.add(counted("lex-maria-bedomning", "Bedömning av lex Maria-händelser", "Bedömning", "Antal", assessed,
                SOURCE_DEVIATIONS));
        tables.add(authority(s));
        if (!d.rootCauses().isEmpty()) {
            tables.add(counted("orsaker", "Bakomliggande orsaker i utredda händelser", "Orsak", "Antal rapporter",
                    d.rootCauses(), SOURCE_DEVIATIONS));
        }
        List<Fact> facts = List.of(
                new Fact("Lex Maria-händelser", Long.toString(maria.reports())),
                new Fact("Anmälda till IVO", maria.notified() + " (" + maria.notifiedShare().text() + ")"),
                new Fact("Varav i tid", maria.onTime() + ", sent " + maria.late()),
                new Fact("Åtgärder genomförda i tid", d.actions().doneOnTime() + " av " + d.actions().due()));
        return chapter("vardskador", number, "Utredning av händelser: vårdskador (lex Maria)", "PSL 3 kap. 3–5 §§", req,
                facts, tables, List.of(monthChart(s, d.year())), Verdict.computed(level, rule, basis), e, List.of());
    }

    Chapter complaints(ReportData d, Editorial e, String number) {
        List<String> req = List.of(
                "Enligt 3 kap. 8 § patientsäkerhetslagen och 5 kap. 3–5 §§ SOSFS 2011:9 ska klagomål och synpunkter från "
                        + "patienter, närstående och andra tas emot och utredas, och de ska användas i arbetet med att förbättra "
                        + "verksamheten.");
        DeviationStatistics s = d.statistics();
        long complaints = s.rows().isEmpty() ? 0 : s.rows().get(0).counts().getOrDefault("COMPLAINT", 0L);
        Level level = complaints == 0 ? Level.PARTLY : s.triaged() == s.reports() ? Level.MEETS : Level.PARTLY;
        String rule = "Uppfyller när klagomål och synpunkter har tagits emot och varje rapport under året har bedömts; "
                + "uppfyller delvis när inga klagomål tagits emot (mottagandet behöver då följas upp) eller rapporter är obedömda.";
        String basis = complaints + " klagomål och synpunkter, " + s.triaged() + " av " + s.reports() + " rapporter bedömda";
        return chapter("klagomal", number, "Klagomål och synpunkter", "PSL 3 kap. 8 §; SOSFS 2011:9 5 kap. 3–5 §§", req,
                List.of(new Fact("Klagomål och synpunkter", Long.toString(complaints))), List.of(), List.of(),
                Verdict.computed(level, rule, basis), e, List.of());
    }

    // ---------------------------------------------------------------- tables and charts

    /** Seed 003 Figur 5.1: departments and units × categories, distinct totals, the root as "Totalt". */
    static Table pivot(DeviationStatistics s, String key, String title) {
        List<String> cats = visibleCategories(s);
        List<String> columns = new ArrayList<>(List.of("Avdelning/enhet"));
        cats.forEach(c -> columns.add(StatisticsBits.label(c)));
        columns.add("Totalt");
        List<TableRow> rows = new ArrayList<>();
        DeviationStatistics.Row root = null;
        for (DeviationStatistics.Row r : s.rows()) {
            if (r.depth() == 0) {
                root = r;
                continue;
            }
            rows.add(new TableRow(r.depth() - 1, false, pivotCells(r.name(), r, cats)));
        }
        if (root != null) {
            rows.add(new TableRow(0, true, pivotCells("Totalt", root, cats)));
        }
        return new Table(key, title, SOURCE_DEVIATIONS, columns, rows);
    }

    private static List<Object> pivotCells(String name, DeviationStatistics.Row r, List<String> cats) {
        List<Object> cells = new ArrayList<>();
        cells.add(name);
        cats.forEach(c -> cells.add(r.counts().getOrDefault(c, 0L)));
        cells.add(r.total());
        return cells;
    }

    /** Every category but "not yet classified" unless some report is. */
    static List<String> visibleCategories(DeviationStatistics s) {
        long unclassified = s.rows().isEmpty() ? 0 : s.rows().get(0).counts().getOrDefault(StatisticsBits.UNCLASSIFIED, 0L);
        return StatisticsBits.CATEGORIES.stream().filter(c -> !c.equals(StatisticsBits.UNCLASSIFIED) || unclassified > 0)
                .toList();
    }

    static Table shares(DeviationStatistics s) {
        List<TableRow> rows = new ArrayList<>();
        for (String c : visibleCategories(s)) {
            Share share = s.shares().get(c);
            rows.add(new TableRow(0, false, List.of(StatisticsBits.label(c), share.numerator(),
                    c.equals("NOT_A_DEVIATION") ? "av alla rapporter" : "av avvikelserna", share.percent() == null ? "–"
                            : share.percent())));
        }
        return new Table("andelar", "Andel per typ av avvikelse", SOURCE_DEVIATIONS,
                List.of("Typ", "Antal", "Andel av", "Andel (%)"), rows);
    }

    static Table authority(DeviationStatistics s) {
        List<TableRow> rows = new ArrayList<>();
        for (DeviationStatistics.Authority a : s.authority()) {
            rows.add(new TableRow(0, false, List.of(StatisticsBits.label(a.trackType()), a.authority(), a.reports(),
                    a.reportable(), a.notified(), a.onTime(), a.late(),
                    a.notifiedShare().percent() == null ? "–" : a.notifiedShare().percent())));
        }
        return new Table("anmalningar", "Anmälningar till IVO och IMY", SOURCE_DEVIATIONS,
                List.of("Typ", "Myndighet", "Rapporter", "Anmälningspliktiga", "Anmälda", "I tid", "Sent", "Andel anmälda (%)"),
                rows);
    }

    static Table periods(DeviationStatistics s, String key, String title, List<DeviationStatistics.Period> periods,
            String first) {
        List<String> cats = visibleCategories(s);
        List<String> columns = new ArrayList<>(List.of(first));
        cats.forEach(c -> columns.add(StatisticsBits.label(c)));
        columns.add("Totalt");
        List<TableRow> rows = new ArrayList<>();
        for (DeviationStatistics.Period p : periods) {
            List<Object> cells = new ArrayList<>();
            cells.add(p.period());
            cats.forEach(c -> cells.add(p.counts().getOrDefault(c, 0L)));
            cells.add(p.total());
            rows.add(new TableRow(0, false, cells));
        }
        return new Table(key, title, SOURCE_DEVIATIONS, columns, rows);
    }

    static Table comparison(ReportData d) {
        DeviationStatistics now = d.statistics();
        DeviationStatistics before = d.previousYear();
        Function<DeviationStatistics, Long> reports = DeviationStatistics::reports;
        List<TableRow> rows = new ArrayList<>();
        rows.add(new TableRow(0, true, List.of("Rapporter totalt", reports.apply(before), reports.apply(now),
                reports.apply(now) - reports.apply(before))));
        for (String c : visibleCategories(now)) {
            long a = before.rows().isEmpty() ? 0 : before.rows().get(0).counts().getOrDefault(c, 0L);
            long b = now.rows().isEmpty() ? 0 : now.rows().get(0).counts().getOrDefault(c, 0L);
            rows.add(new TableRow(1, false, List.of(StatisticsBits.label(c), a, b, b - a)));
        }
        return new Table("jamforelse", "Jämförelse med föregående år", SOURCE_DEVIATIONS,
                List.of("", Integer.toString(d.year() - 1), Integer.toString(d.year()), "Förändring"), rows);
    }

    static Table counted(String key, String title, String first, String second, Map<String, Long> counts, String source) {
        List<TableRow> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> rows.add(new TableRow(0, false, List.of(Labels.of(en.getKey()), en.getValue()))));
        return new Table(key, title, source, List.of(first, second), rows);
    }

    static Chart monthChart(DeviationStatistics s, int year) {
        Map<String, Long> byMonth = new LinkedHashMap<>();
        for (int m = 1; m <= 12; m++) {
            byMonth.put(year + "-" + (m < 10 ? "0" : "") + m, 0L);
        }
        s.byMonth().forEach(p -> byMonth.put(p.period(), p.total()));
        List<String> names = List.of("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec");
        List<String> labels = new ArrayList<>();
        int k = 0;
        for (String key : byMonth.keySet()) {
            labels.add(key.startsWith(year + "-") ? names.get(k++ % 12) : key);
        }
        return new Chart("avvikelser-per-manad", "Rapporterade avvikelser per månad " + year, "BAR", labels,
                List.of(new Series("Rapporter", new ArrayList<>(byMonth.values()))));
    }

    static Chart unitChart(ReportData d) {
        return new Chart("avvikelser-per-enhet", "Rapporterade avvikelser per enhet " + d.year(), "BAR",
                d.leafUnits().stream().map(ReportData.Unit::name).toList(),
                List.of(new Series("Rapporter", d.leafUnits().stream().map(u -> (Number) u.reports()).toList())));
    }

    static String summarySentence(DeviationStatistics s) {
        StringBuilder b = new StringBuilder();
        b.append("Totalt har ").append(s.reports()).append(" avvikelser rapporterats. ");
        long not = s.shares().get("NOT_A_DEVIATION").numerator();
        b.append("Av dessa har ").append(not).append(" bedömts inte utgöra avvikelser i verksamheten. ");
        b.append("Av de ").append(s.deviations()).append(" rapporter som har bedömts som avvikelser i verksamheten har ")
                .append(s.shares().get("LEX_SARAH").text()).append(" bedömts utgöra missförhållanden enligt lex Sarah, ")
                .append(s.shares().get("PERSONAL_DATA_BREACH").text()).append(" personuppgiftsincidenter och ")
                .append(s.shares().get("OTHER_DEVIATION").text()).append(" övriga avvikelser. ");
        DeviationStatistics.Authority sarah = s.authority().get(0);
        DeviationStatistics.Authority breach = s.authority().get(2);
        b.append(sarah.notifiedShare().text()).append(" av de rapporterade missförhållandena har anmälts till IVO och ")
                .append(breach.notifiedShare().text()).append(" av personuppgiftsincidenterna till IMY.");
        return b.toString();
    }

    private static String indicatorName(ReportData.Indicator i) {
        return i.name() != null ? i.name() : "Nyckeltal " + i.indicatorId().toString().substring(0, 8);
    }

    /** A målvärde as the kvalitetsberättelse prints it, e.g. "≥ 90 %", "4–5", "≥ 1 per grupp". */
    static String targetText(ReportData.Target t, String unitOfMeasure) {
        if (t == null || t.comparator() == null || t.value() == null) {
            return "..";
        }
        String unit = "PERCENT".equals(unitOfMeasure) ? " %" : "DAYS".equals(unitOfMeasure) ? " dagar" : "";
        String v = t.value().toPlainString().replace('.', ',');
        return switch (t.comparator()) {
            case "AT_LEAST" -> "≥ " + v + unit;
            case "AT_MOST" -> "≤ " + v + unit;
            case "EXACTLY" -> "= " + v + unit;
            case "BETWEEN" -> v + "–" + (t.upper() == null ? ".." : t.upper().toPlainString().replace('.', ',')) + unit;
            case "AT_LEAST_PER_GROUP" -> "≥ " + v + " per grupp";
            default -> t.comparator() + " " + v + unit;
        };
    }

    static String outcomeLabel(String status) {
        if (status == null) {
            return "..";
        }
        return switch (status) {
            case "MET" -> "Uppnått";
            case "NOT_MET" -> "Ej uppnått";
            case "NO_DATA" -> "Uppgift saknas";
            case "NO_TARGET" -> "Inget målvärde";
            default -> status;
        };
    }

    private static boolean atLeast(Share share, BigDecimal threshold) {
        return share.percent() != null && share.percent().compareTo(threshold) >= 0;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static Chapter rename(Chapter c, String key, String title, String regulation) {
        return new Chapter(key, c.number(), title, regulation, c.requirement(), c.facts(), c.tables(), c.charts(),
                c.verdict(), c.narrative(), c.notes());
    }

    /** A chapter with the editorial narrative and override applied. */
    private static Chapter chapter(String key, String number, String title, String regulation, List<String> requirement,
            List<Fact> facts, List<Table> tables, List<Chart> charts, Verdict verdict, Editorial e, List<String> notes) {
        Editorial.ChapterText text = e.chapters().get(key);
        String narrative = text == null ? null : text.narrative();
        Verdict v = verdict;
        if (v != null && text != null && text.verdictOverride() != null) {
            v = v.overriddenBy(text.verdictOverride(), text.justification());
        }
        return new Chapter(key, number, title, regulation, requirement, facts, tables, charts, v, narrative, notes);
    }
}
