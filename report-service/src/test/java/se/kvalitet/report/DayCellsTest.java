package se.kvalitet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The statistics' day cells (migration V6) follow every change of {@code deviation_fact} in the same
 * statement: inserts one by one and in bulk, a reclassification, a report that comes to touch a
 * second unit and back, deletes; cells reaching zero disappear, and a cell can never go negative.
 */
@QuarkusTest
class DayCellsTest {

    final UUID unit = UUID.randomUUID();

    long cell(String day, int mask) {
        return Db.count("SELECT coalesce(sum(reports), 0) FROM deviation_day_cell WHERE org_unit_id = '" + unit
                + "' AND occurred_on = DATE '" + day + "' AND category_mask = " + mask);
    }

    long cells() {
        return Db.count("SELECT count(*) FROM deviation_day_cell WHERE org_unit_id = '" + unit + "'");
    }

    @Test
    void cellsFollowInsertsUpdatesAndDeletesOfReports() throws Exception {
        Db.update("""
                INSERT INTO deviation_fact (deviation_id, org_unit_id, channel, occurred_on, reported_at, updated_at,
                                            category_mask, flags, multi_unit)
                SELECT gen_random_uuid(), '%s', CASE WHEN i %% 3 = 0 THEN 'CASE_SYSTEM' ELSE 'STAFF' END,
                       DATE '2025-03-01' + (i %% 2), now(), now(), 2, 4096, FALSE
                FROM generate_series(1, 40) i""".formatted(unit));
        assertThat(cell("2025-03-01", 2)).isEqualTo(20);
        assertThat(cell("2025-03-02", 2)).isEqualTo(20);
        assertThat(cells()).isEqualTo(4); // two days × two channels
        assertThat(Db.dayCellMismatches()).isZero();

        // one at a time, as the projection writes them
        UUID single = UUID.randomUUID();
        Db.update(
                "INSERT INTO deviation_fact (deviation_id, org_unit_id, channel, occurred_on, reported_at, updated_at,"
                        + " category_mask, flags, multi_unit) VALUES ('" + single + "', '" + unit
                        + "', 'STAFF', DATE '2025-03-01', now(),"
                        + " now(), 2, 0, FALSE)");
        assertThat(cell("2025-03-01", 2)).isEqualTo(21);

        // reclassified as lex Sarah, then triaged: the report leaves its cell for another
        Db.update("UPDATE deviation_fact SET category_mask = 4 WHERE deviation_id = '" + single + "'");
        Db.update("UPDATE deviation_fact SET flags = 4096 WHERE deviation_id = '" + single + "'");
        assertThat(cell("2025-03-01", 2)).isEqualTo(20);
        assertThat(cell("2025-03-01", 4)).isEqualTo(1);
        // an update that changes nothing the cells hold leaves them alone
        Db.update("UPDATE deviation_fact SET updated_at = now() WHERE org_unit_id = '" + unit + "'");
        assertThat(cells()).isEqualTo(5);

        // touching a second unit moves it to the one-by-one reports; back again returns it
        Db.update("UPDATE deviation_fact SET multi_unit = TRUE WHERE deviation_id = '" + single + "'");
        assertThat(cell("2025-03-01", 4)).isZero();
        assertThat(cells()).isEqualTo(4);
        Db.update("UPDATE deviation_fact SET multi_unit = FALSE WHERE deviation_id = '" + single + "'");
        assertThat(cell("2025-03-01", 4)).isEqualTo(1);
        assertThat(Db.dayCellMismatches()).isZero();

        // the whole unit reclassified in one statement, then deleted
        Db.update("UPDATE deviation_fact SET category_mask = 32 WHERE org_unit_id = '" + unit
                + "' AND occurred_on = DATE '2025-03-02'");
        assertThat(cell("2025-03-02", 2)).isZero();
        assertThat(cell("2025-03-02", 32)).isEqualTo(20);
        assertThat(Db.dayCellMismatches()).isZero();
        Db.update("DELETE FROM deviation_fact WHERE org_unit_id = '" + unit + "'");
        assertThat(cells()).isZero();
        assertThat(Db.dayCellMismatches()).isZero();
    }

    @Test
    void aCellThatWouldGoNegativeFailsLoudly() throws Exception {
        Db.update("INSERT INTO deviation_day_cell (org_unit_id, occurred_on, category_mask, channel, flags, reports)"
                + " VALUES ('" + unit + "', DATE '2025-04-01', 2, 'STAFF', 0, 0)");
        try {
            Db.update("UPDATE deviation_day_cell SET reports = reports - 1 WHERE org_unit_id = '" + unit + "'");
            throw new AssertionError("a negative cell was accepted");
        } catch (java.sql.SQLException e) {
            assertThat(e.getSQLState()).isEqualTo("23514"); // check_violation
        } finally {
            Db.update("DELETE FROM deviation_day_cell WHERE org_unit_id = '" + unit + "'");
        }
    }
}
