package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;

/**
 * Systematiskt förbättringsarbete: utredning av avvikelser, klagomål och synpunkter (SOSFS 2011:9
 * 5 kap. 3–8 §§; SoL 14 kap. 3–7 §§): seed 003's Figur 5.1 and its sentence, shares against last
 * year, IVO/IMY notifications, months and tertials, root causes and overdue deadlines.
 */
public final class Deviations implements ReportChapter {

    @Override
    public String key() {
        return "avvikelser";
    }

    @Override
    public String title() {
        return "Systematiskt förbättringsarbete: utredning av avvikelser, klagomål och synpunkter";
    }

    @Override
    public String regulation() {
        return "SOSFS 2011:9 5 kap. 3–8 §§; SoL 14 kap. 3–7 §§";
    }

    static final List<String> REQUIREMENT = List.of(
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

    @Override
    public Chapter build(ChapterInput in) {
        ReportData d = in.basis();
        DeviationStatistics s = d.statistics();
        ReadModels.Actions actions = in.data().actions();
        Share actionsOnTime = Share.of(actions.doneOnTime(), actions.due());
        List<Chart> charts = new ArrayList<>();
        charts.add(DeviationTables.monthChart(s, d.year()));
        charts.addAll(DeviationTables.unitCharts(d));
        return chapter(
                in,
                REQUIREMENT,
                facts(s, actions, actionsOnTime),
                tables(in),
                charts,
                verdict(in, s, actions, actionsOnTime),
                notes(s));
    }

    private static Verdict verdict(
            ChapterInput in, DeviationStatistics s, ReadModels.Actions actions, Share actionsOnTime) {
        boolean allTriaged = s.reports() > 0 && s.triaged() == s.reports();
        boolean allNotified = s.authority().stream().allMatch(a -> a.notified() >= a.reportable());
        boolean actionsOk = actions.due() > 0
                && ChapterInput.atLeast(actionsOnTime, in.policy().actionsOnTimeMeets());
        int met = (allTriaged ? 1 : 0) + (allNotified && s.reports() > 0 ? 1 : 0) + (actionsOk ? 1 : 0);
        Level level = s.reports() == 0
                ? Level.DOES_NOT_MEET
                : met == 3 ? Level.MEETS : met > 0 ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när (a) varje rapport under året har bedömts av kvalitetsteamet, (b) varje allvarligt "
                + "missförhållande, allvarlig vårdskada och riskfylld personuppgiftsincident har anmälts till IVO respektive IMY "
                + "och (c) minst " + ChapterInput.plain(in.policy().actionsOnTimeMeets()) + " % av åtgärderna med "
                + "förfallodag under året genomfördes i tid; uppfyller delvis när någon av dem gäller; uppfyller inte när "
                + "ingen gäller eller inga avvikelser har rapporterats.";
        String basis = s.triaged() + " av " + s.reports() + " rapporter bedömda; anmälda/anmälningspliktiga: "
                + String.join(
                        ", ",
                        s.authority().stream()
                                .map(a -> Labels.of(a.trackType()) + " " + a.notified() + "/" + a.reportable())
                                .toList())
                + "; åtgärder i tid " + actionsOnTime.text();
        return Verdict.computed(level, rule, basis);
    }

    private static List<Table> tables(ChapterInput in) {
        ReportData d = in.basis();
        DeviationStatistics s = d.statistics();
        List<Table> tables = new ArrayList<>();
        tables.add(DeviationTables.pivot(
                s,
                "figur-avvikelser",
                "Antal avvikelser per typ av avvikelse samt per avdelning och enhet " + d.year()));
        tables.add(DeviationTables.shares(s, d.previousYear(), d.year()));
        tables.add(DeviationTables.authority(s));
        tables.add(DeviationTables.months(s, d.year()));
        tables.add(
                DeviationTables.periods(s, "tertial", "Avvikelser per tertial " + d.year(), s.byTertial(), "Tertial"));
        tables.add(DeviationTables.comparison(d));
        if (!in.data().rootCauses().isEmpty()) {
            tables.add(DeviationTables.counted(
                    "orsaker",
                    "Bakomliggande orsaker i utredda avvikelser",
                    "Orsak",
                    "Antal rapporter",
                    in.data().rootCauses(),
                    Sources.DEVIATIONS));
        }
        if (!in.data().overdueDeadlines().isEmpty()) {
            tables.add(DeviationTables.counted(
                    "forsenade-frister",
                    "Överskridna frister med förfallodag under året",
                    "Frist",
                    "Antal",
                    in.data().overdueDeadlines(),
                    Sources.DEVIATIONS));
        }
        return tables;
    }

    private static List<Fact> facts(DeviationStatistics s, ReadModels.Actions actions, Share actionsOnTime) {
        return List.of(
                new Fact("Rapporter totalt", Long.toString(s.reports())),
                new Fact("Bedömda som avvikelser i verksamheten", Long.toString(s.deviations())),
                new Fact("Kategoriseringar (en rapport kan ha flera spår)", Long.toString(s.categoryAssignments())),
                new Fact(
                        "Bedömda av kvalitetsteamet",
                        s.triaged() + " (" + Share.of(s.triaged(), s.reports()).text() + ")"),
                new Fact(
                        "Avslutade",
                        s.closed() + " (" + Share.of(s.closed(), s.reports()).text() + ")"),
                new Fact("Åtgärder med förfallodag under året", Long.toString(actions.due())),
                new Fact("Åtgärder genomförda i tid", actions.doneOnTime() + " (" + actionsOnTime.text() + ")"),
                new Fact(
                        "Åtgärder vars effekt har följts upp",
                        actions.effectChecked() + " ("
                                + Share.of(actions.effectChecked(), actions.done())
                                        .text() + " av genomförda)"),
                new Fact(
                        "Åtgärder med avsedd effekt",
                        actions.effective() + " ("
                                + Share.of(actions.effective(), actions.effectChecked())
                                        .text() + " av uppföljda)"));
    }

    private static List<String> notes(DeviationStatistics s) {
        List<String> notes = new ArrayList<>();
        notes.add(DeviationTables.summarySentence(s));
        if (s.unplaced() > 0) {
            notes.add(s.unplaced()
                    + " rapporter under året gäller enheter som organisationsregistret inte känner till och "
                    + "ingår inte i tabellerna.");
        }
        notes.add(
                "En rapport som berör flera enheter eller har flera spår räknas en gång i varje cell, rad och kolumn den "
                        + "berör och en gång i varje summa ovanför; därför kan en avdelnings rad vara mindre än summan av dess enheter.");
        return notes;
    }
}
