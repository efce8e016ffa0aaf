package se.kvalitet.followup.format;

import java.math.BigDecimal;
import java.util.Locale;
import se.kvalitet.web.ProblemException;

/**
 * The options of a tabular download or upload: CSV or JSON; for CSV the delimiter (comma by
 * default, semicolon for Swedish Excel) and the decimal separator (point by default, comma for
 * Swedish Excel), and whether to start the file with a UTF-8 byte order mark (Excel needs it to
 * read UTF-8 when a file is opened by double-click).
 */
public record TableFormat(Kind kind, char delimiter, boolean decimalComma, boolean bom) {

    public enum Kind {
        CSV,
        JSON
    }

    public static final String CSV_MEDIA_TYPE = "text/csv; charset=UTF-8; header=present";

    public static TableFormat parse(String format, String delimiter, String decimal, String bom) {
        Kind kind;
        if (format == null || format.isBlank() || format.equalsIgnoreCase("csv")) {
            kind = Kind.CSV;
        } else if (format.equalsIgnoreCase("json")) {
            kind = Kind.JSON;
        } else {
            throw ProblemException.invalidField("format", "must be csv or json");
        }
        return new TableFormat(kind, delimiter(delimiter, ','), decimalComma(decimal), Boolean.parseBoolean(bom));
    }

    /** {@code comma}, {@code semicolon} or {@code tab}; {@code fallback} when not given. */
    public static char delimiter(String option, char fallback) {
        if (option == null || option.isBlank()) {
            return fallback;
        }
        return switch (option.strip().toLowerCase(Locale.ROOT)) {
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "tab" -> '\t';
            default -> throw ProblemException.invalidField("delimiter", "must be comma, semicolon or tab");
        };
    }

    public static boolean decimalComma(String option) {
        if (option == null || option.isBlank() || option.equalsIgnoreCase("point")) {
            return false;
        }
        if (option.equalsIgnoreCase("comma")) {
            return true;
        }
        throw ProblemException.invalidField("decimal", "must be point or comma");
    }

    /** A number as text: plain notation, no trailing zeros, with the chosen decimal separator. */
    public static String number(BigDecimal v, boolean decimalComma) {
        if (v == null) {
            return null;
        }
        String s = v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
        return decimalComma ? s.replace('.', ',') : s;
    }

    public String number(BigDecimal v) {
        return number(v, decimalComma);
    }

    /** Parses a number written with the chosen separator; throws {@link NumberFormatException}. */
    public static BigDecimal parseNumber(String text, boolean decimalComma) {
        String t = text.strip().replace("\u00A0", "").replace(" ", "");
        if (decimalComma) {
            if (t.indexOf('.') >= 0) {
                throw new NumberFormatException("use a comma as decimal separator (decimal=comma)");
            }
            t = t.replace(',', '.');
        } else if (t.indexOf(',') >= 0) {
            throw new NumberFormatException("use a point as decimal separator, or upload with decimal=comma");
        }
        return new BigDecimal(t);
    }

    public String mediaType() {
        return kind == Kind.CSV ? CSV_MEDIA_TYPE : "application/json";
    }
}
