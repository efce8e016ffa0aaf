package se.kvalitet.report.content.chapters;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Series;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;

/**
 * The indicator (nyckeltal) tables and charts: four years at the organisation with the change
 * against last year, the målvärde and the outcome (with rows for women and men where the data has
 * them), the outcome per unit, and one chart per scale (percentages, 1–5 scales, days, counts,
 * indexes each get their own).
 */
final class IndicatorTables {

    /** Series per chart, so that every line stays legible. */
    static final int SERIES_PER_CHART = 6;

    private IndicatorTables() {}

    static List<Integer> years(int year) {
        return List.of(year - 3, year - 2, year - 1, year);
    }

    static String name(ReadModels.Indicator i) {
        return i.name() != null
                ? i.name()
                : "Nyckeltal " + i.indicatorId().toString().substring(0, 8);
    }

    static Table overview(List<ReadModels.Indicator> indicators, int year) {
        List<String> columns = new ArrayList<>(List.of("Nyckeltal", "Kod"));
        years(year).forEach(y -> columns.add(Integer.toString(y)));
        columns.add("Förändring mot " + (year - 1));
        columns.add("Målvärde " + year);
        columns.add("Utfall " + year);
        List<TableRow> rows = new ArrayList<>();
        for (ReadModels.Indicator i : indicators) {
            String outcome = i.outcome() != null
                    ? outcomeLabel(i.outcome())
                    : i.targetMissed() ? "Ej uppnått" : i.values().containsKey(year) ? "Uppnått" : Labels.MISSING;
            rows.add(new TableRow(
                    0,
                    false,
                    cells(
                            name(i),
                            i.code() != null ? i.code() : Labels.MISSING,
                            i.values(),
                            year,
                            targetText(i.target(), i.unitOfMeasure()),
                            outcome)));
            for (ReadModels.GenderValues g : i.genders()) {
                rows.add(new TableRow(
                        1,
                        false,
                        cells(
                                genderLabel(g.gender()),
                                "",
                                g.values(),
                                year,
                                "",
                                g.outcome() == null ? Labels.MISSING : outcomeLabel(g.outcome()))));
            }
        }
        return new Table(
                "nyckeltal",
                "Nyckeltal " + (year - 3) + "–" + year + " mot målvärden",
                Sources.FOLLOWUP,
                columns,
                rows);
    }

    private static List<Object> cells(
            String name, String code, Map<Integer, BigDecimal> values, int year, String target, String outcome) {
        List<Object> cells = new ArrayList<>(List.of(name, code));
        for (Integer y : years(year)) {
            BigDecimal v = values.get(y);
            cells.add(v != null ? v : Labels.MISSING);
        }
        BigDecimal now = values.get(year);
        BigDecimal before = values.get(year - 1);
        cells.add(now != null && before != null ? now.subtract(before) : Labels.MISSING);
        cells.add(target);
        cells.add(outcome);
        return cells;
    }

    static String genderLabel(String gender) {
        return switch (gender) {
            case "K" -> "Kvinnor";
            case "M" -> "Män";
            default -> "Totalt";
        };
    }

    static Table perUnit(List<ReadModels.Indicator> indicators, int year) {
        List<TableRow> rows = new ArrayList<>();
        for (ReadModels.Indicator i : indicators) {
            for (ReadModels.UnitOutcome u : i.units()) {
                rows.add(new TableRow(
                        0,
                        false,
                        List.of(
                                name(i),
                                u.unit() != null ? u.unit() : Labels.MISSING,
                                u.period(),
                                u.value() != null ? u.value() : Labels.MISSING,
                                targetText(u.target(), i.unitOfMeasure()),
                                outcomeLabel(u.outcome()))));
            }
        }
        return new Table(
                "nyckeltal-enheter",
                "Nyckeltal " + year + " per enhet och period mot målvärden",
                Sources.FOLLOWUP,
                List.of("Nyckeltal", "Enhet", "Period", "Värde", "Målvärde", "Utfall"),
                rows);
    }

    /**
     * One chart per scale (the indicators' unit of measure), of the indicators with values in at least
     * two of the four years, at most {@link #SERIES_PER_CHART} lines each. An indicator whose data is
     * split by gender is drawn as three lines, its total, women and men ({@link #seriesName}: "KOD T
     * (totalt)", "KOD K (kvinnor)", "KOD M (män)") in a chart of its own.
     */
    static List<Chart> charts(List<ReadModels.Indicator> indicators, int year) {
        Map<String, List<ReadModels.Indicator>> byScale = new LinkedHashMap<>();
        for (String scale : List.of("PERCENT", "SCALE_1_5", "INDEX", "DAYS", "COUNT", "RATIO", "VALUE")) {
            byScale.put(scale, new ArrayList<>());
        }
        for (ReadModels.Indicator i : indicators) {
            String scale =
                    i.unitOfMeasure() != null && byScale.containsKey(i.unitOfMeasure()) ? i.unitOfMeasure() : "VALUE";
            // a trend needs two years to draw: an indicator with one value is in the table only
            if (years(year).stream().filter(i.values()::containsKey).count() >= 2) {
                byScale.get(scale).add(i);
            }
        }
        List<String> labels = years(year).stream().map(String::valueOf).toList();
        List<Chart> charts = new ArrayList<>();
        byScale.forEach((scale, list) -> {
            // indicators in order, at most SERIES_PER_CHART lines a chart; one split by gender gets a chart of its
            // own (its three lines lie close together, their value labels would collide with other indicators')
            List<List<Series>> parts = new ArrayList<>();
            boolean lastSplit = false;
            for (ReadModels.Indicator i : list) {
                List<Series> lines = series(i, year);
                boolean split = lines.size() > 1;
                if (parts.isEmpty()
                        || split
                        || lastSplit
                        || parts.get(parts.size() - 1).size() + lines.size() > SERIES_PER_CHART) {
                    parts.add(new ArrayList<>());
                }
                parts.get(parts.size() - 1).addAll(lines);
                lastSplit = split;
            }
            for (int p = 0; p < parts.size(); p++) {
                String suffix = parts.size() > 1 ? " (" + (p + 1) + " av " + parts.size() + ")" : "";
                charts.add(new Chart(
                        "nyckeltal-" + scale.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                                + (parts.size() > 1 ? "-" + (p + 1) : ""),
                        "Nyckeltal över tid: " + scaleTitle(scale) + suffix,
                        "LINE",
                        labels,
                        List.copyOf(parts.get(p)),
                        scale,
                        "År",
                        axisTitle(scale)));
            }
        });
        return charts;
    }

    /** The indicator's lines: the total alone, or total, women and men where the data has values for them. */
    private static List<Series> series(ReadModels.Indicator i, int year) {
        String code = i.code() != null ? i.code() : name(i);
        List<ReadModels.GenderValues> genders = i.genders().stream()
                .filter(g -> years(year).stream().anyMatch(g.values()::containsKey))
                .toList();
        List<Series> lines = new ArrayList<>();
        lines.add(new Series(genders.isEmpty() ? code : seriesName(code, "T"), trend(i.values(), year)));
        for (ReadModels.GenderValues g : genders) {
            lines.add(new Series(seriesName(code, g.gender()), trend(g.values(), year)));
        }
        return lines;
    }

    /** "KOD K (kvinnor)": the letter the tables' readers know, and the word for a reader of the legend. */
    static String seriesName(String code, String gender) {
        return code + " " + gender + " (" + genderLabel(gender).toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static List<Number> trend(Map<Integer, BigDecimal> values, int year) {
        List<Number> trend = new ArrayList<>();
        years(year).forEach(y -> trend.add(values.get(y)));
        return trend;
    }

    static String axisTitle(String scale) {
        String t = scaleTitle(scale);
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    static String scaleTitle(String scale) {
        return switch (scale) {
            case "PERCENT" -> "andel (%)";
            case "SCALE_1_5" -> "skala 1–5";
            case "INDEX" -> "index";
            case "DAYS" -> "dagar";
            case "COUNT" -> "antal";
            case "RATIO" -> "kvot";
            default -> "värde";
        };
    }

    /** A målvärde as the kvalitetsberättelse prints it, e.g. "≥ 90 %", "4–5", "≥ 1 per grupp". */
    static String targetText(ReadModels.Target t, String unitOfMeasure) {
        if (t == null || t.comparator() == null || t.value() == null) {
            return Labels.MISSING;
        }
        String unit = "PERCENT".equals(unitOfMeasure) ? " %" : "DAYS".equals(unitOfMeasure) ? " dagar" : "";
        String v = t.value().toPlainString().replace('.', ',');
        return switch (t.comparator()) {
            case AT_LEAST -> "≥ " + v + unit;
            case AT_MOST -> "≤ " + v + unit;
            case EXACTLY -> "= " + v + unit;
            case BETWEEN ->
                v + "–"
                        + (t.upper() == null
                                ? Labels.MISSING
                                : t.upper().toPlainString().replace('.', ',')) + unit;
            case AT_LEAST_PER_GROUP -> "≥ " + v + " per grupp";
        };
    }

    static String outcomeLabel(String status) {
        if (status == null) {
            return Labels.MISSING;
        }
        return switch (status) {
            case "MET" -> "Uppnått";
            case "NOT_MET" -> "Ej uppnått";
            case "NO_DATA" -> "Uppgift saknas";
            case "NO_TARGET" -> "Inget målvärde";
            default -> status;
        };
    }
}
