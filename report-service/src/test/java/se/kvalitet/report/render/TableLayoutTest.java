package se.kvalitet.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.report.content.ReportContent;

/** Tables fitted to the page: abbreviated headers with a legend, and tables too wide even then split with the row headers. */
class TableLayoutTest {

    static ReportContent.Table table(List<String> columns, String rowHeader) {
        List<ReportContent.TableRow> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<Object> cells = new ArrayList<>(List.of(rowHeader + " " + r));
            for (int c = 1; c < columns.size(); c++) {
                cells.add((long) (r * 1000 + c));
            }
            rows.add(new ReportContent.TableRow(0, false, cells));
        }
        return new ReportContent.Table("t", "Tabell", "Källa", columns, rows);
    }

    @Test
    void aNarrowTableIsOneTableWithItsHeadersAsTheyAre() {
        List<DocumentView.TableView> parts =
                DocumentView.tables(table(List.of("Typ", "Antal"), "Rad"), TableLayout.PAGE_WIDTH);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).columns())
                .extracting(DocumentView.ColumnView::text)
                .containsExactly("Typ", "Antal");
        assertThat(parts.get(0).footer()).isEmpty();
        assertThat(parts.get(0).columns().get(1).numeric()).isTrue();
    }

    @Test
    void longHeadersAreAbbreviatedWithALegendWhenTheRowHeadersWouldOtherwiseBeSqueezed() {
        List<String> columns = List.of(
                "Avdelning/enhet",
                "Ej avvikelse i verksamheten",
                "Lex Sarah",
                "Lex Maria",
                "Personuppgiftsincident",
                "Synpunkt/klagomål",
                "Övrig avvikelse",
                "Ej bedömd",
                "Totalt");
        List<DocumentView.TableView> parts = DocumentView.tables(
                table(columns, "Mottagningsenhet för ekonomiskt bistånd och rådgivning i norra distriktet"),
                TableLayout.PAGE_WIDTH);
        assertThat(parts).hasSize(1);
        DocumentView.TableView t = parts.get(0);
        assertThat(t.columns()).extracting(DocumentView.ColumnView::text).contains("PUI");
        assertThat(t.footer().get(0)).startsWith("Förkortningar: ").contains("PUI = Personuppgiftsincident");
        // the row headers keep at least a third of the width
        assertThat(Double.parseDouble(t.columns().get(0).width().replace("%", "")))
                .isGreaterThanOrEqualTo(31.9);
    }

    @Test
    void aTableTooWideEvenAbbreviatedIsSplitRepeatingTheRowHeaders() {
        List<String> columns = new ArrayList<>(List.of("Enhet"));
        for (int m = 1; m <= 24; m++) {
            columns.add("Månad " + m + " antal rapporter");
        }
        ReportContent.Table wide = table(columns, "Enhet med långt namn");
        List<DocumentView.TableView> parts = DocumentView.tables(wide, TableLayout.PAGE_WIDTH);
        assertThat(parts.size()).isGreaterThan(1);
        int shown = 0;
        for (DocumentView.TableView p : parts) {
            assertThat(p.columns().get(0).full()).isEqualTo("Enhet");
            assertThat(p.rows())
                    .extracting(r -> r.header().text())
                    .containsExactly("Enhet med långt namn 0", "Enhet med långt namn 1", "Enhet med långt namn 2");
            assertThat(p.title()).matches("Tabell \\(del \\d+ av " + parts.size() + "\\)");
            shown += p.columns().size() - 1;
        }
        assertThat(shown).isEqualTo(24);
    }
}
