package se.kvalitet.report.content;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.statistics.DeviationStatistics;

/**
 * The structured content of a yearly report: what the JSON output is, what HTML, PDF and XLSX are
 * rendered from, and what the content hash is taken over. Built only from the read models and the
 * quality team's editorial text (narratives, verdict overrides, focus areas); it holds no personal
 * data and nothing that changes between two generations from the same data (no timestamps), so
 * regenerating from unchanged inputs gives the same hash.
 */
@Schema(name = "ReportContent")
public record ReportContent(
        ReportKind kind,

        @Schema(description = "Swedish title, e.g. Kvalitetsberättelse 2025")
        String title,

        int year,
        UUID orgUnitId,

        @Schema(description = "The organisation's name at the end of the year")
        String orgUnitName,

        LocalDate periodFrom,
        LocalDate periodTo,

        @Schema(description = "The rule the report is structured by")
        String regulation,

        @Schema(description = "When the report is due (patientsäkerhetsberättelse: 1 March the year after), or null")
        LocalDate dueDate,

        @Schema(description = "Sammanfattning, written by the quality team")
        String summary,

        List<Chapter> chapters,

        @Schema(description = "Next year's focus areas (fokusområden), written by the quality team")
        List<String> focusAreas,

        @Schema(description = "The deviation statistics the chapters draw on")
        DeviationStatistics statistics) {

    /** One chapter per regulation chapter: what the rule requires, what was done, the verdict, the narrative. */
    @Schema(name = "ReportChapter")
    public record Chapter(
            @Schema(example = "avvikelser") String key,
            @Schema(example = "5") String number,
            String title,

            @Schema(description = "The paragraphs the chapter answers, e.g. SOSFS 2011:9 5 kap. 6-8 §§")
            String regulation,

            @Schema(description = "What the rule requires (ansvar)")
            List<String> requirement,

            @Schema(description = "What was done, from the read models (arbete): key figures")
            List<Fact> facts,

            List<Table> tables,
            List<Chart> charts,

            @Schema(description = "Null for chapters without a verdict (introduction)")
            Verdict verdict,

            @Schema(description = "The quality team's narrative for the chapter")
            String narrative,

            @Schema(description = "Remarks on the data (e.g. what the events do not tell)")
            List<String> notes) {}

    @Schema(name = "ReportFact")
    public record Fact(String label, String value) {}

    /** A table; cells are strings or numbers; the first column holds the row headers. */
    @Schema(name = "ReportTable")
    public record Table(
            @Schema(example = "figur-5-1") String key,
            String title,

            @Schema(description = "Where the numbers come from")
            String source,

            List<String> columns,
            List<TableRow> rows,

            @Schema(description = "Remarks printed with the table (what was left out, what '..' means)")
            List<String> notes) {

        public Table(String key, String title, String source, List<String> columns, List<TableRow> rows) {
            this(key, title, source, columns, rows, List.of());
        }

        /** The same table with a remark added. */
        public Table withNote(String note) {
            List<String> all = new java.util.ArrayList<>(notes);
            all.add(note);
            return new Table(key, title, source, columns, rows, List.copyOf(all));
        }
    }

    @Schema(name = "ReportTableRow")
    public record TableRow(
            @Schema(description = "Indentation: 0 for the top, 1 for a department, 2 for its units, ...")
            int level,

            @Schema(description = "A total row (drawn bold)")
            boolean total,

            List<Object> cells) {}

    /** A chart: one scale (its unit), labelled axes; its values are also in a table of the same chapter. */
    @Schema(name = "ReportChart")
    public record Chart(
            String key,
            String title,
            @Schema(description = "BAR or LINE") String type,
            @Schema(description = "Labels of the x axis") List<String> labels,
            List<Series> series,

            @Schema(description = "The one scale of the values: COUNT, PERCENT (0-100), SCALE_1_5, DAYS or INDEX")
            String unit,

            @Schema(description = "Label of the category axis", example = "Månad")
            String categoryAxis,

            @Schema(description = "Label of the value axis", example = "Antal rapporter")
            String valueAxis) {}

    @Schema(name = "ReportChartSeries")
    public record Series(String name, List<Number> values) {}
}
