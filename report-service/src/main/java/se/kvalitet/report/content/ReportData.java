package se.kvalitet.report.content;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.report.statistics.DeviationStatistics;

/**
 * What every chapter of a yearly report stands on: the organisation and year, the deviation
 * statistics of the year and of the year before (for trends), and the units without units under
 * them. Everything else a chapter reads it asks {@link ReadModels} for.
 */
public record ReportData(
        UUID orgUnitId,
        String orgUnitName,
        int year,
        DeviationStatistics statistics,
        DeviationStatistics previousYear,
        List<Unit> leafUnits) {

    public LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    public LocalDate to() {
        return LocalDate.of(year, 12, 31);
    }

    /** A unit without units under it (an enhet), with its reports in the year and the year before. */
    public record Unit(UUID id, String name, long reports, long reportsYearBefore) {}
}
