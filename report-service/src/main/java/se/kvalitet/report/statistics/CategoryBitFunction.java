package se.kvalitet.report.statistics;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * A repeatable Flyway migration that (re)defines the SQL functions of the statistics bits from
 * {@link StatisticsBits}, so each bit table exists once, in Java: {@code report_category_bit} from
 * {@link StatisticsBits#bit(DeviationCategory)}, {@code report_track_flags} and
 * {@code report_deviation_flags} from {@link StatisticsBits#AUTHORITY_TRACKS}, {@link StatisticsBits#TRIAGED}
 * and {@link StatisticsBits#CLOSED}. Its checksum is that of the generated text: Flyway runs it after the
 * versioned migrations on a new database, once on an existing one, and again whenever a bit changes. It
 * only replaces the functions (migration V3's first definitions stay as applied); values already stored
 * keep their bits, which never change for an existing category or flag. (Its description, Flyway's name
 * for it, stays the one it was first applied under.)
 */
public final class CategoryBitFunction implements JavaMigration {

    /** The functions' definitions as generated from the Java tables: one statement each, in order. */
    public static List<String> statements() {
        return List.of(categoryBit(), trackFlags(), deviationFlags());
    }

    /** All of them, as Flyway's checksum sees them. */
    public static String sql() {
        return String.join(";\n", statements());
    }

    /** {@code report_category_bit}: a category's bit in {@code category_mask}. */
    static String categoryBit() {
        String cases = Arrays.stream(DeviationCategory.values())
                .map(c -> "        WHEN '" + c.name() + "' THEN " + StatisticsBits.bit(c))
                .collect(Collectors.joining("\n"));
        return """
                CREATE OR REPLACE FUNCTION report_category_bit(category VARCHAR) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE category
                %s
                        ELSE %d END
                $$""".formatted(cases, StatisticsBits.UNCLASSIFIED_BIT);
    }

    /**
     * {@code report_track_flags}: the four authority flags of one track type (judged reportable, notified,
     * on time, late), at the bits {@link StatisticsBits.AuthorityTrack} gives them before its shift.
     */
    static String trackFlags() {
        StatisticsBits.AuthorityTrack unshifted = new StatisticsBits.AuthorityTrack("", "", 0);
        return """
                CREATE OR REPLACE FUNCTION report_track_flags(d UUID, track VARCHAR, authority VARCHAR, shift INTEGER) RETURNS INTEGER
                LANGUAGE sql STABLE AS $$
                    SELECT ((CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                                    AND (t.serious OR (track = 'PERSONAL_DATA_BREACH' AND t.assessment IN ('RISK', 'HIGH_RISK'))
                                         OR t.authority_notified))
                                 OR EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                    AND n.authority = authority) THEN %1$d ELSE 0 END)
                          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                    AND n.authority = authority AND n.kind = 'INITIAL')
                                 OR EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                                    AND t.authority_notified) THEN %2$d ELSE 0 END)
                          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                    AND n.authority = authority AND n.kind = 'INITIAL' AND n.on_time)
                                 OR (NOT EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                        AND n.authority = authority AND n.kind = 'INITIAL')
                                     AND EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                                        AND t.authority_notified AND t.notified_on_time)) THEN %3$d ELSE 0 END)
                          | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                    AND n.authority = authority AND n.kind = 'INITIAL' AND NOT n.on_time)
                                 OR (NOT EXISTS (SELECT 1 FROM deviation_fact_notification n WHERE n.deviation_id = d AND n.track_type = track
                                        AND n.authority = authority AND n.kind = 'INITIAL')
                                     AND EXISTS (SELECT 1 FROM deviation_fact_track t WHERE t.deviation_id = d AND t.track_type = track
                                        AND t.authority_notified AND NOT t.notified_on_time)) THEN %4$d ELSE 0 END)) << shift
                $$""".formatted(unshifted.reportable(), unshifted.notified(), unshifted.onTime(), unshifted.late());
    }

    /** {@code report_deviation_flags}: every authority track at its shift, then triaged and closed. */
    static String deviationFlags() {
        String tracks = StatisticsBits.AUTHORITY_TRACKS.stream()
                .map(t -> "report_track_flags(d, '%s', '%s', %d)".formatted(t.trackType(), t.authority(), t.shift()))
                .collect(Collectors.joining("\n         | "));
        return """
                CREATE OR REPLACE FUNCTION report_deviation_flags(d UUID) RETURNS INTEGER LANGUAGE sql STABLE AS $$
                    SELECT %s
                         | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_category c WHERE c.deviation_id = d) THEN %d ELSE 0 END)
                         | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_triage t WHERE t.deviation_id = d AND t.closed_on IS NOT NULL)
                                THEN %d ELSE 0 END)
                $$""".formatted(tracks, StatisticsBits.TRIAGED, StatisticsBits.CLOSED);
    }

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "report category bit (generated from StatisticsBits)";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(sql().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            for (String statement : statements()) {
                s.execute(statement);
            }
        }
    }
}
