package se.kvalitet.report.content.chapters;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Series;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;
import se.kvalitet.report.statistics.StatisticsBits;

/** The deviation tables and charts the kvalitetsberättelse and the patientsäkerhetsberättelse share. */
final class DeviationTables {

    static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec");

    private DeviationTables() {}

    /** The categories with at least one report in the year (the others are left out, and a note says which). */
    static List<String> reportedCategories(DeviationStatistics s) {
        Map<String, Long> all = rootCounts(s);
        return StatisticsBits.CATEGORIES.stream()
                .filter(c -> all.getOrDefault(c, 0L) > 0)
                .toList();
    }

    static Map<String, Long> rootCounts(DeviationStatistics s) {
        return s.rows().isEmpty() ? Map.of() : s.rows().get(0).counts();
    }

    /** The note naming the categories left out of a table because nothing was reported in them. */
    static Table withOmittedCategories(Table t, List<String> shown) {
        List<String> left = StatisticsBits.CATEGORIES.stream()
                .filter(c -> !shown.contains(c))
                .map(StatisticsBits::label)
                .toList();
        return left.isEmpty()
                ? t
                : t.withNote("Typer utan rapporter under året visas inte i tabellen: " + String.join(", ", left) + ".");
    }

    /** Seed 003 Figur 5.1: departments and units × categories, distinct totals, the root as "Totalt". */
    static Table pivot(DeviationStatistics s, String key, String title) {
        List<String> cats = reportedCategories(s);
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
            rows.add(new TableRow(r.depth() - 1, false, pivotCells(r.name(), r.counts(), r.total(), cats)));
        }
        if (root != null) {
            rows.add(new TableRow(0, true, pivotCells("Totalt", root.counts(), root.total(), cats)));
        }
        return withOmittedCategories(new Table(key, title, Sources.DEVIATIONS, columns, rows), cats);
    }

    private static List<Object> pivotCells(String name, Map<String, Long> counts, long total, List<String> cats) {
        List<Object> cells = new ArrayList<>();
        cells.add(name == null ? ".." : name);
        cats.forEach(c -> cells.add(counts.getOrDefault(c, 0L)));
        cells.add(total);
        return cells;
    }

    /** Why 27,9 against 27,8 can be a change of 0,0: each figure is rounded once, from its own exact fraction. */
    static final String CHANGE_NOTE =
            "Förändringen räknas från de exakta andelarna och avrundas en gång; den kan därför "
                    + "skilja sig en tiondel från skillnaden mellan de avrundade andelarna.";

    /** Each category's share with last year's and the change in percentage points (all from exact fractions). */
    static Table shares(DeviationStatistics s, DeviationStatistics before, int year) {
        List<TableRow> rows = new ArrayList<>();
        List<String> cats = reportedCategories(s);
        for (String c : cats) {
            Share share = s.shares().get(c);
            Share previous = before.shares().get(c);
            BigDecimal change = share.pointsSince(previous);
            rows.add(new TableRow(
                    0,
                    false,
                    List.of(
                            StatisticsBits.label(c),
                            share.numerator(),
                            c.equals("NOT_A_DEVIATION") ? "av alla rapporter" : "av avvikelserna",
                            orMissing(share.percent()),
                            orMissing(previous == null ? null : previous.percent()),
                            orMissing(change))));
        }
        return withOmittedCategories(
                new Table(
                                "andelar",
                                "Andel per typ av avvikelse",
                                Sources.DEVIATIONS,
                                List.of(
                                        "Typ",
                                        "Antal",
                                        "Andel av",
                                        "Andel (%)",
                                        "Andel " + (year - 1) + " (%)",
                                        "Förändring (procentenheter)"),
                                rows)
                        .withNote(CHANGE_NOTE),
                cats);
    }

    static Table authority(DeviationStatistics s) {
        List<TableRow> rows = new ArrayList<>();
        for (DeviationStatistics.Authority a : s.authority()) {
            rows.add(new TableRow(
                    0,
                    false,
                    List.of(
                            StatisticsBits.label(a.trackType()),
                            a.authority(),
                            a.reports(),
                            a.reportable(),
                            a.notified(),
                            a.onTime(),
                            a.late(),
                            orMissing(a.notifiedShare().percent()))));
        }
        return new Table(
                "anmalningar",
                "Anmälningar till IVO och IMY",
                Sources.DEVIATIONS,
                List.of(
                        "Typ",
                        "Myndighet",
                        "Rapporter",
                        "Anmälningspliktiga",
                        "Anmälda",
                        "I tid",
                        "Sent",
                        "Andel anmälda (%)"),
                rows);
    }

    /** Periods (tertials) × the reported categories, with totals. */
    static Table periods(
            DeviationStatistics s, String key, String title, List<DeviationStatistics.Period> periods, String first) {
        List<String> cats = reportedCategories(s);
        List<TableRow> rows = new ArrayList<>();
        for (DeviationStatistics.Period p : periods) {
            rows.add(new TableRow(0, false, pivotCells(p.period(), p.counts(), p.total(), cats)));
        }
        return withOmittedCategories(new Table(key, title, Sources.DEVIATIONS, header(first, cats), rows), cats);
    }

    /** Every month of the year (those without reports as 0) × the reported categories: the month chart's values. */
    static Table months(DeviationStatistics s, int year) {
        List<String> cats = reportedCategories(s);
        Map<String, DeviationStatistics.Period> byMonth = new LinkedHashMap<>();
        s.byMonth().forEach(p -> byMonth.put(p.period(), p));
        List<TableRow> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            DeviationStatistics.Period p = byMonth.get(monthKey(year, m));
            rows.add(new TableRow(
                    0,
                    false,
                    pivotCells(MONTHS.get(m - 1), p == null ? Map.of() : p.counts(), p == null ? 0 : p.total(), cats)));
        }
        return withOmittedCategories(
                new Table(
                        "avvikelser-per-manad",
                        "Rapporterade avvikelser per månad " + year,
                        Sources.DEVIATIONS,
                        header("Månad", cats),
                        rows),
                cats);
    }

    private static List<String> header(String first, List<String> cats) {
        List<String> columns = new ArrayList<>(List.of(first));
        cats.forEach(c -> columns.add(StatisticsBits.label(c)));
        columns.add("Totalt");
        return columns;
    }

    static String monthKey(int year, int month) {
        return year + "-" + (month < 10 ? "0" : "") + month;
    }

    /** Reports and each category this year against last year. */
    static Table comparison(ReportData d) {
        DeviationStatistics now = d.statistics();
        DeviationStatistics before = d.previousYear();
        List<TableRow> rows = new ArrayList<>();
        rows.add(new TableRow(
                0,
                true,
                List.of("Rapporter totalt", before.reports(), now.reports(), now.reports() - before.reports())));
        Map<String, Long> a = rootCounts(before);
        Map<String, Long> b = rootCounts(now);
        List<String> cats = StatisticsBits.CATEGORIES.stream()
                .filter(c -> a.getOrDefault(c, 0L) > 0 || b.getOrDefault(c, 0L) > 0)
                .toList();
        for (String c : cats) {
            long x = a.getOrDefault(c, 0L);
            long y = b.getOrDefault(c, 0L);
            rows.add(new TableRow(1, false, List.of(StatisticsBits.label(c), x, y, y - x)));
        }
        Table t = new Table(
                "jamforelse",
                "Jämförelse med föregående år",
                Sources.DEVIATIONS,
                List.of("Typ", Integer.toString(d.year() - 1), Integer.toString(d.year()), "Förändring"),
                rows);
        List<String> left = StatisticsBits.CATEGORIES.stream()
                .filter(c -> !cats.contains(c))
                .map(StatisticsBits::label)
                .toList();
        return left.isEmpty()
                ? t
                : t.withNote(
                        "Typer utan rapporter något av åren visas inte i tabellen: " + String.join(", ", left) + ".");
    }

    /** Counts per code, largest first. */
    static Table counted(
            String key, String title, String first, String second, Map<String, Long> counts, String source) {
        List<TableRow> rows = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> rows.add(new TableRow(0, false, List.of(Labels.of(en.getKey()), en.getValue()))));
        return new Table(key, title, source, List.of(first, second), rows);
    }

    /** The reports per month (its values: the month table's Totalt column). */
    static Chart monthChart(DeviationStatistics s, int year) {
        Map<String, Long> byMonth = new LinkedHashMap<>();
        for (int m = 1; m <= 12; m++) {
            byMonth.put(monthKey(year, m), 0L);
        }
        s.byMonth().forEach(p -> byMonth.computeIfPresent(p.period(), (k, v) -> p.total()));
        return new Chart(
                "avvikelser-per-manad",
                "Rapporterade avvikelser per månad " + year,
                "BAR",
                MONTHS,
                List.of(new Series("Rapporter", new ArrayList<>(byMonth.values()))),
                "COUNT",
                "Månad",
                "Antal rapporter");
    }

    /** Units per unit chart, so every name stays legible on one page. */
    static final int UNITS_PER_CHART = 20;

    /** The reports per unit (its values: the units' Totalt in the pivot), in charts of at most {@link #UNITS_PER_CHART} units. */
    static List<Chart> unitCharts(ReportData d) {
        List<ReportData.Unit> units = d.leafUnits();
        int parts = Math.max(1, (units.size() + UNITS_PER_CHART - 1) / UNITS_PER_CHART);
        List<Chart> charts = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            List<ReportData.Unit> mine =
                    units.subList(p * UNITS_PER_CHART, Math.min(units.size(), (p + 1) * UNITS_PER_CHART));
            charts.add(new Chart(
                    "avvikelser-per-enhet" + (parts > 1 ? "-" + (p + 1) : ""),
                    "Rapporterade avvikelser per enhet " + d.year()
                            + (parts > 1 ? " (" + (p + 1) + " av " + parts + ")" : ""),
                    "BAR",
                    mine.stream()
                            .map(u -> u.name() == null ? Labels.MISSING : u.name())
                            .toList(),
                    List.of(new Series(
                            "Rapporter",
                            mine.stream().map(u -> (Number) u.reports()).toList())),
                    "COUNT",
                    "Enhet",
                    "Antal rapporter"));
        }
        return charts;
    }

    /** Seed 003's sentence under Figur 5.1, with every share as the tables print it. */
    static String summarySentence(DeviationStatistics s) {
        StringBuilder b = new StringBuilder();
        b.append("Totalt har ").append(s.reports()).append(" avvikelser rapporterats. ");
        long not = s.shares().get("NOT_A_DEVIATION").numerator();
        b.append("Av dessa har ").append(not).append(" bedömts inte utgöra avvikelser i verksamheten. ");
        b.append("Av de ")
                .append(s.deviations())
                .append(" rapporter som har bedömts som avvikelser i verksamheten har ")
                .append(s.shares().get("LEX_SARAH").text())
                .append(" bedömts utgöra missförhållanden enligt lex Sarah, ")
                .append(s.shares().get("PERSONAL_DATA_BREACH").text())
                .append(" personuppgiftsincidenter och ")
                .append(s.shares().get("OTHER_DEVIATION").text())
                .append(" övriga avvikelser. ");
        DeviationStatistics.Authority sarah = authority(s, "LEX_SARAH");
        DeviationStatistics.Authority breach = authority(s, "PERSONAL_DATA_BREACH");
        b.append(sarah.notifiedShare().text())
                .append(" av de rapporterade missförhållandena har anmälts till IVO och ")
                .append(breach.notifiedShare().text())
                .append(" av personuppgiftsincidenterna till IMY.");
        return b.toString();
    }

    static DeviationStatistics.Authority authority(DeviationStatistics s, String track) {
        return s.authority().stream()
                .filter(a -> a.trackType().equals(track))
                .findFirst()
                .orElseThrow();
    }

    /** A missing figure as Kolada and Statistics Sweden print it: "..". */
    static Object orMissing(Object value) {
        return value == null ? Labels.MISSING : value;
    }
}
