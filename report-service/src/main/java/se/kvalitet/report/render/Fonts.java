package se.kvalitet.report.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fonts every document is set in: DejaVu Sans for the text, DejaVu Sans Condensed for the
 * tables and DejaVu Sans Mono for checksums and identifiers (Bitstream Vera licence, free to embed
 * and redistribute; Swedish å ä ö and the rest of Latin Extended), shipped inside the module from
 * the {@code net.sf.jasperreports:jasperreports-fonts} artifact on Maven Central, so no font has to
 * be installed on the machine. The PDF embeds them; charts are drawn and tables measured with them.
 *
 * <p>The bytes handed to the PDF renderer have no {@code GSUB} table: PDFBox 3 otherwise applies
 * DejaVu's Latin ligatures, and a checksum such as "0ffa" would copy out of the PDF with U+FB00
 * ("ﬀ") instead of two f's. Without ligatures every word copies and searches as it reads.
 */
public final class Fonts {

    public static final String FAMILY = "DejaVu Sans";
    public static final String CONDENSED = "DejaVu Sans Condensed";
    public static final String MONO = "DejaVu Sans Mono";
    static final String DIR = "net/sf/jasperreports/fonts/dejavu/";

    private static final byte[] REGULAR = pdfFont(load(DIR + "DejaVuSans.ttf"));
    private static final byte[] BOLD = pdfFont(load(DIR + "DejaVuSans-Bold.ttf"));
    private static final byte[] OBLIQUE = pdfFont(load(DIR + "DejaVuSans-Oblique.ttf"));
    private static final byte[] CONDENSED_REGULAR = pdfFont(load(DIR + "DejaVuSansCondensed.ttf"));
    private static final byte[] CONDENSED_BOLD = pdfFont(load(DIR + "DejaVuSansCondensed-Bold.ttf"));
    private static final byte[] MONO_REGULAR = pdfFont(load(DIR + "DejaVuSansMono.ttf"));
    private static volatile Font[] awt;

    private Fonts() {}

    public static byte[] regular() {
        return REGULAR;
    }

    public static byte[] bold() {
        return BOLD;
    }

    public static byte[] oblique() {
        return OBLIQUE;
    }

    public static byte[] condensed() {
        return CONDENSED_REGULAR;
    }

    public static byte[] condensedBold() {
        return CONDENSED_BOLD;
    }

    public static byte[] mono() {
        return MONO_REGULAR;
    }

    /** The AWT font (for charts), registered with the graphics environment once. */
    public static Font awt(boolean bold, float size) {
        return awtFonts()[bold ? 1 : 0].deriveFont(size);
    }

    /** The condensed AWT font, to measure table text as the PDF sets it. */
    static Font awtCondensed(boolean bold, float size) {
        return awtFonts()[bold ? 3 : 2].deriveFont(size);
    }

    private static Font[] awtFonts() {
        if (awt == null) {
            synchronized (Fonts.class) {
                if (awt == null) {
                    awt = new Font[] {create(REGULAR), create(BOLD), create(CONDENSED_REGULAR), create(CONDENSED_BOLD)};
                }
            }
        }
        return awt;
    }

    private static Font create(byte[] bytes) {
        try {
            Font f = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(f);
            return f;
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("bundled font is unreadable", e);
        }
    }

    /**
     * The font without its GSUB table (glyph substitutions: ligatures): its entry is removed from the
     * table directory (the table's bytes stay, unreferenced), so no renderer can substitute glyphs.
     */
    static byte[] pdfFont(byte[] ttf) {
        ByteBuffer in = ByteBuffer.wrap(ttf);
        int tables = in.getShort(4) & 0xffff;
        int gsub = -1;
        for (int i = 0; i < tables; i++) {
            if (new String(ttf, 12 + 16 * i, 4, StandardCharsets.US_ASCII).equals("GSUB")) {
                gsub = i;
            }
        }
        if (gsub < 0) {
            return ttf;
        }
        byte[] out = ttf.clone();
        int remaining = tables - 1;
        // the directory without the GSUB entry (later entries move up 16 bytes; a stale entry is left at the end)
        System.arraycopy(ttf, 12 + 16 * (gsub + 1), out, 12 + 16 * gsub, 16 * (tables - gsub - 1));
        int entrySelector = 31 - Integer.numberOfLeadingZeros(remaining);
        int searchRange = (1 << entrySelector) * 16;
        ByteBuffer o = ByteBuffer.wrap(out);
        o.putShort(4, (short) remaining);
        o.putShort(6, (short) searchRange);
        o.putShort(8, (short) entrySelector);
        o.putShort(10, (short) (remaining * 16 - searchRange));
        return out;
    }

    private static byte[] load(String path) {
        try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("font " + path + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
