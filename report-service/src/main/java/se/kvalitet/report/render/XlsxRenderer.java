package se.kvalitet.report.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import se.kvalitet.report.content.ReportContent;

/**
 * Every table of a report as an XLSX workbook: an overview sheet (the report, its version and each
 * chapter's verdict with its rule and basis), the chapters' key figures, one sheet per table with
 * numbers as numbers (the same rounded values the other formats print) and its notes, and one
 * sheet with every chart's values. Swedish labels; column widths set without font metrics.
 */
public final class XlsxRenderer {

    private XlsxRenderer() {}

    /** The workbook's shared styles. */
    private record Styles(CellStyle header, CellStyle decimal, CellStyle boldDecimal) {}

    public static byte[] render(ReportContent content, Stamp stamp) {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.getProperties().getCoreProperties().setTitle(content.title() + " – " + content.orgUnitName());
            wb.getProperties().getCoreProperties().setCreator("Kvalitet report-service");
            Styles styles = styles(wb);
            Set<String> names = new HashSet<>();
            overview(wb.createSheet(name("Översikt", names)), content, stamp, styles);
            facts(wb.createSheet(name("Nyckeltal per kapitel", names)), content, styles);
            for (ReportContent.Chapter ch : content.chapters()) {
                for (ReportContent.Table t : ch.tables()) {
                    table(wb.createSheet(name(ch.number() + " " + t.title(), names)), t, styles);
                }
            }
            if (content.chapters().stream().anyMatch(ch -> !ch.charts().isEmpty())) {
                charts(wb.createSheet(name("Diagrammens värden", names)), content, styles);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Styles styles(XSSFWorkbook wb) {
        CellStyle header = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        header.setFont(bold);
        short format = wb.createDataFormat().getFormat("#,##0.0#");
        CellStyle decimal = wb.createCellStyle();
        decimal.setDataFormat(format);
        CellStyle boldDecimal = wb.createCellStyle();
        boldDecimal.setDataFormat(format);
        boldDecimal.setFont(bold);
        return new Styles(header, decimal, boldDecimal);
    }

    private static void overview(Sheet overview, ReportContent content, Stamp stamp, Styles styles) {
        int r = 0;
        r = line(overview, r, styles.header(), "Rapport", content.title());
        r = line(overview, r, null, "Organisation", content.orgUnitName());
        r = line(overview, r, null, "Period", content.periodFrom() + " – " + content.periodTo());
        r = line(overview, r, null, "Uppbyggd enligt", content.regulation());
        r = line(overview, r, null, "Status", stamp.label());
        r = line(overview, r, null, "Kontrollsumma (SHA-256)", stamp.contentHash());
        if (stamp.signature() != null) {
            r = line(overview, r, null, "PDF:en signerad av", stamp.signature().signer());
            r = line(
                    overview, r, null, "Certifikat (SHA-256)", stamp.signature().certificateSha256());
        }
        r++;
        cells(
                overview.createRow(r++),
                styles.header(),
                "Kapitel",
                "Bedömning",
                "Beräknad bedömning",
                "Regel",
                "Underlag",
                "Motivering till ändrad bedömning");
        for (ReportContent.Chapter ch : content.chapters()) {
            if (ch.verdict() != null) {
                cells(
                        overview.createRow(r++),
                        null,
                        ch.number() + " " + ch.title(),
                        ch.verdict().effective().label(),
                        ch.verdict().computed().label(),
                        ch.verdict().rule(),
                        ch.verdict().basis(),
                        ch.verdict().justification() == null ? "" : ch.verdict().justification());
            }
        }
        r++;
        Row focus = overview.createRow(r++);
        focus.createCell(0)
                .setCellValue(
                        (content.kind().name().startsWith("PATIENT") ? "Mål och strategier för " : "Fokusområden ")
                                + (content.year() + 1));
        focus.getCell(0).setCellStyle(styles.header());
        int n = 1;
        for (String f : content.focusAreas()) {
            Row row = overview.createRow(r++);
            row.createCell(0).setCellValue(n++);
            row.createCell(1).setCellValue(f);
        }
        widths(overview, 40, 30, 22, 80, 60, 60);
    }

    private static void facts(Sheet facts, ReportContent content, Styles styles) {
        int r = 0;
        cells(facts.createRow(r++), styles.header(), "Kapitel", "Uppgift", "Värde");
        for (ReportContent.Chapter ch : content.chapters()) {
            for (ReportContent.Fact f : ch.facts()) {
                cells(facts.createRow(r++), null, ch.number() + " " + ch.title(), f.label(), f.value());
            }
        }
        widths(facts, 50, 50, 30);
    }

    private static void table(Sheet s, ReportContent.Table t, Styles styles) {
        int r = 0;
        Row title = s.createRow(r++);
        title.createCell(0).setCellValue(t.title());
        title.getCell(0).setCellStyle(styles.header());
        s.createRow(r++).createCell(0).setCellValue(t.source());
        r++;
        cells(s.createRow(r++), styles.header(), t.columns().toArray(String[]::new));
        for (ReportContent.TableRow tr : t.rows()) {
            Row row = s.createRow(r++);
            for (int c = 0; c < tr.cells().size(); c++) {
                value(row.createCell(c), tr.cells().get(c), c == 0 ? tr.level() : 0, tr.total(), styles);
            }
        }
        r++;
        for (String note : t.notes()) {
            s.createRow(r++).createCell(0).setCellValue(note);
        }
        int[] w = new int[t.columns().size()];
        w[0] = 45;
        for (int c = 1; c < w.length; c++) {
            w[c] = Math.max(12, Math.min(40, t.columns().get(c).length() + 4));
        }
        widths(s, w);
    }

    /** A number as a number (decimals as the content rounded them), text as text. */
    private static void value(Cell cell, Object v, int indent, boolean total, Styles styles) {
        if (v instanceof BigDecimal b) {
            cell.setCellValue(b.doubleValue());
            cell.setCellStyle(total ? styles.boldDecimal() : styles.decimal());
            return;
        }
        if (v instanceof Number num) {
            cell.setCellValue(num.doubleValue());
        } else {
            String text = v == null ? "" : v.toString();
            cell.setCellValue(indent > 0 ? "  ".repeat(indent) + text : text);
        }
        if (total) {
            cell.setCellStyle(styles.header());
        }
    }

    /** Each chart's values: title, then a row per series with a column per label. */
    private static void charts(Sheet s, ReportContent content, Styles styles) {
        int r = 0;
        int widest = 2;
        for (ReportContent.Chapter ch : content.chapters()) {
            for (ReportContent.Chart chart : ch.charts()) {
                Row title = s.createRow(r++);
                title.createCell(0).setCellValue(ch.number() + " " + chart.title() + " (" + chart.valueAxis() + ")");
                title.getCell(0).setCellStyle(styles.header());
                List<String> head = new java.util.ArrayList<>(List.of(chart.categoryAxis()));
                head.addAll(chart.labels());
                cells(s.createRow(r++), styles.header(), head.toArray(String[]::new));
                for (ReportContent.Series series : chart.series()) {
                    Row row = s.createRow(r++);
                    row.createCell(0).setCellValue(series.name());
                    for (int i = 0; i < series.values().size(); i++) {
                        Number v = series.values().get(i);
                        value(row.createCell(i + 1), v == null ? ".." : v, 0, false, styles);
                    }
                }
                widest = Math.max(widest, head.size());
                r++;
            }
        }
        int[] w = IntStream.range(0, widest).map(i -> i == 0 ? 40 : 14).toArray();
        widths(s, w);
    }

    private static int line(Sheet s, int r, CellStyle style, String label, String value) {
        Row row = s.createRow(r);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value == null ? "" : value);
        if (style != null) {
            row.getCell(1).setCellStyle(style);
        }
        return r + 1;
    }

    private static void cells(Row row, CellStyle style, String... values) {
        for (int i = 0; i < values.length; i++) {
            Cell c = row.createCell(i);
            c.setCellValue(values[i]);
            if (style != null) {
                c.setCellStyle(style);
            }
        }
    }

    private static void widths(Sheet s, int... chars) {
        for (int i = 0; i < chars.length; i++) {
            s.setColumnWidth(i, Math.min(255, chars[i]) * 256);
        }
    }

    /** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
    static String name(String wanted, Set<String> taken) {
        String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (base.length() > 31) {
            base = base.substring(0, 31).strip();
        }
        String candidate = base;
        int n = 2;
        while (!taken.add(candidate.toLowerCase(Locale.ROOT))) {
            String suffix = " (" + n++ + ")";
            candidate =
                    (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
        }
        return candidate;
    }

    static List<String> sheetNames(XSSFWorkbook wb) {
        return IntStream.range(0, wb.getNumberOfSheets())
                .mapToObj(wb::getSheetName)
                .toList();
    }
}
