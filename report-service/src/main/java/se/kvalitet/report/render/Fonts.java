package se.kvalitet.report.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts every document is set in: DejaVu Sans (Bitstream Vera licence, free to embed and
 * redistribute; Swedish å ä ö and the rest of Latin Extended), shipped inside the module from the
 * {@code net.sf.jasperreports:jasperreports-fonts} artifact on Maven Central, so no font has to be
 * installed on the machine. PDF/A embeds them; charts are drawn with them too.
 */
public final class Fonts {

    public static final String FAMILY = "DejaVu Sans";
    static final String REGULAR = "net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    static final String BOLD = "net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";
    static final String OBLIQUE = "net/sf/jasperreports/fonts/dejavu/DejaVuSans-Oblique.ttf";

    private static final byte[] REGULAR_BYTES = load(REGULAR);
    private static final byte[] BOLD_BYTES = load(BOLD);
    private static final byte[] OBLIQUE_BYTES = load(OBLIQUE);
    private static volatile Font awtRegular;
    private static volatile Font awtBold;

    private Fonts() {
    }

    public static byte[] regular() {
        return REGULAR_BYTES;
    }

    public static byte[] bold() {
        return BOLD_BYTES;
    }

    public static byte[] oblique() {
        return OBLIQUE_BYTES;
    }

    /** The AWT font (for charts), registered with the graphics environment once. */
    public static Font awt(boolean bold, float size) {
        if (awtRegular == null) {
            synchronized (Fonts.class) {
                if (awtRegular == null) {
                    awtBold = create(BOLD_BYTES);
                    awtRegular = create(REGULAR_BYTES);
                }
            }
        }
        return (bold ? awtBold : awtRegular).deriveFont(size);
    }

    private static Font create(byte[] bytes) {
        try {
            Font f = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes));
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(f);
            return f;
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("bundled font is unreadable", e);
        }
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
