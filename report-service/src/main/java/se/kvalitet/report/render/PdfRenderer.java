package se.kvalitet.report.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * XHTML → PDF/A-2u with openhtmltopdf on PDFBox: every font embedded (the bundled DejaVu Sans),
 * an sRGB output intent (the JDK's own sRGB ICC profile), XMP metadata declaring PDF/A part 2,
 * Unicode text mapping (searchable, copyable Swedish text), page numbers, bookmarks and a table of
 * contents with page references. No encryption, no JavaScript, images without alpha.
 */
public final class PdfRenderer {

    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private PdfRenderer() {
    }

    public static byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.usePdfVersion(1.7f);
            b.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U);
            b.useColorProfile(SRGB);
            b.useFont(() -> new ByteArrayInputStream(Fonts.regular()), Fonts.FAMILY, 400,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useFont(() -> new ByteArrayInputStream(Fonts.bold()), Fonts.FAMILY, 700,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useFont(() -> new ByteArrayInputStream(Fonts.oblique()), Fonts.FAMILY, 400,
                    BaseRendererBuilder.FontStyle.ITALIC, true);
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
