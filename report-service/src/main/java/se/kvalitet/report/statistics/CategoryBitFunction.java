package se.kvalitet.report.statistics;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * A repeatable Flyway migration that (re)defines the SQL function {@code report_category_bit} from
 * {@link StatisticsBits#bit(DeviationCategory)}, so the category bit table exists once, in Java. Its
 * checksum is that of the generated text: Flyway runs it after the versioned migrations on a new
 * database, once on an existing one, and again whenever a category or bit changes. It only replaces
 * the function (migration V3's first definition stays as applied); masks already stored keep their
 * bits, which never change for an existing category.
 */
public final class CategoryBitFunction implements JavaMigration {

    /** The function's definition as generated from the Java table. */
    public static String sql() {
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
            s.execute(sql());
        }
    }
}
