package se.kvalitet.report.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * The bits of {@code deviation_fact.category_mask} and {@code deviation_fact.flags}. The category bits
 * live only here: the SQL function {@code report_category_bit} that computes the masks in the
 * database is generated from {@link #bit(DeviationCategory)} on every migrate
 * ({@link CategoryBitFunction}, a repeatable Flyway migration whose checksum is its generated text).
 * The flag bits live here too: {@code report_track_flags} and {@code report_deviation_flags} are generated
 * from {@link #AUTHORITY_TRACKS}, {@link #TRIAGED} and {@link #CLOSED} by the same migration.
 */
public final class StatisticsBits {

    /** Not yet triaged and no suggestion from the reporter. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    /** Column order of the pivot, as seed 003 Figur 5.1 (lex Maria after lex Sarah), then unclassified. */
    public static final List<String> CATEGORIES = List.of(
            DeviationCategory.NOT_A_DEVIATION.name(),
            DeviationCategory.LEX_SARAH.name(),
            DeviationCategory.LEX_MARIA.name(),
            DeviationCategory.PERSONAL_DATA_BREACH.name(),
            DeviationCategory.COMPLAINT.name(),
            DeviationCategory.OTHER_DEVIATION.name(),
            UNCLASSIFIED);

    /** The authority-notified tracks: track type, authority and the shift of its four flags. */
    public record AuthorityTrack(String trackType, String authority, int shift) {
        public int reportable() {
            return 1 << shift;
        }

        public int notified() {
            return 2 << shift;
        }

        public int onTime() {
            return 4 << shift;
        }

        public int late() {
            return 8 << shift;
        }
    }

    public static final List<AuthorityTrack> AUTHORITY_TRACKS = List.of(
            new AuthorityTrack(DeviationCategory.LEX_SARAH.name(), "IVO", 0),
            new AuthorityTrack(DeviationCategory.LEX_MARIA.name(), "IVO", 4),
            new AuthorityTrack(DeviationCategory.PERSONAL_DATA_BREACH.name(), "IMY", 8));

    public static final int TRIAGED = 4096;
    public static final int CLOSED = 8192;

    private StatisticsBits() {}

    /** The bit of an unclassified report (and of a category this version does not know). */
    public static final int UNCLASSIFIED_BIT = 64;

    /**
     * The bit of a category in {@code category_mask}: a distinct power of two per category, never
     * {@link #UNCLASSIFIED_BIT}; an existing category's bit never changes (stored masks use it). No default:
     * a new category fails compilation here until it has its bit.
     */
    public static int bit(DeviationCategory category) {
        return switch (category) {
            case NOT_A_DEVIATION -> 1;
            case OTHER_DEVIATION -> 2;
            case LEX_SARAH -> 4;
            case LEX_MARIA -> 8;
            case PERSONAL_DATA_BREACH -> 16;
            case COMPLAINT -> 32;
        };
    }

    /** The bit of a category name in {@code category_mask} (as SQL {@code report_category_bit}); UNCLASSIFIED or unknown: 64. */
    public static int bit(String category) {
        return category(category).map(StatisticsBits::bit).orElse(UNCLASSIFIED_BIT);
    }

    /** Swedish column label (seed 003) of a category; no default, so a new category needs its label here. */
    public static String label(DeviationCategory category) {
        return switch (category) {
            case NOT_A_DEVIATION -> "Ej avvikelse i verksamheten";
            case OTHER_DEVIATION -> "Övrig avvikelse";
            case LEX_SARAH -> "Lex Sarah";
            case LEX_MARIA -> "Lex Maria";
            case PERSONAL_DATA_BREACH -> "Personuppgiftsincident";
            case COMPLAINT -> "Synpunkt/klagomål";
        };
    }

    /** Swedish column labels (seed 003); UNCLASSIFIED: "Ej bedömd". */
    public static String label(String category) {
        return category(category).map(StatisticsBits::label).orElse("Ej bedömd");
    }

    private static Optional<DeviationCategory> category(String name) {
        return Arrays.stream(DeviationCategory.values())
                .filter(c -> c.name().equals(name))
                .findFirst();
    }
}
