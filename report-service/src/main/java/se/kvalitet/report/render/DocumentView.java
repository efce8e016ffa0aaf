package se.kvalitet.report.render;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.content.Verdict;

/** A report's content formatted for the HTML/PDF template: every value a Swedish string. */
@TemplateData
public record DocumentView(String title, String orgUnitName, String period, String regulation, String dueDate,
        String stamp, String footer, boolean approved, boolean pdf, List<String> summary, List<ChapterView> chapters,
        List<String> focusAreas, String focusTitle, String focusNumber) {

    @TemplateData
    public record ChapterView(String id, String number, String title, String regulation, List<String> requirement,
            List<FactView> facts, List<TableView> tables, List<ChartView> charts, VerdictView verdict,
            List<String> narrative, List<String> notes) {
    }

    @TemplateData
    public record FactView(String label, String value) {
    }

    @TemplateData
    public record TableView(String title, String source, List<String> columns, List<RowView> rows) {
    }

    @TemplateData
    public record RowView(boolean total, String indent, List<CellView> cells) {
    }

    @TemplateData
    public record CellView(String text, boolean numeric) {
    }

    @TemplateData
    public record ChartView(String title, String src) {
    }

    @TemplateData
    public record VerdictView(String effective, String css, String computed, String rule, String basis, boolean overridden,
            String justification) {
    }

    public static DocumentView of(ReportContent c, Stamp stamp, boolean pdf) {
        List<ChapterView> chapters = new ArrayList<>();
        for (ReportContent.Chapter ch : c.chapters()) {
            List<TableView> tables = ch.tables().stream().map(DocumentView::table).toList();
            List<ChartView> charts = ch.charts().stream().map(x -> new ChartView(x.title(), Charts.dataUri(x))).toList();
            chapters.add(new ChapterView("kap-" + ch.key(), ch.number(), ch.title(), ch.regulation(), ch.requirement(),
                    ch.facts().stream().map(f -> new FactView(f.label(), f.value())).toList(), tables, charts,
                    verdict(ch.verdict()), paragraphs(ch.narrative()), ch.notes()));
        }
        int next = c.year() + 1;
        String focusNumber = Integer.toString(c.chapters().size() + 1);
        String due = c.dueDate() == null ? null : c.dueDate().toString();
        return new DocumentView(c.title(), c.orgUnitName(), c.periodFrom() + " – " + c.periodTo(), c.regulation(), due,
                stamp.label(), stamp.footer(), stamp.approved(), pdf, paragraphs(c.summary()), chapters, c.focusAreas(),
                (c.kind().name().startsWith("PATIENT") ? "Mål och strategier för " : "Fokusområden ") + next, focusNumber);
    }

    static TableView table(ReportContent.Table t) {
        List<RowView> rows = new ArrayList<>();
        for (ReportContent.TableRow r : t.rows()) {
            List<CellView> cells = new ArrayList<>();
            for (Object o : r.cells()) {
                cells.add(new CellView(Formats.cell(o), Formats.numeric(o)));
            }
            rows.add(new RowView(r.total(), "padding-left: " + (4 + 10 * r.level()) + "pt", cells));
        }
        return new TableView(t.title(), t.source(), t.columns(), rows);
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
        return new VerdictView(v.effective().label(), css, v.computed().label(), v.rule(), v.basis(), v.override() != null,
                v.justification());
    }

    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\R\\s*\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
