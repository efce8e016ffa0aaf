package se.kvalitet.report.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.ReportContent;

/**
 * Fits a table to the page width, measured with the fonts the PDF sets it in: every column gets at
 * least its longest unbreakable word (a number never breaks); when the columns do not fit, the
 * longest headers are abbreviated (with a legend printed with the table, and the full text kept
 * for assistive technology); when even that is too wide, the columns are split into several tables
 * that each repeat the row headers. The space left over goes to the columns whose text wraps.
 */
final class TableLayout {

    /** A4 portrait less 2 × 18 mm margins, in points. */
    static final double PAGE_WIDTH = (210 - 36) / 25.4 * 72;

    static final float CELL_SIZE = 7.5f;
    static final double PADDING = 3 * 72 / 25.4 + 1;
    static final double INDENT = 8;
    /** The share of the width the row headers keep before the other columns' headers are abbreviated. */
    static final double ROW_HEADER_SHARE = 0.32;
    /** A column's preferred width never counts beyond this (it wraps instead). */
    static final double MAX_PREFERRED = 200;

    /** Abbreviations of the long headers the reports use, in Swedish practice. */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("Ej avvikelse i verksamheten", "Ej avv."),
            Map.entry("Personuppgiftsincident", "PUI"),
            Map.entry("Synpunkt/klagomål", "Synp./klag."),
            Map.entry("Övrig avvikelse", "Övr. avv."),
            Map.entry("Anmälningspliktiga", "Anm.-pliktiga"),
            Map.entry("Förändring (procentenheter)", "Förändr. (p.e.)"));

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private TableLayout() {}

    /** One printed table: its columns (text, full text when abbreviated, width), the cells by original column. */
    record Part(List<Integer> columns, Map<Integer, String> abbreviated, double[] widths) {}

    static List<Part> layout(ReportContent.Table t, double available) {
        int n = t.columns().size();
        double[] min = new double[n];
        double[] pref = new double[n];
        double[] cellMin = new double[n];
        Font bold = Fonts.awtCondensed(true, CELL_SIZE);
        measureCells(t, cellMin, pref);
        Map<Integer, String> abbreviated = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            min[c] = Math.max(cellMin[c], longestWord(bold, t.columns().get(c))) + PADDING;
            // a column of numbers stays as narrow as its longest number or header word (its header wraps);
            // the space goes to the columns of text, the row headers first
            pref[c] = numeric(t, c)
                    ? min[c]
                    : Math.max(pref[c], Math.min(width(bold, t.columns().get(c)), MAX_PREFERRED)) + PADDING;
        }
        // the row headers (unit names, indicator names) keep up to a third of the width before anything else wraps them
        min[0] = Math.max(min[0], Math.min(pref[0], ROW_HEADER_SHARE * available));
        // abbreviate the headers that make their columns wider than their cells, widest first, until it fits
        while (sum(min) > available) {
            int widest = -1;
            for (int c = 1; c < n; c++) {
                if (!abbreviated.containsKey(c)
                        && longestWord(bold, t.columns().get(c)) > cellMin[c]
                        && (widest < 0 || min[c] > min[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                break;
            }
            String shortText = abbreviation(t.columns().get(widest));
            abbreviated.put(widest, shortText);
            min[widest] = Math.max(cellMin[widest], longestWord(bold, shortText)) + PADDING;
            pref[widest] = numeric(t, widest)
                    ? min[widest]
                    : Math.max(
                            min[widest], pref[widest] - width(bold, t.columns().get(widest)) + width(bold, shortText));
        }
        return split(abbreviated, min, pref, available);
    }

    /** Per column: the narrowest a cell allows (its longest word, a number whole) and the preferred width (capped). */
    private static void measureCells(ReportContent.Table t, double[] cellMin, double[] pref) {
        Font body = Fonts.awtCondensed(false, CELL_SIZE);
        Font bold = Fonts.awtCondensed(true, CELL_SIZE);
        for (int c = 0; c < cellMin.length; c++) {
            for (ReportContent.TableRow r : t.rows()) {
                if (c >= r.cells().size()) {
                    continue;
                }
                Object v = r.cells().get(c);
                String text = Formats.cell(v);
                Font f = r.total() ? bold : body;
                double indent = c == 0 ? INDENT * r.level() : 0;
                double whole = width(f, text) + indent;
                double word = v instanceof Number ? whole : longestWord(f, text) + indent;
                cellMin[c] = Math.max(cellMin[c], word);
                pref[c] = Math.max(pref[c], Math.min(whole, MAX_PREFERRED));
            }
        }
    }

    /** The columns in parts that each fit the width, every part starting with the row headers (one part when all fit). */
    private static List<Part> split(Map<Integer, String> abbreviated, double[] min, double[] pref, double available) {
        List<Part> parts = new ArrayList<>();
        List<Integer> current = new ArrayList<>(List.of(0));
        double used = min[0];
        for (int c = 1; c < min.length; c++) {
            if (used + min[c] > available && current.size() > 1) {
                parts.add(part(current, abbreviated, min, pref, available));
                current = new ArrayList<>(List.of(0));
                used = min[0];
            }
            current.add(c);
            used += min[c];
        }
        parts.add(part(current, abbreviated, min, pref, available));
        return parts;
    }

    private static Part part(
            List<Integer> columns, Map<Integer, String> abbreviated, double[] min, double[] pref, double available) {
        double[] w = new double[columns.size()];
        double total = 0;
        double growth = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = min[columns.get(i)];
            total += w[i];
            growth += pref[columns.get(i)] - min[columns.get(i)];
        }
        double extra = Math.max(0, available - total);
        for (int i = 0; i < w.length; i++) {
            int c = columns.get(i);
            if (growth > 0) {
                w[i] += Math.min(extra * (pref[c] - min[c]) / growth, Math.max(0, pref[c] - min[c]) + extra);
            }
        }
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        // what is left after every column reached its preferred width goes to the row headers
        w[0] += Math.max(0, available - sum);
        Map<Integer, String> mine = new LinkedHashMap<>();
        columns.forEach(c -> {
            if (abbreviated.containsKey(c)) {
                mine.put(c, abbreviated.get(c));
            }
        });
        return new Part(List.copyOf(columns), mine, w);
    }

    /** A column (not the row headers) whose cells are numbers or "..". */
    static boolean numeric(ReportContent.Table t, int c) {
        if (c == 0) {
            return false;
        }
        boolean any = false;
        for (ReportContent.TableRow r : t.rows()) {
            Object o = c < r.cells().size() ? r.cells().get(c) : null;
            if (o instanceof Number) {
                any = true;
            } else if (o != null && !"..".equals(o) && !"".equals(o)) {
                return false;
            }
        }
        return any;
    }

    static String abbreviation(String header) {
        String known = ABBREVIATIONS.get(header);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder();
        for (String word : header.split(" ")) {
            b.append(b.isEmpty() ? "" : " ").append(word.length() > 8 ? word.substring(0, 5) + "." : word);
        }
        return b.toString();
    }

    static double width(Font f, String text) {
        return text.isEmpty() ? 0 : f.getStringBounds(text, FRC).getWidth();
    }

    static double longestWord(Font f, String text) {
        double max = 0;
        for (String w : text.split("[ \\-]")) {
            max = Math.max(max, width(f, w));
        }
        return max;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
