package se.kvalitet.followup.evaluation;

import static se.kvalitet.followup.domain.Numbers.plain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import se.kvalitet.events.followup.IndicatorEvaluatedV1;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.Status;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorChanges;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.followup.support.Today;
import se.kvalitet.messaging.Outbox;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgTree;

/**
 * {@code indicator.evaluated}, published through the outbox in the caller's transaction for every
 * cell (indicator × unit × period × gender) whose evaluation changed. Cells are evaluated by {@link EvaluationService} (the same evaluation the API
 * shows, with roll-ups), and one is published only when its outcome differs from the last one
 * published, with the cell's sequence one higher ({@code indicator_evaluation_state}).
 */
@ApplicationScoped
public class EvaluationEvents {

    @Inject
    Outbox outbox;

    @Inject
    EvaluationService evaluation;

    @Inject
    OrgCopy orgUnits;

    @Inject
    DataSource dataSource;

    @Inject
    Today today;

    /** A measured cell: what was recorded or corrected. */
    public record Touched(UUID orgUnitId, String period, Gender gender) {}

    /**
     * Re-evaluates the cells a set of measurements of {@code ind} can change: each measured unit and
     * the units above it (roll-ups), for the measured gender and the total (T combines K and M), in
     * the measured period and the next one (whose trend compares with it). Call after the
     * measurements are flushed.
     */
    public void measured(Indicator ind, Collection<Touched> touched) {
        if (touched.isEmpty() || ind.method == Method.DERIVED_FROM_EVENTS) {
            return;
        }
        OrgTree tree = orgUnits.tree();
        Map<UUID, List<UUID>> chains = tree.ancestorsAndSelf();
        Map<String, Set<UUID>> cells = new LinkedHashMap<>(); // "period|gender" → units
        for (Touched t : touched) {
            List<UUID> chain = chains.getOrDefault(t.orgUnitId(), List.of(t.orgUnitId()));
            Period p = Period.parse(t.period());
            for (Period period : List.of(p, p.next())) {
                for (Gender g : t.gender() == Gender.T ? List.of(Gender.T) : List.of(t.gender(), Gender.T)) {
                    cells.computeIfAbsent(period.code() + "|" + g.name(), k -> new LinkedHashSet<>())
                            .addAll(chain);
                }
            }
        }
        for (Map.Entry<String, Set<UUID>> e : cells.entrySet()) {
            String[] key = e.getKey().split("\\|");
            evaluation.evaluate(
                    List.of(ind),
                    Period.parse(key[0]),
                    Gender.valueOf(key[1]),
                    tree,
                    new ArrayList<>(e.getValue()),
                    this::publishIfChanged);
        }
    }

    /** An indicator's målvärden, decimals or threshold may have changed (in the caller's transaction). */
    void onReevaluation(@Observes IndicatorChanges.Reevaluation e) {
        reevaluate(e.indicator());
    }

    /** Re-evaluates every cell with a measurement of {@code ind} (its målvärden, decimals or threshold changed). */
    public void reevaluate(Indicator ind) {
        List<Touched> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT org_unit_id, period, gender FROM measurement WHERE indicator_id = ?")) {
            ps.setObject(1, ind.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Touched(rs.getObject(1, UUID.class), rs.getString(2), Gender.valueOf(rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read measured cells", e);
        }
        measured(ind, all);
    }

    private void publishIfChanged(EvaluationService.Row row) {
        Evaluator.Result r = row.result();
        Evaluator.Figure f = row.figure();
        IndicatorTarget t = row.target();
        boolean shown = r.value() != null;
        BigDecimal numerator = shown && f != null ? plain(f.numerator()) : null;
        BigDecimal denominator = shown && f != null ? plain(f.denominator()) : null;
        Long responses = shown && f != null ? f.responses() : null;
        Evaluator.Basis basis = f == null ? Evaluator.Basis.NONE : f.basis();
        int contributing = f == null ? 0 : f.contributingUnits();
        int excluded = f == null ? 0 : f.excludedUnits();
        List<Object> parts = java.util.Arrays.asList(
                r.status(),
                plain(r.value()),
                r.missing(),
                numerator,
                denominator,
                responses,
                basis,
                contributing,
                excluded,
                t == null ? null : t.comparator,
                t == null ? null : plain(t.targetValue),
                t == null ? null : plain(t.targetUpper),
                t == null ? null : t.validFromPeriod,
                plain(r.distance()),
                plain(r.previousValue()),
                r.trend(),
                plain(r.change()));
        String fingerprint = parts.stream().map(o -> Objects.toString(o, "")).collect(Collectors.joining("|"));
        State state = lockState(row);
        if (state != null && fingerprint.equals(state.fingerprint())) {
            return;
        }
        long before = state == null ? 0 : state.sequence();
        boolean firstAndEmpty = before == 0 && r.status() == Status.NO_DATA && r.missing() == null;
        long sequence = before + (firstAndEmpty ? 0 : 1);
        storeState(row, sequence, fingerprint, state == null);
        if (firstAndEmpty) {
            return; // nothing measured here yet: nothing to tell
        }
        Instant now = today.now();
        outbox.publish(new IndicatorEvaluatedV1(
                row.indicator().id,
                row.orgUnitId(),
                row.period().code(),
                row.gender().name(),
                sequence,
                r.status().name(),
                basis.name(),
                plain(r.value()),
                r.missing() == null ? null : r.missing().name(),
                numerator,
                denominator,
                responses,
                contributing,
                excluded,
                t == null ? null : t.comparator,
                t == null ? null : plain(t.targetValue),
                t == null ? null : plain(t.targetUpper),
                t == null ? null : t.validFromPeriod,
                plain(r.distance()),
                row.previous().code(),
                plain(r.previousValue()),
                r.trend().name(),
                plain(r.change()),
                now));
    }

    // --- state (plain JDBC on the transaction's connection) ---

    /** The last published sequence of a cell (0: evaluated, never published) and the fingerprint of its outcome. */
    private record State(long sequence, String fingerprint) {}

    /** The cell's state row, locked for this transaction; null when there is none. */
    private State lockState(EvaluationService.Row row) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT sequence, fingerprint FROM indicator_evaluation_state
                        WHERE indicator_id = ? AND org_unit_id = ? AND period = ? AND gender = ? FOR UPDATE""")) {
            bindCell(ps, row);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new State(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read evaluation state", e);
        }
    }

    private void storeState(EvaluationService.Row row, long sequence, String fingerprint, boolean insert) {
        // a concurrent first evaluation of the same cell makes the insert a no-op; its transaction then publishes it
        String sql = insert ? """
                INSERT INTO indicator_evaluation_state (sequence, fingerprint, updated_at, indicator_id, org_unit_id, period, gender)
                VALUES (?, ?, now(), ?, ?, ?, ?) ON CONFLICT DO NOTHING""" : """
                UPDATE indicator_evaluation_state SET sequence = ?, fingerprint = ?, updated_at = now()
                WHERE indicator_id = ? AND org_unit_id = ? AND period = ? AND gender = ?""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sequence);
            ps.setString(2, fingerprint.length() > 1000 ? fingerprint.substring(0, 1000) : fingerprint);
            ps.setObject(3, row.indicator().id);
            ps.setObject(4, row.orgUnitId());
            ps.setString(5, row.period().code());
            ps.setString(6, row.gender().name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store evaluation state", e);
        }
    }

    private static void bindCell(PreparedStatement ps, EvaluationService.Row row) throws SQLException {
        ps.setObject(1, row.indicator().id);
        ps.setObject(2, row.orgUnitId());
        ps.setString(3, row.period().code());
        ps.setString(4, row.gender().name());
    }
}
