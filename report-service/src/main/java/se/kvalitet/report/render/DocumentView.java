package se.kvalitet.report.render;

import io.quarkus.qute.TemplateData;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.content.Verdict;

/** A report's content formatted for the HTML/PDF template: every value a Swedish string, every table fitted to the page. */
@TemplateData
public record DocumentView(
        String title,
        String orgUnitName,
        String period,
        String regulation,
        String dueDate,
        String stamp,
        String footer,
        String checksum,
        boolean approved,
        boolean pdf,
        List<String> summary,
        List<ChapterView> chapters,
        List<String> focusAreas,
        String focusTitle,
        String focusNumber,
        ApprovalView approval) {

    @TemplateData
    public record ChapterView(
            String id,
            String number,
            String title,
            String regulation,
            List<String> requirement,
            List<FactView> facts,
            List<TableView> tables,
            List<ChartView> charts,
            VerdictView verdict,
            List<String> narrative,
            List<String> notes) {}

    @TemplateData
    public record FactView(String label, String value) {}

    /** One printed table (a wide table is printed as several, each repeating the row headers). */
    @TemplateData
    public record TableView(
            String key,
            String title,
            String source,
            List<ColumnView> columns,
            List<RowView> rows,
            List<String> footer) {

        public int span() {
            return columns.size();
        }
    }

    /** A column header: the printed text (maybe abbreviated), the full text, and the column's width. */
    @TemplateData
    public record ColumnView(String text, String full, boolean numeric, boolean abbreviated, String width) {}

    /** A row: its header cell (the first column) and the other cells. */
    @TemplateData
    public record RowView(boolean total, String indent, CellView header, List<CellView> cells) {}

    @TemplateData
    public record CellView(String text, boolean numeric) {}

    @TemplateData
    public record ChartView(String title, String src, String alt) {}

    @TemplateData
    public record VerdictView(
            String effective,
            String css,
            String computed,
            String rule,
            String basis,
            boolean overridden,
            String justification) {}

    /** The approval block of an approved version: decision, signature and checksum. */
    @TemplateData
    public record ApprovalView(
            String approvedOn,
            String note,
            String signer,
            String certificate,
            String signedAt,
            String contentHash,
            String verificationPath) {}

    /** The same document for the other output (the PDF's running header, footer and bookmarks, or none). */
    public DocumentView forPdf(boolean forPdf) {
        return new DocumentView(
                title,
                orgUnitName,
                period,
                regulation,
                dueDate,
                stamp,
                footer,
                checksum,
                approved,
                forPdf,
                summary,
                chapters,
                focusAreas,
                focusTitle,
                focusNumber,
                approval);
    }

    /** Swedish time with its offset, so the signing time reads as the approval date beside it does. */
    static final DateTimeFormatter SIGNED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneId.of("Europe/Stockholm"));

    public static DocumentView of(ReportContent c, Stamp stamp, boolean pdf) {
        List<ChapterView> chapters = new ArrayList<>();
        for (ReportContent.Chapter ch : c.chapters()) {
            List<TableView> tables = ch.tables().stream()
                    .flatMap(t -> tables(t, TableLayout.PAGE_WIDTH).stream())
                    .toList();
            List<ChartView> charts = ch.charts().stream()
                    .map(x -> new ChartView(x.title(), Charts.dataUri(x), Charts.alt(x)))
                    .toList();
            chapters.add(new ChapterView(
                    "kap-" + ch.key(),
                    ch.number(),
                    ch.title(),
                    ch.regulation(),
                    ch.requirement(),
                    ch.facts().stream()
                            .map(f -> new FactView(f.label(), f.value()))
                            .toList(),
                    tables,
                    charts,
                    verdict(ch.verdict()),
                    paragraphs(ch.narrative()),
                    ch.notes()));
        }
        int next = c.year() + 1;
        String focusNumber = Integer.toString(c.chapters().size() + 1);
        String due = c.dueDate() == null ? null : c.dueDate().toString();
        return new DocumentView(
                c.title(),
                c.orgUnitName(),
                c.periodFrom() + " – " + c.periodTo(),
                c.regulation(),
                due,
                stamp.label(),
                stamp.footer(),
                stamp.checksum(),
                stamp.approved(),
                pdf,
                paragraphs(c.summary()),
                chapters,
                c.focusAreas(),
                (c.kind().name().startsWith("PATIENT") ? "Mål och strategier för " : "Fokusområden ") + next,
                focusNumber,
                approval(stamp));
    }

    static ApprovalView approval(Stamp s) {
        if (!s.approved()) {
            return null;
        }
        Stamp.Signature sig = s.signature();
        return new ApprovalView(
                s.approvedOn().toString(),
                s.approvalNote(),
                sig == null ? null : sig.signer(),
                sig == null ? null : grouped(sig.certificateSha256()),
                sig == null ? null : SIGNED_AT.format(sig.signedAt()),
                s.contentHash(),
                s.verificationPath());
    }

    /** A fingerprint in groups of four hex digits, as certificate viewers print it. */
    static String grouped(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            b.append(i == 0 ? "" : " ").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return b.toString();
    }

    /** The table as printed: fitted to {@code width} points (abbreviated headers with a legend, or split). */
    static List<TableView> tables(ReportContent.Table t, double width) {
        List<TableLayout.Part> parts = TableLayout.layout(t, width);
        List<TableView> out = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            TableLayout.Part part = parts.get(p);
            double total = Arrays.stream(part.widths()).sum();
            List<ColumnView> columns = new ArrayList<>();
            for (int i = 0; i < part.columns().size(); i++) {
                int c = part.columns().get(i);
                String full = t.columns().get(c);
                String shown = part.abbreviated().getOrDefault(c, full);
                columns.add(new ColumnView(
                        shown,
                        full,
                        TableLayout.numeric(t, c),
                        !shown.equals(full),
                        String.format(java.util.Locale.ROOT, "%.2f%%", 100 * part.widths()[i] / total)));
            }
            List<RowView> rows = new ArrayList<>();
            for (ReportContent.TableRow r : t.rows()) {
                List<CellView> cells = new ArrayList<>();
                for (int i = 1; i < part.columns().size(); i++) {
                    int c = part.columns().get(i);
                    Object o = c < r.cells().size() ? r.cells().get(c) : null;
                    cells.add(new CellView(Formats.cell(o), columns.get(i).numeric()));
                }
                Object head = r.cells().isEmpty() ? null : r.cells().get(0);
                rows.add(new RowView(
                        r.total(),
                        "padding-left: " + (4 + 8 * r.level()) + "pt",
                        new CellView(Formats.cell(head), false),
                        cells));
            }
            List<String> footer = new ArrayList<>();
            if (!part.abbreviated().isEmpty()) {
                List<String> legend = new ArrayList<>();
                for (Map.Entry<Integer, String> a : part.abbreviated().entrySet()) {
                    legend.add(a.getValue() + " = " + t.columns().get(a.getKey()));
                }
                footer.add("Förkortningar: " + String.join("; ", legend) + ".");
            }
            footer.addAll(t.notes());
            String title = parts.size() == 1 ? t.title() : t.title() + " (del " + (p + 1) + " av " + parts.size() + ")";
            out.add(new TableView(t.key(), title, t.source(), columns, rows, footer));
        }
        return out;
    }

    static VerdictView verdict(Verdict v) {
        if (v == null) {
            return null;
        }
        String css = switch (v.effective()) {
            case MEETS -> "meets";
            case PARTLY -> "partly";
            case DOES_NOT_MEET -> "not";
        };
        return new VerdictView(
                v.effective().label(),
                css,
                v.computed().label(),
                v.rule(),
                v.basis(),
                v.override() != null,
                v.justification());
    }

    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
