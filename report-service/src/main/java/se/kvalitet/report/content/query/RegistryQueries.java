package se.kvalitet.report.content.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.rows.Rows;

/** The registry read models: steering documents, requirement coverage and risk assessments. */
final class RegistryQueries {

    private final Scope s;

    RegistryQueries(Scope s) {
        this.s = s;
    }

    /** A registry document with the units it applies to. */
    private record Document(
            UUID id,
            String kind,
            String processCategory,
            boolean inForce,
            LocalDate validFrom,
            boolean reviewOverdue,
            boolean cooperation,
            boolean withdrawnInPeriod,
            List<UUID> units) {}

    /** Documents applying to a unit in the subtree or above it (a document for the board applies to all). */
    ReadModels.Documents documents() {
        // in force on the day asked (a past year: its 31 December) and withdrawn within the period, from the
        // periods each document was in force (registry_document_in_force, V97: a document withdrawn and approved
        // again counts in the years of both periods)
        LocalDate day = s.asOf();
        List<Document> all = Rows.list(
                s.dataSource(),
                """
                SELECT d.document_id, d.kind, d.process_category, d.in_force, d.valid_from, d.review_overdue, d.cooperation, d.withdrawn_on,
                       d.org_unit_id,
                       EXISTS (SELECT 1 FROM registry_document_in_force i WHERE i.document_id = d.document_id
                                 AND i.in_force_from <= ? AND coalesce(i.in_force_to, DATE 'infinity') > ?) AS in_force_on_day,
                       EXISTS (SELECT 1 FROM registry_document_in_force i WHERE i.document_id = d.document_id
                                 AND i.in_force_to BETWEEN ? AND ?) AS withdrawn_in_period,
                       ARRAY(SELECT u.org_unit_id FROM registry_document_unit u WHERE u.document_id = d.document_id) AS units
                FROM registry_document d""",
                r -> {
                    List<UUID> units = r.uuids("units");
                    if (units.isEmpty() && r.uuid("org_unit_id") != null) {
                        units.add(r.uuid("org_unit_id"));
                    }
                    // a past year: in force on its 31 December (issue 16 item 3); the current year: in force now
                    boolean inForce = s.pastYear() ? r.isTrue("in_force_on_day") : r.isTrue("in_force");
                    return new Document(
                            r.uuid("document_id"),
                            r.string("kind"),
                            r.string("process_category"),
                            inForce,
                            r.date("valid_from"),
                            r.isTrue("review_overdue"),
                            r.isTrue("cooperation"),
                            r.isTrue("withdrawn_in_period") || within(r.date("withdrawn_on")),
                            units);
                },
                day,
                day,
                s.from(),
                s.to());
        Set<UUID> overdueAtYearEnd = s.pastYear() ? overdueReviews(s.asOf()) : Set.of();
        List<UUID> rootUp = s.history().ancestorsOn(s.root(), s.to());
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byCategory = new TreeMap<>();
        long approvedInYear = 0;
        long overdue = 0;
        long coop = 0;
        long coopOverdue = 0;
        long withdrawn = 0;
        for (Document d : all) {
            if (d.units().stream().noneMatch(u -> rootUp.contains(u) || s.inSubtree(u))) {
                continue;
            }
            if (d.withdrawnInPeriod()) {
                withdrawn++;
            }
            if (s.pastYear()) {
                boolean late = overdueAtYearEnd.contains(d.id());
                overdue += late ? 1 : 0;
                coopOverdue += d.cooperation() && late ? 1 : 0;
            }
            if (!d.inForce()) {
                continue;
            }
            byType.merge(d.kind(), 1L, Long::sum);
            if (d.processCategory() != null) {
                byCategory.merge(d.processCategory(), 1L, Long::sum);
            }
            approvedInYear += within(d.validFrom()) ? 1 : 0;
            coop += d.cooperation() ? 1 : 0;
            if (!s.pastYear()) {
                overdue += d.reviewOverdue() ? 1 : 0;
                coopOverdue += d.cooperation() && d.reviewOverdue() ? 1 : 0;
            }
        }
        return new ReadModels.Documents(byType, byCategory, approvedInYear, overdue, coop, coopOverdue, withdrawn);
    }

    /**
     * Issue 16 item 3: the documents whose review was overdue on {@code day}: a review date before the day, of a
     * version in force by then, not cleared (reviewed, replaced by a newer version, withdrawn) on or before it (the
     * registry's rule, {@code next_review_date < today}), from {@code registry_document_review}.
     */
    private Set<UUID> overdueReviews(LocalDate day) {
        return new HashSet<>(Rows.list(s.dataSource(), """
                SELECT DISTINCT document_id FROM registry_document_review
                WHERE coalesce(cleared_on, DATE 'infinity') > ? AND review_date < ?
                  AND (in_force_from IS NULL OR in_force_from <= ?)""", r -> r.uuid("document_id"), day, day, day));
    }

    private boolean within(LocalDate day) {
        return day != null && !day.isBefore(s.from()) && !day.isAfter(s.to());
    }

    private record Gap(UUID unit, String text) {}

    private record Coverage(UUID unit, int applicable, int covered) {}

    List<ReadModels.CoverageRow> coverage() {
        Map<UUID, List<String>> gaps = new HashMap<>();
        for (Gap g : Rows.list(s.dataSource(), """
                SELECT org_unit_id, regulation_code || ' ' || reference AS text FROM registry_unit_coverage_gap
                ORDER BY regulation_code, reference""", r -> new Gap(r.uuid("org_unit_id"), r.string("text")))) {
            gaps.computeIfAbsent(g.unit(), k -> new ArrayList<>()).add(g.text());
        }
        List<ReadModels.CoverageRow> out = new ArrayList<>();
        for (Coverage c : Rows.list(
                s.dataSource(),
                "SELECT org_unit_id, applicable_count, covered_count FROM registry_unit_coverage",
                r -> new Coverage(
                        r.uuid("org_unit_id"), r.intValue("applicable_count"), r.intValue("covered_count")))) {
            if (s.inSubtree(c.unit())) {
                out.add(new ReadModels.CoverageRow(
                        c.unit(),
                        s.history().nameOn(c.unit(), s.to()),
                        c.applicable(),
                        c.covered(),
                        gaps.getOrDefault(c.unit(), List.of())));
            }
        }
        out.sort(Comparator.comparing(c -> String.valueOf(c.unitName())));
        return out;
    }

    private record Assessment(UUID risk, UUID unit) {}

    /** Risk assessments in the year (an analysis for a unit covers every unit under it) and risks by class at year end. */
    ReadModels.Risks risks(List<ReportData.Unit> leaves) {
        List<Assessment> assessments = s.statistics()
                .placedRows(
                        s.history(),
                        s.root(),
                        """
                SELECT org_unit_id AS place_unit, assessed_on AS place_day, risk_id, org_unit_id
                FROM registry_risk_assessment WHERE assessed_on BETWEEN ? AND ?""",
                        r -> new Assessment(r.uuid("risk_id"), r.uuid("org_unit_id")),
                        s.from(),
                        s.to());
        Set<UUID> risks = new HashSet<>();
        Set<UUID> covered = new HashSet<>();
        for (Assessment a : assessments) {
            risks.add(a.risk());
            for (ReportData.Unit leaf : leaves) {
                if (s.history().ancestorsOn(leaf.id(), s.to()).contains(a.unit())) {
                    covered.add(leaf.id());
                }
            }
        }
        Map<String, Long> byClass = new TreeMap<>();
        s.statistics().placedRows(s.history(), s.root(), """
                SELECT org_unit_id AS place_unit, assessed_on AS place_day, matrix_class FROM registry_risk
                WHERE assessed_on <= ?""", r -> r.string("matrix_class"), s.to()).stream()
                .filter(java.util.Objects::nonNull)
                .forEach(c -> byClass.merge(c, 1L, Long::sum));
        long openHigh = s.statistics()
                .placedRows(s.history(), s.root(), """
                SELECT org_unit_id AS place_unit, assessed_on AS place_day, risk_id FROM registry_risk
                WHERE assessed_on <= ? AND matrix_class IN ('HIGH', 'VERY_HIGH') AND coalesce(status, 'OPEN') = 'OPEN'""", r -> r.uuid("risk_id"), s.to())
                .size();
        return new ReadModels.Risks(assessments.size(), risks.size(), byClass, covered.size(), openHigh);
    }
}
