package se.kvalitet.followup.derived;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.events.deviation.NotificationKind;
import se.kvalitet.followup.support.Today;

/**
 * The facts derived indicators are computed from, kept from deviation-service's events (inside the
 * inbox's transaction). Every write is an idempotent upsert and sets of units or categories are
 * replaced only by a statement at least as new as the one kept, so a redelivered event, a replay of
 * the whole stream, or the same fact published twice under new event ids leaves the same state.
 */
@ApplicationScoped
public class DeviationFacts {

    @Inject
    DataSource dataSource;

    @Inject
    Today today;

    /**
     * The units a report concerns (where it happened and the units involved), as deviation events told them;
     * empty when no event of the report has arrived.
     */
    public java.util.Optional<Set<UUID>> unitsOf(UUID deviation) {
        Set<UUID> units = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT org_unit_id FROM deviation_fact_unit WHERE deviation_id = ?")) {
            ps.setObject(1, deviation);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the deviation copy", e);
        }
        return units.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(units);
    }

    public void apply(DomainEvent event) throws SQLException {
        applyAll(List.of(event));
    }

    /** Applies the events in their order on one connection (inside the inbox's transaction for the batch). */
    public void applyAll(List<? extends DomainEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (DomainEvent event : events) {
                apply(c, event);
            }
        }
    }

    private void apply(Connection c, DomainEvent event) throws SQLException {
        if (event instanceof DeviationReportedV1 e) {
            reported(c, e);
        } else if (event instanceof DeviationTriagedV1 e) {
            triaged(c, e);
        } else if (event instanceof DeviationTrackOpenedV1 e) {
            trackOpened(c, e);
        } else if (event instanceof DeviationInvestigationCompletedV1 e) {
            investigationCompleted(c, e);
        } else if (event instanceof DeviationAuthorityNotifiedV1 e) {
            notified(c, e);
        } else if (event instanceof DeviationTrackClosedV1 e) {
            trackClosed(c, e);
        } else if (event instanceof DeviationActionAddedV1 e) {
            actionAdded(c, e);
        } else if (event instanceof DeviationActionDoneV1 e) {
            actionDone(c, e);
        } else if (event instanceof DeviationClosedV1 e) {
            closed(c, e);
        }
        // other events are not used by the derived indicators
    }

    private LocalDate day(Instant t) {
        return t == null ? null : LocalDate.ofInstant(t, today.zone());
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    /** Makes sure the report's row exists (an event may be the first this service sees of a report). */
    private void ensure(Connection c, UUID deviation, UUID unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO deviation_fact (deviation_id, org_unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, deviation);
            ps.setObject(2, unit);
            ps.executeUpdate();
        }
    }

    /** Replaces the report's units (where it happened and every unit involved) when {@code at} is not older than the kept set. */
    private void units(Connection c, UUID deviation, UUID unit, List<UUID> involved, Instant at) throws SQLException {
        ensure(c, deviation, unit);
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deviation_fact SET org_unit_id = ?, units_at = ?
                WHERE deviation_id = ? AND (units_at IS NULL OR units_at <= ?)""")) {
            ps.setObject(1, unit);
            ps.setTimestamp(2, ts(at));
            ps.setObject(3, deviation);
            ps.setTimestamp(4, ts(at));
            if (ps.executeUpdate() == 0) {
                return; // a newer statement of the units is kept
            }
        }
        Set<UUID> all = new LinkedHashSet<>();
        all.add(unit);
        all.addAll(involved);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM deviation_fact_unit WHERE deviation_id = ?")) {
            del.setObject(1, deviation);
            del.executeUpdate();
        }
        try (PreparedStatement ins =
                c.prepareStatement("INSERT INTO deviation_fact_unit (deviation_id, org_unit_id) VALUES (?, ?)")) {
            for (UUID u : all) {
                ins.setObject(1, deviation);
                ins.setObject(2, u);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /**
     * A report's first event: its row with units, channel and time in one upsert (issue 18 item 5: the intake's
     * consumer cost; before, five statements), then its units, replaced only when this statement of them is not
     * older than the kept one (the same rule as {@link #units}).
     */
    private void reported(Connection c, DeviationReportedV1 e) throws SQLException {
        boolean inserted;
        boolean ours;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deviation_fact AS f (deviation_id, org_unit_id, units_at, channel, reported_at, reported_on)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (deviation_id) DO UPDATE SET
                    channel = EXCLUDED.channel, reported_at = EXCLUDED.reported_at, reported_on = EXCLUDED.reported_on,
                    org_unit_id = CASE WHEN f.units_at IS NULL OR f.units_at <= EXCLUDED.units_at
                        THEN EXCLUDED.org_unit_id ELSE f.org_unit_id END,
                    units_at = CASE WHEN f.units_at IS NULL OR f.units_at <= EXCLUDED.units_at
                        THEN EXCLUDED.units_at ELSE f.units_at END
                RETURNING (xmax = 0), units_at IS NOT DISTINCT FROM ?""")) {
            ps.setObject(1, e.deviationId());
            ps.setObject(2, e.orgUnitId());
            ps.setTimestamp(3, ts(e.reportedAt()));
            ps.setString(4, e.channel());
            ps.setTimestamp(5, ts(e.reportedAt()));
            ps.setObject(6, day(e.reportedAt()));
            ps.setTimestamp(7, ts(e.reportedAt()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getBoolean(1);
                ours = rs.getBoolean(2);
            }
        }
        if (!ours) {
            return; // a newer statement of the units is kept
        }
        if (!inserted) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM deviation_fact_unit WHERE deviation_id = ?")) {
                del.setObject(1, e.deviationId());
                del.executeUpdate();
            }
        }
        Set<UUID> all = new LinkedHashSet<>();
        all.add(e.orgUnitId());
        all.addAll(e.involvedOrgUnitIds());
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO deviation_fact_unit (deviation_id, org_unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (UUID u : all) {
                ins.setObject(1, e.deviationId());
                ins.setObject(2, u);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private void triaged(Connection c, DeviationTriagedV1 e) throws SQLException {
        units(c, e.deviationId(), e.orgUnitId(), e.involvedOrgUnitIds(), e.triagedAt());
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deviation_fact SET categories_at = ?
                WHERE deviation_id = ? AND (categories_at IS NULL OR categories_at <= ?)""")) {
            ps.setTimestamp(1, ts(e.triagedAt()));
            ps.setObject(2, e.deviationId());
            ps.setTimestamp(3, ts(e.triagedAt()));
            if (ps.executeUpdate() == 0) {
                return; // a later triage is kept
            }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM deviation_fact_category WHERE deviation_id = ?")) {
            del.setObject(1, e.deviationId());
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO deviation_fact_category (deviation_id, category) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (DeviationCategory cat : e.categories()) {
                ins.setObject(1, e.deviationId());
                ins.setString(2, cat.name());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private void track(Connection c, UUID track, UUID deviation, UUID unit, DeviationCategory type)
            throws SQLException {
        ensure(c, deviation, unit);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deviation_track_fact (track_id, deviation_id, track_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setObject(1, track);
            ps.setObject(2, deviation);
            ps.setString(3, type.name());
            ps.executeUpdate();
        }
    }

    private void trackOpened(Connection c, DeviationTrackOpenedV1 e) throws SQLException {
        track(c, e.trackId(), e.deviationId(), e.orgUnitId(), e.trackType());
    }

    private void investigationCompleted(Connection c, DeviationInvestigationCompletedV1 e) throws SQLException {
        track(c, e.trackId(), e.deviationId(), e.orgUnitId(), e.trackType());
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE deviation_track_fact SET serious = ?, reportable = ? WHERE track_id = ?")) {
            ps.setBoolean(1, e.serious());
            ps.setBoolean(2, e.reportable());
            ps.setObject(3, e.trackId());
            ps.executeUpdate();
        }
    }

    private void notified(Connection c, DeviationAuthorityNotifiedV1 e) throws SQLException {
        if (e.kind() != NotificationKind.INITIAL || e.trackId() == null || e.trackType() == null) {
            return; // a supplement (komplettering) changes no share
        }
        track(c, e.trackId(), e.deviationId(), e.orgUnitId(), e.trackType());
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE deviation_track_fact SET notified = TRUE, notified_on_time = ? WHERE track_id = ?")) {
            ps.setBoolean(1, e.onTime());
            ps.setObject(2, e.trackId());
            ps.executeUpdate();
        }
    }

    private void trackClosed(Connection c, DeviationTrackClosedV1 e) throws SQLException {
        track(c, e.trackId(), e.deviationId(), e.orgUnitId(), e.trackType());
        boolean reclassified = e.closure() == DeviationTrackClosedV1.Closure.RECLASSIFIED;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deviation_track_fact SET reclassified = ?, completed = ?,
                    serious = coalesce(?, serious), notified = notified OR coalesce(?, FALSE),
                    notified_on_time = coalesce(?, notified_on_time)
                WHERE track_id = ?""")) {
            ps.setBoolean(1, reclassified);
            ps.setBoolean(2, !reclassified);
            ps.setObject(3, e.serious());
            ps.setObject(4, e.authorityNotified());
            ps.setObject(5, e.notifiedOnTime());
            ps.setObject(6, e.trackId());
            ps.executeUpdate();
        }
    }

    private void actionAdded(Connection c, DeviationActionAddedV1 e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deviation_action_fact (action_id, deviation_id, org_unit_id, due_date) VALUES (?, ?, ?, ?)
                ON CONFLICT (action_id) DO UPDATE SET due_date = coalesce(deviation_action_fact.due_date, EXCLUDED.due_date)""")) {
            ps.setObject(1, e.actionId());
            ps.setObject(2, e.deviationId());
            ps.setObject(3, e.orgUnitId());
            ps.setObject(4, e.dueDate());
            ps.executeUpdate();
        }
    }

    private void actionDone(Connection c, DeviationActionDoneV1 e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deviation_action_fact (action_id, deviation_id, org_unit_id, due_date, done_date, on_time)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (action_id) DO UPDATE SET due_date = EXCLUDED.due_date, done_date = EXCLUDED.done_date,
                    on_time = EXCLUDED.on_time, org_unit_id = EXCLUDED.org_unit_id""")) {
            ps.setObject(1, e.actionId());
            ps.setObject(2, e.deviationId());
            ps.setObject(3, e.orgUnitId());
            ps.setObject(4, e.dueDate());
            ps.setObject(5, e.doneDate());
            ps.setBoolean(6, e.onTime());
            ps.executeUpdate();
        }
    }

    private void closed(Connection c, DeviationClosedV1 e) throws SQLException {
        units(c, e.deviationId(), e.orgUnitId(), e.involvedOrgUnitIds(), e.closedAt());
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE deviation_fact SET closed_on = ?, days_to_close = ?, reported_at = coalesce(reported_at, ?), "
                        + "reported_on = coalesce(reported_on, ?) WHERE deviation_id = ?")) {
            ps.setObject(1, e.closedOn());
            ps.setInt(2, e.daysToClose());
            ps.setTimestamp(3, ts(e.reportedAt()));
            ps.setObject(4, e.reportedOn());
            ps.setObject(5, e.deviationId());
            ps.executeUpdate();
        }
    }
}
