package se.kvalitet.report.content.query;

import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.orgcopy.OrgHistory;
import se.kvalitet.report.statistics.StatisticsService;

/**
 * One organisation (root of a subtree) and year, with the organisation history the read models are placed by, and the
 * day of the generation ({@code today}, Swedish time): what depends on the day (overdue initiatives and reviews) is
 * counted as of {@link #asOf()}.
 */
record Scope(
        StatisticsService statistics, DataSource dataSource, OrgHistory history, UUID root, int year, LocalDate today) {

    LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    LocalDate to() {
        return LocalDate.of(year, 12, 31);
    }

    /** Whether the year has ended (Swedish time): its overdue figures are then those of its last day. */
    boolean pastYear() {
        return today.isAfter(to());
    }

    /** The day the overdue figures are counted at: 31 December of a past year, else the day of the generation. */
    LocalDate asOf() {
        return pastYear() ? to() : today;
    }

    /** Whether {@code unit} sat in the subtree at the end of the year. */
    boolean inSubtree(UUID unit) {
        return history.ancestorsOn(unit, to()).contains(root);
    }
}
