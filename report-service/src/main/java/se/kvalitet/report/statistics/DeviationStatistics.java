package se.kvalitet.report.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Deviation statistics (avvikelsestatistik) for a period and an org subtree: the pivot of
 * department/unit × category as seed 003 Figur 5.1. Every count is of <em>distinct reports</em>: a
 * report that touches several units or runs several tracks counts once in every cell, row and
 * column it touches and once in every total above them, so a department's row can be smaller than
 * the sum of its units' rows. Reports are placed where their units sat in the organisation on the
 * day they happened.
 */
@Schema(name = "DeviationStatistics")
public record DeviationStatistics(
        @Schema(description = "The organisation (root of the subtree)")
        UUID orgUnitId,

        @Schema(description = "Its name at the end of the period")
        String orgUnitName,

        @Schema(description = "First day (date the deviation happened)")
        LocalDate from,

        @Schema(description = "Last day") LocalDate to,

        @Schema(description = "The pivot's columns, in order")
        List<Column> columns,

        @Schema(description = "The pivot's rows: the root first, then every unit under it depth-first")
        List<Row> rows,

        @Schema(description = "Distinct reports in the subtree and period (the grand total)")
        long reports,

        @Schema(description = "Reports judged to be deviations in the operation: all but those only 'not a deviation'")
        long deviations,

        @Schema(
                description =
                        "Category assignments (a report with two tracks counts twice; seed 003: 415 reports, 427 assignments)")
        long categoryAssignments,

        @Schema(description = "Reports triaged by the quality team")
        long triaged,

        @Schema(description = "Reports closed") long closed,

        @Schema(description = "Reports filed by staff (not by a case-management system)")
        long staffReported,

        @Schema(
                description =
                        "Reports in the period whose units the organisation history does not know (not in any subtree)")
        long unplaced,

        @Schema(
                description =
                        "Each category's share: 'not a deviation' of all reports, every other category of the deviations")
        Map<String, Share> shares,

        @Schema(description = "Lex Sarah and lex Maria to IVO, personal data breaches to IMY")
        List<Authority> authority,

        @Schema(description = "Per month (YYYY-MM), the subtree's totals")
        List<Period> byMonth,

        @Schema(description = "Per tertial (YYYY-T1 = January-April, T2 = May-August, T3 = September-December)")
        List<Period> byTertial) {

    @Schema(name = "DeviationStatisticsColumn")
    public record Column(
            @Schema(example = "LEX_SARAH") String category,
            @Schema(example = "Lex Sarah") String label) {}

    @Schema(name = "DeviationStatisticsRow")
    public record Row(
            UUID orgUnitId,

            @Schema(description = "The unit it was drawn under (its parent on the last day it was in the subtree)")
            UUID parentId,

            String name,

            @Schema(description = "Unit type from the registry (DEPARTMENT, UNIT, ...)")
            String level,

            @Schema(description = "0 for the root") int depth,

            @Schema(description = "Distinct reports per category touching this unit or any unit under it")
            Map<String, Long> counts,

            @Schema(description = "Distinct reports touching this unit or any unit under it")
            long total) {}

    @Schema(name = "DeviationStatisticsAuthority")
    public record Authority(
            @Schema(example = "LEX_SARAH") String trackType,
            @Schema(example = "IVO") String authority,

            @Schema(description = "Reports in this category")
            long reports,

            @Schema(
                    description =
                            "Judged serious (allvarligt missförhållande, allvarlig vårdskada) or, for breaches, a risk")
            long reportable,

            @Schema(description = "Notified to the authority")
            long notified,

            @Schema(description = "Initial notification on time")
            long onTime,

            @Schema(description = "Initial notification late")
            long late,

            @Schema(description = "Notified of the reports in the category (seed 003: 19 % of lex Sarah to IVO)")
            Share notifiedShare,

            @Schema(description = "On time of those notified")
            Share onTimeShare) {}

    @Schema(name = "DeviationStatisticsPeriod")
    public record Period(@Schema(example = "2025-03") String period, long total, Map<String, Long> counts) {}
}
