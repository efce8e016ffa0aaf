package se.kvalitet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;

/**
 * The basics of PDF/A-2, checked with PDFBox where a test has no veraPDF run of its own (veraPDF
 * validates the full PDF/A-2a and PDF/UA-1 rule sets in {@code ReportDocumentsTest} and on the signed
 * PDF in {@code ReportLifecycleTest}): a PDF 1.0-1.7 header, XMP metadata declaring pdfaid:part 2 with a
 * conformance level and a title, an output intent GTS_PDFA1 with an embedded ICC profile, every font
 * of every page and form embedded, no encryption, no JavaScript anywhere, no transparency (soft
 * masks or constant alpha below 1); returns the extracted text.
 */
final class PdfA {

    private PdfA() {}

    static String assertValid(byte[] pdf) throws Exception {
        // PDF/A-2 (ISO 19005-2, 6.1.2): the header is %PDF-1.n with n from 0 to 7
        assertThat(new String(pdf, 0, 8, StandardCharsets.ISO_8859_1)).matches("%PDF-1\\.[0-7]");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.isEncrypted()).as("encrypted").isFalse();
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            assertThat(catalog.getMetadata()).as("XMP metadata stream").isNotNull();
            XMPMetadata xmp;
            try {
                // not strict: the XMP also declares PDF/UA (pdfuaid), a schema xmpbox does not know
                DomXmpParser parser = new DomXmpParser();
                parser.setStrictParsing(false);
                xmp = parser.parse(
                        new ByteArrayInputStream(catalog.getMetadata().toByteArray()));
            } catch (org.apache.xmpbox.xml.XmpParsingException e) {
                throw new AssertionError("XMP does not parse", e);
            }
            PDFAIdentificationSchema id = xmp.getPDFAIdentificationSchema();
            assertThat(id).as("pdfaid schema").isNotNull();
            assertThat(id.getPart()).isEqualTo(2);
            assertThat(id.getConformance()).isIn("A", "B", "U");
            assertThat(new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8))
                    .as("PDF/UA identification")
                    .contains("pdfuaid:part");
            assertThat(xmp.getDublinCoreSchema().getTitle()).as("dc:title").isNotBlank();
            List<PDOutputIntent> intents = catalog.getOutputIntents();
            assertThat(intents).as("output intents").isNotEmpty();
            assertThat(intents.get(0).getCOSObject().getNameAsString(COSName.S)).isEqualTo("GTS_PDFA1");
            assertThat(intents.get(0).getDestOutputIntent()).as("ICC profile").isNotNull();
            try (java.io.InputStream icc = intents.get(0).getDestOutputIntent().createInputStream()) {
                assertThat(icc.readAllBytes().length).as("ICC profile size").isGreaterThan(100);
            }
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                checkResources(page.getResources(), fonts, 0);
            }
            assertThat(fonts).as("fonts used").isNotEmpty();
            assertThat(catalog.getCOSObject().containsKey(COSName.getPDFName("AA")))
                    .isFalse();
            for (COSObject o : doc.getDocument().getXrefTable().keySet().stream()
                    .map(k -> doc.getDocument().getObjectFromPool(k))
                    .toList()) {
                COSBase base = o.getObject();
                if (base instanceof COSDictionary d) {
                    assertThat(d.getNameAsString(COSName.S))
                            .as("JavaScript action")
                            .isNotEqualTo("JavaScript");
                    assertThat(d.containsKey(COSName.JS)).as("JavaScript").isFalse();
                }
            }
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void checkResources(PDResources res, List<String> fonts, int depth) throws IOException {
        if (res == null || depth > 5) {
            return;
        }
        for (COSName name : res.getFontNames()) {
            PDFont font = res.getFont(name);
            assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
            fonts.add(font.getName());
        }
        for (COSName name : res.getExtGStateNames()) {
            PDExtendedGraphicsState gs = res.getExtGState(name);
            COSBase smask = gs.getCOSObject().getDictionaryObject(COSName.SMASK);
            assertThat(smask == null || COSName.NONE.equals(smask))
                    .as("soft mask")
                    .isTrue();
            Float ca = gs.getNonStrokingAlphaConstant();
            Float cA = gs.getStrokingAlphaConstant();
            assertThat(ca == null || ca == 1f).as("fill alpha").isTrue();
            assertThat(cA == null || cA == 1f).as("stroke alpha").isTrue();
        }
        for (COSName name : res.getXObjectNames()) {
            PDXObject x = res.getXObject(name);
            if (x instanceof PDImageXObject image) {
                assertThat(image.getCOSObject().containsKey(COSName.SMASK))
                        .as("image alpha")
                        .isFalse();
            } else if (x instanceof PDFormXObject form) {
                checkResources(form.getResources(), fonts, depth + 1);
            }
        }
    }
}
