package se.kvalitet.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a reader (or a screen reader) gets out of a tagged PDF, read with PDFBox: the text layer of
 * every page, the raw characters as the fonts map them to Unicode (to catch ligatures), and the
 * structure tree's tables (each cell's text from the marked content it owns), figures with their
 * alternative text, headings and the document language.
 */
public final class PdfTagged {

    /**
     * A table of the structure tree: its rows of cells, each a TH or TD with its text; the pages (from 0) its
     * header row has content on, and the pages any of its rows has content on.
     */
    public record Table(List<List<Cell>> rows, java.util.Set<Integer> headerPages, java.util.Set<Integer> pages) {}

    /** An entry of the document outline (bookmarks): its title and the page (from 0) it leads to, -1 when none. */
    public record Bookmark(String title, int page) {}

    public record Cell(String type, String text, String scope) {}

    public final String text;
    public final String rawCharacters;
    public final List<Table> tables = new ArrayList<>();
    public final List<String> figureAlts = new ArrayList<>();
    public final List<String> headings = new ArrayList<>();
    public final String language;
    public final int pages;
    public final List<String> pageTexts = new ArrayList<>();
    public final List<Bookmark> bookmarks = new ArrayList<>();

    private final Map<PDPage, Map<Integer, StringBuilder>> marked = new HashMap<>();
    private final Map<PDPage, Integer> pageIndex = new HashMap<>();

    public PdfTagged(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
            StringBuilder raw = new StringBuilder();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) throws IOException {
                    positions.forEach(p -> raw.append(p.getUnicode()));
                    raw.append(' ');
                    super.writeString(s, positions);
                }
            };
            text = stripper.getText(doc);
            rawCharacters = raw.toString();
            for (int i = 1; i <= pages; i++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(i);
                one.setEndPage(i);
                pageTexts.add(one.getText(doc));
            }
            for (PDPage page : doc.getPages()) {
                pageIndex.put(page, pageIndex.size());
                PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
                extractor.processPage(page);
                Map<Integer, StringBuilder> byMcid = new HashMap<>();
                extractor.getMarkedContents().forEach(m -> collect(m, byMcid, null));
                marked.put(page, byMcid);
            }
            language = doc.getDocumentCatalog().getLanguage();
            var outline = doc.getDocumentCatalog().getDocumentOutline();
            if (outline != null) {
                for (var item : outline.children()) {
                    PDPage target = item.findDestinationPage(doc);
                    bookmarks.add(
                            new Bookmark(item.getTitle(), target == null ? -1 : pageIndex.getOrDefault(target, -1)));
                }
            }
            var root = doc.getDocumentCatalog().getStructureTreeRoot();
            if (root != null) {
                walk(root, null);
            }
        }
    }

    private static void collect(PDMarkedContent m, Map<Integer, StringBuilder> byMcid, Integer owner) {
        Integer mcid = m.getMCID() >= 0 ? Integer.valueOf(m.getMCID()) : owner;
        for (Object o : m.getContents()) {
            if (o instanceof TextPosition t && mcid != null) {
                byMcid.computeIfAbsent(mcid, k -> new StringBuilder()).append(t.getUnicode());
            } else if (o instanceof PDMarkedContent inner) {
                collect(inner, byMcid, mcid);
            }
        }
    }

    private void walk(PDStructureNode node, PDPage page) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement e) {
                PDPage p = e.getPage() != null ? e.getPage() : page;
                String type = e.getStructureType();
                if ("Table".equals(type)) {
                    tables.add(table(e, p));
                    continue;
                }
                if ("Figure".equals(type)) {
                    figureAlts.add(e.getAlternateDescription());
                }
                if (type.matches("H[1-6]")) {
                    headings.add(type + " " + text(e, p));
                }
                walk(e, p);
            }
        }
    }

    private Table table(PDStructureElement table, PDPage page) {
        List<List<Cell>> rows = new ArrayList<>();
        List<java.util.Set<Integer>> rowPages = new ArrayList<>();
        rows(table, page, rows, rowPages);
        java.util.Set<Integer> all = new java.util.TreeSet<>();
        rowPages.forEach(all::addAll);
        return new Table(rows, rowPages.isEmpty() ? java.util.Set.of() : rowPages.get(0), all);
    }

    private void rows(
            PDStructureElement parent, PDPage page, List<List<Cell>> rows, List<java.util.Set<Integer>> rowPages) {
        for (Object kid : parent.getKids()) {
            if (kid instanceof PDStructureElement e) {
                PDPage p = e.getPage() != null ? e.getPage() : page;
                if ("TR".equals(e.getStructureType())) {
                    List<Cell> cells = new ArrayList<>();
                    List<Map.Entry<PDPage, String>> content = new ArrayList<>();
                    pieces(e, p, content);
                    java.util.Set<Integer> on = new java.util.TreeSet<>();
                    content.forEach(c -> on.add(pageIndex.get(c.getKey())));
                    rowPages.add(on);
                    for (Object c : e.getKids()) {
                        if (c instanceof PDStructureElement cell) {
                            PDPage cp = cell.getPage() != null ? cell.getPage() : p;
                            String scope = null;
                            var attributes = cell.getAttributes();
                            for (int i = 0; i < attributes.size(); i++) {
                                var s = attributes.getObject(i).getCOSObject().getCOSName(COSName.getPDFName("Scope"));
                                scope = s == null ? scope : s.getName();
                            }
                            cells.add(new Cell(cell.getStructureType(), text(cell, cp), scope));
                        }
                    }
                    rows.add(cells);
                } else {
                    rows(e, p, rows, rowPages);
                }
            }
        }
    }

    /**
     * The text of an element: the marked content it (and its descendants) own, in order, on the
     * first page it appears on (a table's header row repeated on its next pages is tagged as part of
     * the same header cells by openhtmltopdf 1.1; the first occurrence is the cell's text).
     */
    String text(PDStructureElement e, PDPage page) {
        List<Map.Entry<PDPage, String>> pieces = new ArrayList<>();
        pieces(e, page, pieces);
        if (pieces.isEmpty()) {
            return "";
        }
        PDPage first = pieces.get(0).getKey();
        StringBuilder b = new StringBuilder();
        pieces.stream().filter(p -> p.getKey().equals(first)).forEach(p -> b.append(p.getValue()));
        return b.toString();
    }

    private void pieces(PDStructureElement e, PDPage page, List<Map.Entry<PDPage, String>> out) {
        for (Object kid : e.getKids()) {
            if (kid instanceof Integer mcid) {
                piece(out, page, mcid);
            } else if (kid instanceof PDMarkedContentReference ref) {
                piece(out, ref.getPage() != null ? ref.getPage() : page, ref.getMCID());
            } else if (kid instanceof PDStructureElement child) {
                pieces(child, child.getPage() != null ? child.getPage() : page, out);
            }
        }
    }

    private void piece(List<Map.Entry<PDPage, String>> out, PDPage page, int mcid) {
        Map<Integer, StringBuilder> m = marked.get(page);
        if (m != null && m.containsKey(mcid)) {
            out.add(Map.entry(page, m.get(mcid).toString()));
        }
    }

    /** Text without any whitespace (line breaks inside a cell, no-break spaces): how cells and sentences are compared. */
    public static String squeeze(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\u00a0\\u202f]+", "");
    }
}
