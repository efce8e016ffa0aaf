package se.kvalitet.report.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import se.kvalitet.report.content.ReportContent;

/**
 * Every table of a report as an XLSX workbook: an overview sheet (the report, its version and each
 * chapter's verdict with its rule and basis), the chapters' key figures, then one sheet per table
 * with numbers as numbers. Swedish labels; column widths set without font metrics (no AWT fonts
 * needed on the server).
 */
public final class XlsxRenderer {

    private XlsxRenderer() {
    }

    public static byte[] render(ReportContent content, Stamp stamp) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.getProperties().getCoreProperties().setTitle(content.title() + " – " + content.orgUnitName());
            wb.getProperties().getCoreProperties().setCreator("Kvalitet report-service");
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("0.0"));
            Set<String> names = new HashSet<>();

            Sheet overview = wb.createSheet(name("Översikt", names));
            int r = 0;
            r = line(overview, r, header, "Rapport", content.title());
            r = line(overview, r, null, "Organisation", content.orgUnitName());
            r = line(overview, r, null, "Period", content.periodFrom() + " – " + content.periodTo());
            r = line(overview, r, null, "Uppbyggd enligt", content.regulation());
            r = line(overview, r, null, "Status", stamp.label());
            r = line(overview, r, null, "Kontrollsumma (SHA-256)", stamp.contentHash());
            r++;
            Row head = overview.createRow(r++);
            cells(head, header, "Kapitel", "Bedömning", "Beräknad bedömning", "Regel", "Underlag", "Motivering till ändrad bedömning");
            for (ReportContent.Chapter ch : content.chapters()) {
                if (ch.verdict() == null) {
                    continue;
                }
                Row row = overview.createRow(r++);
                cells(row, null, ch.number() + " " + ch.title(), ch.verdict().effective().label(),
                        ch.verdict().computed().label(), ch.verdict().rule(), ch.verdict().basis(),
                        ch.verdict().justification() == null ? "" : ch.verdict().justification());
            }
            r++;
            overview.createRow(r++).createCell(0).setCellValue("Fokusområden " + (content.year() + 1));
            overview.getRow(r - 1).getCell(0).setCellStyle(header);
            int n = 1;
            for (String f : content.focusAreas()) {
                Row row = overview.createRow(r++);
                row.createCell(0).setCellValue(n++);
                row.createCell(1).setCellValue(f);
            }
            widths(overview, 40, 30, 22, 80, 60, 60);

            Sheet facts = wb.createSheet(name("Nyckeltal per kapitel", names));
            r = 0;
            cells(facts.createRow(r++), header, "Kapitel", "Uppgift", "Värde");
            for (ReportContent.Chapter ch : content.chapters()) {
                for (ReportContent.Fact f : ch.facts()) {
                    cells(facts.createRow(r++), null, ch.number() + " " + ch.title(), f.label(), f.value());
                }
            }
            widths(facts, 50, 50, 30);

            for (ReportContent.Chapter ch : content.chapters()) {
                for (ReportContent.Table t : ch.tables()) {
                    Sheet s = wb.createSheet(name(ch.number() + " " + t.title(), names));
                    r = 0;
                    Row title = s.createRow(r++);
                    title.createCell(0).setCellValue(t.title());
                    title.getCell(0).setCellStyle(header);
                    s.createRow(r++).createCell(0).setCellValue(t.source());
                    r++;
                    cells(s.createRow(r++), header, t.columns().toArray(String[]::new));
                    for (ReportContent.TableRow tr : t.rows()) {
                        Row row = s.createRow(r++);
                        for (int c = 0; c < tr.cells().size(); c++) {
                            Object v = tr.cells().get(c);
                            Cell cell = row.createCell(c);
                            if (v instanceof BigDecimal b) {
                                cell.setCellValue(b.doubleValue());
                                cell.setCellStyle(decimal);
                            } else if (v instanceof Number num) {
                                cell.setCellValue(num.doubleValue());
                            } else {
                                String text = v == null ? "" : v.toString();
                                cell.setCellValue(c == 0 && tr.level() > 0 ? "  ".repeat(tr.level()) + text : text);
                            }
                            if (tr.total()) {
                                cell.setCellStyle(header);
                            }
                        }
                    }
                    int[] w = new int[t.columns().size()];
                    w[0] = 45;
                    for (int c = 1; c < w.length; c++) {
                        w[c] = Math.max(12, Math.min(40, t.columns().get(c).length() + 4));
                    }
                    widths(s, w);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", " ").replaceAll("\\s+", " ").strip();
        if (base.length() > 31) {
            base = base.substring(0, 31).strip();
        }
        String candidate = base;
        int n = 2;
        while (!taken.add(candidate.toLowerCase(java.util.Locale.ROOT))) {
            String suffix = " (" + n++ + ")";
            candidate = (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
        }
        return candidate;
    }

    static List<String> sheetNames(XSSFWorkbook wb) {
        return java.util.stream.IntStream.range(0, wb.getNumberOfSheets()).mapToObj(wb::getSheetName).toList();
    }
}
