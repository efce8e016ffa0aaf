package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Series;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;

/** Utredning av händelser: vårdskador (lex Maria, PSL 3 kap. 3–5 §§): every case assessed, every serious one notified. */
public final class CareInjuries implements ReportChapter {

    static final String CATEGORY = "LEX_MARIA";

    @Override
    public String key() {
        return "vardskador";
    }

    @Override
    public String title() {
        return "Utredning av händelser: vårdskador (lex Maria)";
    }

    @Override
    public String regulation() {
        return "PSL 3 kap. 3–5 §§";
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 3 kap. 3 § patientsäkerhetslagen ska händelser som har medfört eller hade kunnat medföra en vårdskada "
                        + "utredas. Enligt 3 kap. 5 § (lex Maria) ska en händelse som har medfört eller hade kunnat medföra en "
                        + "allvarlig vårdskada anmälas till IVO snarast; i kommunen gör den medicinskt ansvariga sjuksköterskan "
                        + "(MAS) anmälan.");
        ReportData d = in.basis();
        DeviationStatistics s = d.statistics();
        DeviationStatistics.Authority maria = DeviationTables.authority(s, CATEGORY);
        Map<String, Long> assessed = in.data().assessments().getOrDefault(CATEGORY, Map.of());
        long notAssessed = assessed.getOrDefault("NOT_ASSESSED", 0L);
        boolean allAssessed = maria.reports() > 0 && notAssessed == 0;
        boolean allNotified = maria.notified() >= maria.reportable();
        Level level = maria.reports() == 0
                ? Level.PARTLY
                : allAssessed && allNotified
                        ? Level.MEETS
                        : allAssessed || allNotified ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule =
                "Uppfyller när varje lex Maria-händelse under året har bedömts och varje allvarlig vårdskada eller risk "
                        + "för allvarlig vårdskada har anmälts till IVO; uppfyller delvis när ett av dem gäller, eller när inga "
                        + "händelser har rapporterats (rapporteringen behöver då följas upp); annars uppfyller inte.";
        String basis = maria.reports() + " lex Maria-händelser, " + notAssessed + " ännu inte bedömda, "
                + maria.notified() + " av " + maria.reportable() + " anmälningspliktiga anmälda till IVO";
        ReadModels.Actions actions = in.data().actions();
        List<Fact> facts = List.of(
                new Fact("Lex Maria-händelser", Long.toString(maria.reports())),
                new Fact(
                        "Anmälda till IVO",
                        maria.notified() + " (" + maria.notifiedShare().text() + ")"),
                new Fact("Varav i tid", maria.onTime() + ", sent " + maria.late()),
                new Fact("Åtgärder genomförda i tid", actions.doneOnTime() + " av " + actions.due()));
        return chapter(
                in,
                req,
                facts,
                tables(in, maria, assessed),
                List.of(monthChart(s, d.year())),
                Verdict.computed(level, rule, basis),
                List.of());
    }

    private static List<Table> tables(
            ChapterInput in, DeviationStatistics.Authority maria, Map<String, Long> assessed) {
        ReportData d = in.basis();
        List<TableRow> unitRows = new ArrayList<>();
        for (DeviationStatistics.Row r : d.statistics().rows()) {
            long n = r.counts().getOrDefault(CATEGORY, 0L);
            if (r.depth() > 0 && n > 0) {
                unitRows.add(new TableRow(r.depth() - 1, false, List.of(r.name(), n)));
            }
        }
        unitRows.add(new TableRow(0, true, List.of("Totalt", maria.reports())));
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(
                        "lex-maria-enheter",
                        "Lex Maria-händelser per avdelning och enhet " + d.year(),
                        Sources.DEVIATIONS,
                        List.of("Avdelning/enhet", "Händelser"),
                        unitRows)
                .withNote("Avdelningar och enheter utan lex Maria-händelser under året visas inte i tabellen."));
        tables.add(months(d.statistics(), d.year()));
        tables.add(DeviationTables.counted(
                "lex-maria-bedomning",
                "Bedömning av lex Maria-händelser",
                "Bedömning",
                "Antal",
                assessed,
                Sources.DEVIATIONS));
        tables.add(DeviationTables.authority(d.statistics()));
        if (!in.data().rootCauses().isEmpty()) {
            tables.add(DeviationTables.counted(
                    "orsaker",
                    "Bakomliggande orsaker i utredda händelser",
                    "Orsak",
                    "Antal rapporter",
                    in.data().rootCauses(),
                    Sources.DEVIATIONS));
        }
        return tables;
    }

    private static Map<String, Long> perMonth(DeviationStatistics s, int year) {
        Map<String, Long> byMonth = new LinkedHashMap<>();
        for (int m = 1; m <= 12; m++) {
            byMonth.put(DeviationTables.monthKey(year, m), 0L);
        }
        s.byMonth()
                .forEach(p -> byMonth.computeIfPresent(
                        p.period(), (k, v) -> p.counts().getOrDefault(CATEGORY, 0L)));
        return byMonth;
    }

    private static Table months(DeviationStatistics s, int year) {
        List<TableRow> rows = new ArrayList<>();
        int m = 0;
        for (long n : perMonth(s, year).values()) {
            rows.add(new TableRow(0, false, List.of(DeviationTables.MONTHS.get(m++), n)));
        }
        return new Table(
                "lex-maria-per-manad",
                "Lex Maria-händelser per månad " + year,
                Sources.DEVIATIONS,
                List.of("Månad", "Händelser"),
                rows);
    }

    private static Chart monthChart(DeviationStatistics s, int year) {
        return new Chart(
                "lex-maria-per-manad",
                "Lex Maria-händelser per månad " + year,
                "BAR",
                DeviationTables.MONTHS,
                List.of(new Series(
                        "Lex Maria-händelser", new ArrayList<>(perMonth(s, year).values()))),
                "COUNT",
                "Månad",
                "Antal händelser");
    }
}
