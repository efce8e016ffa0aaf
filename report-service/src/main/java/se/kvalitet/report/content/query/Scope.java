package se.kvalitet.report.content.query;

import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.statistics.StatisticsService;

/** One organisation (root of a subtree) and year, with the organisation history the read models are placed by. */
record Scope(StatisticsService statistics, DataSource dataSource, OrgHistory history, UUID root, int year) {

    LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    LocalDate to() {
        return LocalDate.of(year, 12, 31);
    }

    /** Whether {@code unit} sat in the subtree at the end of the year. */
    boolean inSubtree(UUID unit) {
        return history.ancestorsOn(unit, to()).contains(root);
    }
}
