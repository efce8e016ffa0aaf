package se.kvalitet.report.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * XHTML → PDF/A-2a and PDF/UA-1 with openhtmltopdf on PDFBox: a tagged document (structure tree from
 * the XHTML: headings, paragraphs, lists, tables with TH scopes, figures with alternative text; the
 * running header and footer as artifacts), language sv, every font embedded (the bundled DejaVu
 * fonts, without ligatures), an sRGB output intent (the JDK's own sRGB ICC profile), XMP metadata
 * declaring PDF/A part 2 level A and PDF/UA part 1, Unicode text, page numbers, bookmarks per
 * chapter and a table of contents with page references. No encryption, no JavaScript, images
 * without alpha.
 *
 * <p>PDF/A-2a rather than 2u: the document is tagged for PDF/UA anyway, and level A states that it
 * is (logical structure, Unicode, language), which veraPDF then checks too.
 */
public final class PdfRenderer {

    private static final byte[] SRGB =
            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private PdfRenderer() {}

    public static byte[] render(String xhtml) {
        return render(xhtml, false);
    }

    /** With {@code signatureField}, the document gets the empty signature field an approved version is signed in. */
    public static byte[] render(String xhtml, boolean signatureField) {
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.usePdfVersion(1.7f);
        b.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_A);
        b.usePdfUaAccessibility(true);
        b.useColorProfile(SRGB);
        font(b, Fonts::regular, Fonts.FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL);
        font(b, Fonts::bold, Fonts.FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL);
        font(b, Fonts::oblique, Fonts.FAMILY, 400, BaseRendererBuilder.FontStyle.ITALIC);
        font(b, Fonts::condensed, Fonts.CONDENSED, 400, BaseRendererBuilder.FontStyle.NORMAL);
        font(b, Fonts::condensedBold, Fonts.CONDENSED, 700, BaseRendererBuilder.FontStyle.NORMAL);
        font(b, Fonts::mono, Fonts.MONO, 400, BaseRendererBuilder.FontStyle.NORMAL);
        b.withHtmlContent(xhtml, null);
        try (PdfBoxRenderer renderer = b.buildPdfRenderer();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocument doc = renderer.createPDFKeepOpen();
            describeLinks(doc);
            if (signatureField) {
                SignatureField.add(doc);
            }
            doc.save(out);
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void font(
            PdfRendererBuilder b,
            Supplier<byte[]> bytes,
            String family,
            int weight,
            BaseRendererBuilder.FontStyle style) {
        b.useFont(() -> new ByteArrayInputStream(bytes.get()), family, weight, style, true);
    }

    /**
     * PDF/UA-1 (7.18.5) wants every link annotation to describe itself in its Contents: the table of
     * contents' links get the text of the link's title (its chapter), which openhtmltopdf 1.1 puts
     * only on the structure element.
     */
    static void describeLinks(PDDocument doc) throws IOException {
        for (PDPage page : doc.getPages()) {
            for (PDAnnotation a : page.getAnnotations()) {
                if (a instanceof PDAnnotationLink link && link.getContents() == null) {
                    link.setContents(linkText(doc, link));
                }
            }
        }
    }

    /** The alternative text of the link's structure element (the link's title attribute), found through the parent tree. */
    private static String linkText(PDDocument doc, PDAnnotationLink link) throws IOException {
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        int key = link.getStructParent();
        if (root != null && root.getParentTree() != null && key >= 0) {
            Object value = root.getParentTree().getValue(key);
            COSBase base = value instanceof COSObjectable o ? o.getCOSObject() : null;
            if (base instanceof COSDictionary element && element.getString(COSName.ALT) != null) {
                return element.getString(COSName.ALT);
            }
        }
        return "Länk till ett avsnitt i dokumentet";
    }
}
