package se.kvalitet.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.PdfTagged;
import se.kvalitet.report.VeraPdf;
import se.kvalitet.report.content.Editorial;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.content.ReportFixtures;
import se.kvalitet.report.content.ReportOutline;
import se.kvalitet.report.content.VerdictPolicy;

/**
 * Issue 15 items 2–5 on three reports (small, the demo's seed 003 numbers, and a wide one with every
 * category and 40 long-named units): every cell of every table and every figure of the JSON content
 * is found in the PDF (its structure tree and text layer, read with PDFBox), in the HTML and in the
 * XLSX; figures rounded once (37 of 391 is 9,5 everywhere); PDF/A-2a and PDF/UA-1 by veraPDF; no
 * blank first page; the footer's checksum copies out as plain ASCII; ".." explained on its page.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDocumentsTest {

    static final Editorial EDITORIAL = new Editorial(
            null,
            "Året präglades av ett systematiserat arbete.",
            Map.of("avvikelser", new Editorial.ChapterText("Analysen visar att rutiner saknas.", null, null)),
            List.of("Fastställa processer för styrning och ledning."));
    static final Stamp STAMP = Stamp.draft(
            3, LocalDate.of(2026, 2, 2), "0ffa1fb2ff34c0de0ffa1fb2ff34c0de0ffa1fb2ff34c0de0ffa1fb2ff34c0de");

    @Inject
    HtmlRenderer html;

    /** One report rendered to every format. */
    record Rendered(String name, ReportContent content, String html, byte[] pdf, byte[] xlsx, PdfTagged tagged) {}

    private final Map<String, Rendered> rendered = new LinkedHashMap<>();

    Rendered render(String name) throws Exception {
        if (!rendered.containsKey(name)) {
            ReadModels data = (ReadModels) ReportFixtures.class.getMethod(name).invoke(null);
            ReportContent content =
                    ReportOutline.build(ReportKind.KVALITETSBERATTELSE, data, EDITORIAL, VerdictPolicy.defaults());
            byte[] pdf = PdfRenderer.render(html.render(content, STAMP, true));
            Files.createDirectories(Path.of("target", "documents"));
            Files.write(Path.of("target", "documents", name + ".pdf"), pdf); // to look at: pdftoppm -r 60 -png
            rendered.put(
                    name,
                    new Rendered(
                            name,
                            content,
                            html.render(content, STAMP, false),
                            pdf,
                            XlsxRenderer.render(content, STAMP),
                            new PdfTagged(pdf)));
        }
        return rendered.get(name);
    }

    // ------------------------------------------------------------------ the PDF

    @Test
    void everyTableCellIsInThePdfsTaggedTablesWithHeadersAndScopes() throws Exception {
        for (String name : List.of("small", "demo", "wide")) {
            Rendered r = render(name);
            List<PdfTagged.Table> pdfTables = r.tagged().tables;
            int next = 0;
            for (ReportContent.Chapter ch : r.content().chapters()) {
                for (ReportContent.Table t : ch.tables()) {
                    for (DocumentView.TableView part : DocumentView.tables(t, TableLayout.PAGE_WIDTH)) {
                        assertThat(next)
                                .as("%s: a tagged table for %s", name, part.title())
                                .isLessThan(pdfTables.size());
                        assertTable(name, t, part, pdfTables.get(next++));
                    }
                }
            }
            assertThat(next).as("%s: no other tables", name).isEqualTo(pdfTables.size());
        }
    }

    /** The tagged table shows the content table's part: column headers, every row's header and cells, the notes. */
    static void assertTable(String name, ReportContent.Table t, DocumentView.TableView part, PdfTagged.Table pdf) {
        String what = name + " / " + part.title();
        List<List<PdfTagged.Cell>> rows = pdf.rows();
        List<PdfTagged.Cell> header = rows.get(0);
        assertThat(header)
                .as(what + ": header cells")
                .extracting(PdfTagged.Cell::type)
                .containsOnly("TH");
        assertThat(header)
                .as(what + ": column scope")
                .extracting(PdfTagged.Cell::scope)
                .containsOnly("Column");
        // a header row repeated on the table's next pages is tagged as part of the same header cell (openhtmltopdf 1.1)
        assertThat(header)
                .extracting(c -> once(PdfTagged.squeeze(c.text())))
                .as(what + ": headers")
                .containsExactlyElementsOf(part.columns().stream()
                        .map(c -> PdfTagged.squeeze(c.text()))
                        .toList());
        // the footer (notes, legend) is one cell spanning the table; the structure tree may hold it before or after the
        // body
        List<List<PdfTagged.Cell>> footers = rows.subList(1, rows.size()).stream()
                .filter(r -> r.size() == 1
                        && r.get(0).type().equals("TD")
                        && part.columns().size() > 1)
                .toList();
        List<List<PdfTagged.Cell>> body = rows.subList(1, rows.size()).stream()
                .filter(r -> !footers.contains(r))
                .toList();
        assertThat(footers).as(what + ": footer").hasSize(part.footer().isEmpty() ? 0 : 1);
        if (!part.footer().isEmpty()) {
            String footer = PdfTagged.squeeze(footers.get(0).get(0).text());
            for (String note : part.footer()) {
                assertThat(footer).as(what + ": note").contains(PdfTagged.squeeze(note));
            }
            for (DocumentView.ColumnView c : part.columns()) {
                if (c.abbreviated()) {
                    assertThat(footer).as(what + ": legend").contains(PdfTagged.squeeze(c.text() + " = " + c.full()));
                }
            }
            t.notes().forEach(n -> assertThat(footer).contains(PdfTagged.squeeze(n)));
        }
        assertThat(body).as(what + ": rows").hasSize(t.rows().size());
        List<Integer> columns = columnsOf(t, part);
        for (int i = 0; i < body.size(); i++) {
            List<PdfTagged.Cell> cells = body.get(i);
            List<Object> expected = t.rows().get(i).cells();
            assertThat(cells.get(0).type()).as(what + ": row header").isEqualTo("TH");
            assertThat(cells.get(0).scope()).isEqualTo("Row");
            for (int k = 0; k < columns.size(); k++) {
                assertThat(PdfTagged.squeeze(cells.get(k).text()))
                        .as(what + " row " + i + " column " + columns.get(k))
                        .isEqualTo(PdfTagged.squeeze(Formats.cell(expected.get(columns.get(k)))));
            }
        }
    }

    /** A text that is some text repeated (a header or footer repeated on every page of its table), once. */
    static String once(String text) {
        for (int n = 2; n <= 20; n++) {
            if (text.length() % n == 0) {
                String one = text.substring(0, text.length() / n);
                if (one.repeat(n).equals(text)) {
                    return once(one);
                }
            }
        }
        return text;
    }

    /** The content columns a printed part shows (the row headers and its share of the others). */
    static List<Integer> columnsOf(ReportContent.Table t, DocumentView.TableView part) {
        List<Integer> out = new ArrayList<>();
        int from = 0;
        for (DocumentView.ColumnView c : part.columns()) {
            int index = t.columns().subList(from, t.columns().size()).indexOf(c.full()) + from;
            out.add(index);
            from = index + 1;
        }
        return out;
    }

    @Test
    void aTablesHeaderRowIsRepeatedOnEveryPageItSpansAndEveryChapterHasABookmarkToItsPage() throws Exception {
        for (String name : List.of("demo", "wide")) {
            Rendered r = render(name);
            int spanning = 0;
            for (PdfTagged.Table t : r.tagged().tables) {
                String what = name + " / table "
                        + PdfTagged.squeeze(t.rows().get(0).get(0).text());
                assertThat(t.headerPages())
                        .as(what + ": pages with its header row")
                        .containsAll(t.pages());
                spanning += t.pages().size() > 1 ? 1 : 0;
            }
            assertThat(spanning).as(name + ": tables over more than one page").isPositive();
            // bookmarks: the summary, every chapter in order, the focus areas; each leads to the page with its heading
            List<String> titles =
                    r.tagged().bookmarks.stream().map(PdfTagged.Bookmark::title).toList();
            List<String> chapters = r.content().chapters().stream()
                    .map(c -> c.number() + " " + c.title())
                    .toList();
            assertThat(titles.get(0)).isEqualTo("Sammanfattning");
            assertThat(titles.subList(1, titles.size() - 1))
                    .as(name + ": a bookmark per chapter")
                    .containsExactlyElementsOf(chapters);
            assertThat(titles.get(titles.size() - 1)).startsWith((chapters.size() + 1) + " Fokusområden");
            for (PdfTagged.Bookmark b : r.tagged().bookmarks) {
                assertThat(b.page()).as(name + ": " + b.title()).isBetween(1, r.tagged().pages - 1);
                assertThat(PdfTagged.squeeze(r.tagged().pageTexts.get(b.page())))
                        .as(name + ": the page of " + b.title())
                        .contains(PdfTagged.squeeze(b.title()));
            }
        }
    }

    @Test
    void everyChartHasOneScaleLabelledAxesAndTheIndicatorTrendsFourYears() throws Exception {
        for (String name : List.of("demo", "wide")) {
            List<ReportContent.Chart> charts = render(name).content().chapters().stream()
                    .flatMap(c -> c.charts().stream())
                    .toList();
            assertThat(charts).as(name).isNotEmpty();
            for (ReportContent.Chart chart : charts) {
                String what = name + " / " + chart.title();
                assertThat(chart.categoryAxis()).as(what + ": category axis").isNotBlank();
                assertThat(chart.valueAxis()).as(what + ": value axis").isNotBlank();
                assertThat(chart.unit()).as(what + ": its one scale").isNotNull();
                org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis();
                Charts.scale(axis, chart);
                switch (chart.unit()) {
                    case "PERCENT" -> assertThat(axis.getRange()).as(what).isEqualTo(new org.jfree.data.Range(0, 105));
                    case "SCALE_1_5" ->
                        assertThat(axis.getRange()).as(what).isEqualTo(new org.jfree.data.Range(1, 5.3));
                    default ->
                        assertThat(axis.getAutoRangeIncludesZero())
                                .as(what + ": from 0")
                                .isTrue();
                }
                if (chart.key().startsWith("nyckeltal-")) {
                    assertThat(chart.type()).isEqualTo("LINE");
                    assertThat(chart.labels())
                            .as(what + ": the report year and the three before")
                            .containsExactly("2022", "2023", "2024", "2025");
                }
            }
        }
        // percentages and 1–5 scales never share an axis: the demo's 1–5 indicators are in their own chart
        List<ReportContent.Chart> demo = render("demo").content().chapters().stream()
                .flatMap(c -> c.charts().stream())
                .filter(c -> c.key().startsWith("nyckeltal-"))
                .toList();
        assertThat(demo.stream().filter(c -> c.unit().equals("SCALE_1_5")).flatMap(c -> c.series().stream()))
                .extracting(ReportContent.Series::name)
                .contains("MYN-BEMOTANDE T (totalt)", "MYN-DELAKTIGHET");
        demo.stream()
                .filter(c -> c.unit().equals("PERCENT"))
                .forEach(c -> assertThat(c.series())
                        .extracting(ReportContent.Series::name)
                        .noneMatch(n -> n.startsWith("MYN-"))
                        .isNotEmpty());
    }

    @Test
    void anIndicatorSplitByGenderIsDrawnForWomenMenAndTheTotalWithTheirFiguresAsAlternativeText() throws Exception {
        Rendered demo = render("demo");
        List<ReportContent.Chart> trends = demo.content().chapters().stream()
                .flatMap(c -> c.charts().stream())
                .filter(c -> c.key().startsWith("nyckeltal-"))
                .toList();
        // the demo's BRUKARE-PAVERKA: total 78, 81, 79, 84; women 80, 83, 81, 86; men 75, 78, 76, 81 (2022–2025)
        ReportContent.Chart percent = trends.stream()
                .filter(c -> c.series().stream().anyMatch(s -> s.name().startsWith("BRUKARE-PAVERKA")))
                .findFirst()
                .orElseThrow();
        assertThat(percent.series())
                .filteredOn(s -> s.name().startsWith("BRUKARE-PAVERKA"))
                .extracting(ReportContent.Series::name)
                .containsExactly(
                        "BRUKARE-PAVERKA T (totalt)", "BRUKARE-PAVERKA K (kvinnor)", "BRUKARE-PAVERKA M (män)");
        // in a chart of its own, its three lines in one colour; an indicator without K/M data keeps one line named by
        // its code
        assertThat(percent.series()).hasSize(3);
        assertThat(trends.stream().flatMap(c -> c.series().stream()).map(ReportContent.Series::name))
                .contains("BARN-TRAFFAT");
        trends.forEach(
                c -> assertThat(c.series()).as(c.title() + ": lines a chart").hasSizeLessThanOrEqualTo(6));
        String alt = Charts.alt(percent);
        assertThat(alt)
                .contains(
                        "BRUKARE-PAVERKA T (totalt): 2022 78, 2023 81, 2024 79, 2025 84",
                        "BRUKARE-PAVERKA K (kvinnor): 2022 80, 2023 83, 2024 81, 2025 86",
                        "BRUKARE-PAVERKA M (män): 2022 75, 2023 78, 2024 76, 2025 81");
        // the same text is the figure's alternative text in the tagged PDF and the img's alt in the HTML
        assertThat(demo.tagged().figureAlts).contains(alt);
        assertThat(demo.html()).contains("alt=\"" + alt + "\"");
        // the 1–5 scale and the index: women and men with their decimals
        assertThat(trends)
                .extracting(Charts::alt)
                .anySatisfy(a -> assertThat(a)
                        .contains(
                                "MYN-BEMOTANDE K (kvinnor): 2022 4,2, 2023 4,3, 2024 4,1, 2025 4,4",
                                "MYN-BEMOTANDE M (män): 2022 3,9, 2023 4,0, 2024 3,8, 2025 4,1"));
        assertThat(trends)
                .extracting(Charts::alt)
                .anySatisfy(a -> assertThat(a)
                        .contains("MEDARBETARINDEX K (kvinnor): 2022 67", "MEDARBETARINDEX M (män): 2022 63"));
        // the chart draws the three lines in the indicator's colour, told apart by their strokes
        assertThat(Charts.group("BRUKARE-PAVERKA K (kvinnor)")).isEqualTo("BRUKARE-PAVERKA");
        assertThat(Charts.gender("BRUKARE-PAVERKA M (män)")).isEqualTo("M");
        assertThat(Charts.gender("BARN-TRAFFAT")).isEqualTo("T");
        assertThat(Charts.png(percent)).isNotEmpty();
    }

    @Test
    void everyFigureOfTheContentIsInThePdfsTextLayerAndEveryChartHasItsValuesAsAlternativeText() throws Exception {
        for (String name : List.of("small", "demo", "wide")) {
            Rendered r = render(name);
            String text = PdfTagged.squeeze(r.tagged().text);
            assertThat(r.tagged().language).isEqualTo("sv");
            List<String> alts = new ArrayList<>();
            Set<String> cellTexts = new HashSet<>();
            r.tagged()
                    .tables
                    .forEach(t ->
                            t.rows().forEach(row -> row.forEach(c -> cellTexts.add(PdfTagged.squeeze(c.text())))));
            for (ReportContent.Chapter ch : r.content().chapters()) {
                assertThat(r.tagged().headings).as(name).contains("H1 " + ch.number() + " " + ch.title());
                for (ReportContent.Fact f : ch.facts()) {
                    assertThat(text)
                            .as(name + ": fact " + f.label())
                            .contains(PdfTagged.squeeze(f.label()), PdfTagged.squeeze(f.value()));
                }
                for (String s : concat(ch.requirement(), ch.notes())) {
                    assertThat(text).as(name + ": " + s).contains(PdfTagged.squeeze(s));
                }
                if (ch.verdict() != null) {
                    assertThat(text)
                            .contains(
                                    PdfTagged.squeeze(ch.verdict().rule()),
                                    PdfTagged.squeeze(ch.verdict().basis()),
                                    PdfTagged.squeeze("Bedömning: "
                                            + ch.verdict().effective().label()));
                }
                if (ch.narrative() != null) {
                    assertThat(text).contains(PdfTagged.squeeze(ch.narrative()));
                }
                for (ReportContent.Chart chart : ch.charts()) {
                    alts.add(Charts.alt(chart));
                    // every value a chart shows is also printed in a table
                    chart.series()
                            .forEach(s -> s.values().stream()
                                    .filter(v -> v != null)
                                    .forEach(v -> assertThat(cellTexts)
                                            .as(name + ": " + chart.title() + " value " + v)
                                            .contains(PdfTagged.squeeze(Formats.cell(v)))));
                }
            }
            assertThat(r.tagged().figureAlts)
                    .as(name + ": figures with their values as alternative text")
                    .containsExactlyElementsOf(alts);
            assertThat(text).contains(PdfTagged.squeeze(r.content().summary()));
            r.content().focusAreas().forEach(f -> assertThat(text).contains(PdfTagged.squeeze(f)));
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aShareIsRoundedOnceAndPrintedTheSameInEveryFormat() throws Exception {
        Rendered demo = render("demo");
        // seed 003: 37 personal data breaches of 391 deviations = 9.46 %
        var share = demo.content().statistics().shares().get("PERSONAL_DATA_BREACH");
        assertThat(share.numerator()).isEqualTo(37);
        assertThat(share.denominator()).isEqualTo(391);
        assertThat(share.percent()).isEqualByComparingTo("9.5");
        ReportContent.Table shares = table(demo.content(), "andelar");
        List<Object> row = shares.rows().stream()
                .filter(x -> x.cells().get(0).equals("Personuppgiftsincident"))
                .findFirst()
                .orElseThrow()
                .cells();
        assertThat(row.get(3)).isEqualTo(new BigDecimal("9.5"));
        String sentence = demo.content().chapters().stream()
                .filter(c -> c.key().equals("avvikelser"))
                .findFirst()
                .orElseThrow()
                .notes()
                .get(0);
        assertThat(sentence)
                .contains("9,5 % personuppgiftsincidenter", "27,9 % bedömts utgöra missförhållanden")
                .doesNotContain("10 %");
        assertThat(PdfTagged.squeeze(demo.tagged().text))
                .contains(PdfTagged.squeeze(sentence))
                .doesNotContain("10%personupp");
        assertThat(demo.html()).contains("<td class=\"num\">9,5</td>", "9,5 % personuppgiftsincidenter");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(demo.xlsx()))) {
            Sheet s = wb.getSheet(wb.getSheetName(sheetIndex(demo.content(), "andelar")));
            Row r = rowStarting(s, "Personuppgiftsincident");
            assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(9.5);
        }
    }

    @Test
    void theFirstPageIsTheCoverAndTheChecksumCopiesOutAsPlainAscii() throws Exception {
        for (String name : List.of("demo", "wide")) {
            PdfTagged t = render(name).tagged();
            assertThat(t.pageTexts.get(0))
                    .contains(
                            "Kvalitetsberättelse 2025",
                            render(name).content().orgUnitName().split(" ")[0]);
            for (String page : t.pageTexts) {
                assertThat(page)
                        .as(name + ": footer checksum on every page")
                        .contains("kontrollsumma " + STAMP.checksum());
            }
            assertThat(t.rawCharacters
                            .codePoints()
                            .filter(c -> c >= 0xFB00 && c <= 0xFB06)
                            .count())
                    .as("ligatures")
                    .isZero();
            assertThat(t.rawCharacters).contains(STAMP.checksum());
        }
    }

    @Test
    void aMissingValueIsExplainedOnThePageWhereItAppears() throws Exception {
        for (String name : List.of("demo", "wide")) {
            PdfTagged t = render(name).tagged();
            int pagesWithMissing = 0;
            for (String page : t.pageTexts) {
                String withoutNote = page.replace(Labels.MISSING_NOTE, "");
                if (withoutNote.matches("(?s).*(^|\\s)\\.\\.(\\s|$).*")) {
                    pagesWithMissing++;
                    assertThat(page).as(name + ": page with '..'").contains(Labels.MISSING_NOTE);
                }
            }
            assertThat(pagesWithMissing).as(name).isPositive();
        }
    }

    @Test
    void emptyCategoriesAreLeftOutOnlyWhereTheTableSaysSo() throws Exception {
        ReportContent demo = render("demo").content();
        ReportContent.Table pivot = table(demo, "figur-avvikelser");
        assertThat(pivot.columns())
                .doesNotContain("Lex Maria", "Ej bedömd")
                .contains("Personuppgiftsincident", "Totalt");
        assertThat(pivot.notes())
                .contains("Typer utan rapporter under året visas inte i tabellen: Lex Maria, Ej bedömd.");
        assertThat(pivot.rows().get(pivot.rows().size() - 1).cells())
                .containsExactly("Totalt", 24L, 109L, 37L, 29L, 228L, 415L);
        ReportContent wide = render("wide").content();
        assertThat(table(wide, "figur-avvikelser").columns()).contains("Lex Maria", "Ej bedömd");
        assertThat(table(wide, "figur-avvikelser").notes()).isEmpty();
        // the wide table keeps the row headers readable: abbreviated headers, explained under it
        List<DocumentView.TableView> printed =
                DocumentView.tables(table(wide, "figur-avvikelser"), TableLayout.PAGE_WIDTH);
        assertThat(printed.get(0).footer().get(0)).startsWith("Förkortningar: ");
    }

    @Test
    void theDemoAndTheWideReportPassVeraPdfForPdfA2aAndPdfUa1() throws Exception {
        for (String name : List.of("demo", "wide")) {
            assertThat(VeraPdf.failures(render(name).pdf()))
                    .as(name)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("2a", List.of(), "ua1", List.of()));
        }
    }

    // ------------------------------------------------------------------ HTML and XLSX

    @Test
    void everyTableCellAndFigureIsInTheHtml() throws Exception {
        for (String name : List.of("small", "demo", "wide")) {
            Rendered r = render(name);
            var dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            org.w3c.dom.Document doc = dbf.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(r.html().getBytes(StandardCharsets.UTF_8)));
            NodeList tables = doc.getElementsByTagName("table");
            int next = 0;
            for (ReportContent.Chapter ch : r.content().chapters()) {
                for (ReportContent.Table t : ch.tables()) {
                    for (DocumentView.TableView part : DocumentView.tables(t, TableLayout.PAGE_WIDTH)) {
                        Element table = (Element) tables.item(next++);
                        assertHtmlTable(name, t, part, table);
                    }
                }
            }
            assertThat(next).isEqualTo(tables.getLength());
            NodeList images = doc.getElementsByTagName("img");
            List<String> alts = new ArrayList<>();
            for (int i = 0; i < images.getLength(); i++) {
                alts.add(((Element) images.item(i)).getAttribute("alt"));
            }
            assertThat(alts)
                    .containsExactlyElementsOf(r.content().chapters().stream()
                            .flatMap(c -> c.charts().stream())
                            .map(Charts::alt)
                            .toList());
            String body = PdfTagged.squeeze(doc.getDocumentElement().getTextContent());
            for (ReportContent.Chapter ch : r.content().chapters()) {
                ch.facts()
                        .forEach(f ->
                                assertThat(body).contains(PdfTagged.squeeze(f.label()), PdfTagged.squeeze(f.value())));
                ch.notes().forEach(n -> assertThat(body).contains(PdfTagged.squeeze(n)));
                if (ch.verdict() != null) {
                    assertThat(body).contains(PdfTagged.squeeze(ch.verdict().basis()));
                }
            }
        }
    }

    static void assertHtmlTable(String name, ReportContent.Table t, DocumentView.TableView part, Element table) {
        List<Element> headers = children(table, "th", "thead");
        assertThat(headers).extracting(e -> e.getAttribute("scope")).containsOnly("col");
        assertThat(headers)
                .extracting(e -> PdfTagged.squeeze(e.getTextContent()))
                .containsExactlyElementsOf(part.columns().stream()
                        .map(c -> PdfTagged.squeeze(c.text()))
                        .toList());
        NodeList bodies = table.getElementsByTagName("tbody");
        NodeList rows = ((Element) bodies.item(0)).getElementsByTagName("tr");
        assertThat(rows.getLength())
                .as(name + " / " + t.title())
                .isEqualTo(t.rows().size());
        List<Integer> columns = columnsOf(t, part);
        for (int i = 0; i < rows.getLength(); i++) {
            Element tr = (Element) rows.item(i);
            List<Element> cells = new ArrayList<>();
            NodeList kids = tr.getChildNodes();
            for (int k = 0; k < kids.getLength(); k++) {
                if (kids.item(k) instanceof Element e) {
                    cells.add(e);
                }
            }
            assertThat(cells.get(0).getAttribute("scope")).isEqualTo("row");
            for (int k = 0; k < columns.size(); k++) {
                assertThat(PdfTagged.squeeze(cells.get(k).getTextContent()))
                        .as(name + " / " + t.title() + " row " + i)
                        .isEqualTo(PdfTagged.squeeze(
                                Formats.cell(t.rows().get(i).cells().get(columns.get(k)))));
            }
        }
        String foot = table.getElementsByTagName("tfoot").getLength() == 0
                ? ""
                : PdfTagged.squeeze(table.getElementsByTagName("tfoot").item(0).getTextContent());
        t.notes().forEach(n -> assertThat(foot).contains(PdfTagged.squeeze(n)));
    }

    static List<Element> children(Element table, String tag, String within) {
        Element section = (Element) table.getElementsByTagName(within).item(0);
        NodeList list = section.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void everyTableCellAndFigureIsInTheXlsxWithNumbersAsNumbers() throws Exception {
        for (String name : List.of("small", "demo", "wide")) {
            Rendered r = render(name);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.xlsx()))) {
                int sheet = 2;
                for (ReportContent.Chapter ch : r.content().chapters()) {
                    for (ReportContent.Table t : ch.tables()) {
                        Sheet s = wb.getSheetAt(sheet++);
                        assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo(t.title());
                        Row head = s.getRow(3);
                        for (int c = 0; c < t.columns().size(); c++) {
                            assertThat(head.getCell(c).getStringCellValue())
                                    .isEqualTo(t.columns().get(c));
                        }
                        for (int i = 0; i < t.rows().size(); i++) {
                            Row row = s.getRow(4 + i);
                            List<Object> cells = t.rows().get(i).cells();
                            for (int c = 0; c < cells.size(); c++) {
                                assertXlsxCell(name + " / " + t.title(), row.getCell(c), cells.get(c));
                            }
                        }
                        Set<String> notes = new HashSet<>();
                        s.forEach(x -> notes.add(
                                x.getCell(0) == null ? "" : x.getCell(0).toString()));
                        assertThat(notes).containsAll(t.notes());
                    }
                }
                Set<String> facts = new HashSet<>();
                wb.getSheet("Nyckeltal per kapitel")
                        .forEach(row -> facts.add(row.getCell(1).getStringCellValue() + "="
                                + row.getCell(2).getStringCellValue()));
                r.content()
                        .chapters()
                        .forEach(ch ->
                                ch.facts().forEach(f -> assertThat(facts).contains(f.label() + "=" + f.value())));
                Sheet charts = wb.getSheet("Diagrammens värden");
                List<Double> values = new ArrayList<>();
                charts.forEach(row -> row.forEach(c -> {
                    if (c.getCellType() == CellType.NUMERIC) {
                        values.add(c.getNumericCellValue());
                    }
                }));
                r.content()
                        .chapters()
                        .forEach(ch -> ch.charts()
                                .forEach(chart -> chart.series()
                                        .forEach(s -> s.values().stream()
                                                .filter(v -> v != null)
                                                .forEach(v -> assertThat(values).contains(v.doubleValue())))));
            }
        }
    }

    static void assertXlsxCell(String what, Cell cell, Object expected) {
        if (expected instanceof Number n) {
            assertThat(cell.getCellType()).as(what + ": a number").isEqualTo(CellType.NUMERIC);
            assertThat(cell.getNumericCellValue()).as(what).isEqualTo(n.doubleValue());
        } else {
            assertThat(cell.getStringCellValue().strip())
                    .as(what)
                    .isEqualTo(expected == null ? "" : expected.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    static ReportContent.Table table(ReportContent c, String key) {
        return c.chapters().stream()
                .flatMap(ch -> ch.tables().stream())
                .filter(t -> t.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    static int sheetIndex(ReportContent c, String key) {
        int i = 2;
        for (ReportContent.Chapter ch : c.chapters()) {
            for (ReportContent.Table t : ch.tables()) {
                if (t.key().equals(key)) {
                    return i;
                }
                i++;
            }
        }
        throw new IllegalArgumentException(key);
    }

    static Row rowStarting(Sheet s, String first) {
        for (Row r : s) {
            if (r.getCell(0) != null && first.equals(r.getCell(0).toString().strip())) {
                return r;
            }
        }
        throw new AssertionError("no row " + first);
    }
}
