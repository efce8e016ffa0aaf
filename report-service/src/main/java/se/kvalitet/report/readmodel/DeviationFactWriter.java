package se.kvalitet.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.deviation.DeviationActionAddedV1;
import se.kvalitet.events.deviation.DeviationActionDoneV1;
import se.kvalitet.events.deviation.DeviationActionEffectCheckedV1;
import se.kvalitet.events.deviation.DeviationAuthorityNotifiedV1;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationClosedV1;
import se.kvalitet.events.deviation.DeviationDeadlineOverdueV1;
import se.kvalitet.events.deviation.DeviationInvestigationCompletedV1;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.events.deviation.DeviationTrackClosedV1;
import se.kvalitet.events.deviation.DeviationTrackOpenedV1;
import se.kvalitet.events.deviation.DeviationTriagedV1;
import se.kvalitet.report.statistics.StatisticsBits;

/**
 * Writes the deviation read model set-based: a list of events becomes one multi-row statement per
 * table (arrays bound as parameters and {@code unnest}ed, keys in sorted order so concurrent writers
 * lock rows in the same order), then one statement recomputes the summary columns of every report
 * the events touched. The result is the one applying the events one by one in their order gives:
 *
 * <ul>
 *   <li>each table's events are folded per key first (a multi-row upsert may touch a row once) by the
 *       same rule the row's upsert applies: the report's columns and a track's opening are the last
 *       event's; the triage decision is the one with the latest {@code triaged_at} (it replaces the
 *       categories when it is not older than the stored one); a closed track, an action and a closing
 *       fill columns that a later event leaves empty; a notification and an overdue deadline keep the
 *       first; involved units, root causes are unions;
 *   <li>statements run in the order the events of one report have in the stream (reported, triaged,
 *       closed; a track opened, investigated, closed). Where the list has a report's events in
 *       another order (a triage after a closing, a track opened again after its closing, units named
 *       before the report exists), it is cut there into chunks written one after the other.
 * </ul>
 *
 * <p>The summary's {@code flags} are computed for all touched reports at once by grouping their
 * tracks and notifications; {@code report_deviation_flags} (generated from the same
 * {@link StatisticsBits}) stays the per-report definition they must equal
 * ({@code BatchConsumptionTest} checks every stored row against it).
 */
@ApplicationScoped
public class DeviationFactWriter {

    @Inject
    DataSource dataSource;

    /** Applies the events in their order (inside the caller's transaction). */
    public void apply(List<EventEnvelope> events) throws SQLException {
        Set<UUID> touched = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection()) {
            Chunk chunk = new Chunk();
            for (EventEnvelope env : events) {
                Object data = decode(env);
                if (data == null) {
                    continue;
                }
                if (!chunk.accepts(data)) {
                    chunk.write(c);
                    chunk = new Chunk();
                }
                chunk.add(data, touched);
            }
            chunk.write(c);
            refresh(c, touched);
        }
    }

    /** The event's data, or null for a type this read model does not use (or does not know yet). */
    private static Object decode(EventEnvelope env) {
        return switch (env.type()) {
            case DeviationReportedV1.TYPE -> EventCodec.data(env, DeviationReportedV1.class);
            case DeviationTriagedV1.TYPE -> EventCodec.data(env, DeviationTriagedV1.class);
            case DeviationTrackOpenedV1.TYPE -> EventCodec.data(env, DeviationTrackOpenedV1.class);
            case DeviationInvestigationCompletedV1.TYPE ->
                EventCodec.data(env, DeviationInvestigationCompletedV1.class);
            case DeviationTrackClosedV1.TYPE -> EventCodec.data(env, DeviationTrackClosedV1.class);
            case DeviationAuthorityNotifiedV1.TYPE -> EventCodec.data(env, DeviationAuthorityNotifiedV1.class);
            case DeviationActionAddedV1.TYPE -> EventCodec.data(env, DeviationActionAddedV1.class);
            case DeviationActionDoneV1.TYPE -> EventCodec.data(env, DeviationActionDoneV1.class);
            case DeviationActionEffectCheckedV1.TYPE -> EventCodec.data(env, DeviationActionEffectCheckedV1.class);
            case DeviationDeadlineOverdueV1.TYPE -> EventCodec.data(env, DeviationDeadlineOverdueV1.class);
            case DeviationClosedV1.TYPE -> EventCodec.data(env, DeviationClosedV1.class);
            default -> null;
        };
    }

    /** A track's row as the closing events fold into it (null: not carried, the stored value stays). */
    private record ClosedTrack(
            UUID trackId,
            UUID deviationId,
            String trackType,
            Instant openedAt,
            LocalDate closedOn,
            String closure,
            String assessment,
            Boolean serious,
            Boolean notified,
            Boolean onTime) {

        ClosedTrack then(ClosedTrack later) {
            return new ClosedTrack(
                    trackId,
                    deviationId,
                    trackType,
                    first(openedAt, later.openedAt),
                    later.closedOn,
                    later.closure,
                    first(later.assessment, assessment),
                    first(later.serious, serious),
                    first(later.notified, notified),
                    first(later.onTime, onTime));
        }
    }

    /** An action's row as its events fold into it: a column a later event does not carry keeps its value. */
    private record Action(
            UUID actionId,
            UUID deviationId,
            UUID unit,
            LocalDate due,
            LocalDate done,
            Boolean onTime,
            LocalDate checked,
            Boolean effective) {

        Action then(Action later) {
            return new Action(
                    actionId,
                    deviationId,
                    first(later.unit, unit),
                    first(later.due, due),
                    first(later.done, done),
                    first(later.onTime, onTime),
                    first(later.checked, checked),
                    first(later.effective, effective));
        }
    }

    /** A closing folded per report: the first inserts the triage row, the last sets closed_on. */
    private record Closing(
            UUID deviationId, Instant firstClosedAt, LocalDate closedOn, List<DeviationCategory> categories) {

        Closing then(DeviationClosedV1 later) {
            return new Closing(
                    deviationId,
                    firstClosedAt,
                    later.closedOn(),
                    categories.isEmpty() ? later.categories() : categories);
        }
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static final int TRIAGED = 1;
    private static final int CLOSED = 2;
    private static final int TRACK_OPENED = 1;
    private static final int TRACK_INVESTIGATED = 2;
    private static final int TRACK_CLOSED = 3;

    /** Events whose per-table writes commute with each other: one statement per table. */
    private static final class Chunk {
        final Map<UUID, DeviationReportedV1> reported = new HashMap<>();
        final Map<UUID, DeviationTriagedV1> triaged = new HashMap<>();
        final Map<UUID, DeviationTrackOpenedV1> opened = new HashMap<>();
        final Map<UUID, DeviationInvestigationCompletedV1> investigated = new HashMap<>();
        final Set<List<Object>> rootCauses = new LinkedHashSet<>();
        final Map<UUID, ClosedTrack> closedTracks = new HashMap<>();
        final Map<UUID, DeviationAuthorityNotifiedV1> notifications = new HashMap<>();
        final Map<UUID, Action> actions = new HashMap<>();
        final Map<UUID, DeviationDeadlineOverdueV1> overdue = new HashMap<>();
        final Map<UUID, Closing> closings = new HashMap<>();
        final Set<List<UUID>> units = new LinkedHashSet<>();
        /** How far each report's triage and each track got in this chunk (an earlier step ends it). */
        final Map<UUID, Integer> triageStep = new HashMap<>();

        final Map<UUID, Integer> trackStep = new HashMap<>();
        /** Reports named with involved units before their reported event in this chunk. */
        final Set<UUID> unitsBeforeReported = new HashSet<>();

        boolean accepts(Object data) {
            if (data instanceof DeviationReportedV1 e) {
                return !unitsBeforeReported.contains(e.deviationId());
            } else if (data instanceof DeviationTriagedV1 e) {
                return triageStep.getOrDefault(e.deviationId(), 0) <= TRIAGED;
            } else if (data instanceof DeviationTrackOpenedV1 e) {
                return trackStep.getOrDefault(e.trackId(), 0) <= TRACK_OPENED;
            } else if (data instanceof DeviationInvestigationCompletedV1 e) {
                return trackStep.getOrDefault(e.trackId(), 0) <= TRACK_INVESTIGATED;
            }
            return true;
        }

        void add(Object data, Set<UUID> touched) {
            if (data instanceof DeviationReportedV1 e) {
                reported.put(e.deviationId(), e);
                involve(e.deviationId(), e.involvedOrgUnitIds(), true);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationTriagedV1 e) {
                triaged.merge(
                        e.deviationId(),
                        e,
                        (stored, later) -> later.triagedAt().isBefore(stored.triagedAt()) ? stored : later);
                triageStep.put(e.deviationId(), TRIAGED);
                involve(e.deviationId(), e.involvedOrgUnitIds(), false);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationTrackOpenedV1 e) {
                opened.put(e.trackId(), e);
                trackStep.put(e.trackId(), TRACK_OPENED);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationInvestigationCompletedV1 e) {
                investigated.put(e.trackId(), e);
                for (var cause : e.rootCauses()) {
                    rootCauses.add(List.of(e.trackId(), e.deviationId(), cause.name()));
                }
                trackStep.put(e.trackId(), TRACK_INVESTIGATED);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationTrackClosedV1 e) {
                ClosedTrack row = new ClosedTrack(
                        e.trackId(),
                        e.deviationId(),
                        e.trackType().name(),
                        e.openedAt(),
                        e.closedOn(),
                        e.closure() == null ? null : e.closure().name(),
                        e.assessment() == null ? null : e.assessment().name(),
                        e.serious(),
                        e.authorityNotified(),
                        e.notifiedOnTime());
                closedTracks.merge(e.trackId(), row, ClosedTrack::then);
                trackStep.put(e.trackId(), TRACK_CLOSED);
                involve(e.deviationId(), e.involvedOrgUnitIds(), false);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationAuthorityNotifiedV1 e) {
                notifications.putIfAbsent(e.notificationId(), e);
                touched.add(e.deviationId());
            } else if (data instanceof DeviationActionAddedV1 e) {
                action(new Action(e.actionId(), e.deviationId(), e.orgUnitId(), e.dueDate(), null, null, null, null));
            } else if (data instanceof DeviationActionDoneV1 e) {
                action(new Action(
                        e.actionId(),
                        e.deviationId(),
                        e.orgUnitId(),
                        e.dueDate(),
                        e.doneDate(),
                        e.onTime(),
                        null,
                        null));
            } else if (data instanceof DeviationActionEffectCheckedV1 e) {
                action(new Action(
                        e.actionId(),
                        e.deviationId(),
                        e.orgUnitId(),
                        e.dueDate(),
                        e.doneDate(),
                        null,
                        e.checkedOn(),
                        e.effective()));
            } else if (data instanceof DeviationDeadlineOverdueV1 e) {
                overdue.putIfAbsent(e.clockId(), e);
            } else if (data instanceof DeviationClosedV1 e) {
                Closing existing = closings.get(e.deviationId());
                closings.put(
                        e.deviationId(),
                        existing == null
                                ? new Closing(e.deviationId(), e.closedAt(), e.closedOn(), e.categories())
                                : existing.then(e));
                triageStep.put(e.deviationId(), CLOSED);
                involve(e.deviationId(), e.involvedOrgUnitIds(), false);
                touched.add(e.deviationId());
            } else {
                throw new IllegalArgumentException(data.getClass().getName());
            }
        }

        private void action(Action row) {
            actions.merge(row.actionId(), row, Action::then);
        }

        private void involve(UUID deviationId, List<UUID> involved, boolean byReport) {
            for (UUID unit : involved) {
                units.add(List.of(deviationId, unit));
            }
            if (!byReport && !involved.isEmpty() && !reported.containsKey(deviationId)) {
                unitsBeforeReported.add(deviationId);
            }
        }

        /** The chunk's statements, in the order a report's events come in. */
        void write(Connection c) throws SQLException {
            if (!reported.isEmpty()) {
                Columns rows = new Columns(6);
                reported.values()
                        .forEach(e -> rows.row(
                                e.deviationId(),
                                e.orgUnitId(),
                                e.suggestedCategory(),
                                e.channel(),
                                e.occurredOn(),
                                e.reportedAt()));
                rows.update(c, """
                        INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at,
                                                    updated_at)
                        SELECT r.*, now() FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::date[],
                                                      ?::timestamptz[]) AS r ORDER BY 1
                        ON CONFLICT (deviation_id) DO UPDATE SET org_unit_id = excluded.org_unit_id,
                            category = excluded.category, channel = excluded.channel, occurred_on = excluded.occurred_on,
                            reported_at = excluded.reported_at, updated_at = now()""");
            }
            if (!triaged.isEmpty()) {
                Columns rows = new Columns(2);
                triaged.values().forEach(e -> rows.row(e.deviationId(), e.triagedAt()));
                // the decisions not older than the stored one replace the report's categories
                Set<String> newer = rows.returning(c, """
                        INSERT INTO deviation_fact_triage (deviation_id, triaged_at)
                        SELECT * FROM unnest(?::uuid[], ?::timestamptz[]) ORDER BY 1
                        ON CONFLICT (deviation_id) DO UPDATE SET triaged_at = excluded.triaged_at
                        WHERE deviation_fact_triage.triaged_at <= excluded.triaged_at
                        RETURNING deviation_id""");
                if (!newer.isEmpty()) {
                    Columns ids = new Columns(1);
                    Columns categories = new Columns(2);
                    for (DeviationTriagedV1 e : triaged.values()) {
                        if (newer.contains(e.deviationId().toString())) {
                            ids.row(e.deviationId());
                            e.categories().forEach(cat -> categories.row(e.deviationId(), cat));
                        }
                    }
                    ids.update(c, "DELETE FROM deviation_fact_category WHERE deviation_id = ANY (?::uuid[])");
                    categories.update(c, """
                            INSERT INTO deviation_fact_category (deviation_id, category)
                            SELECT * FROM unnest(?::uuid[], ?::varchar[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING""");
                }
            }
            if (!opened.isEmpty()) {
                Columns rows = new Columns(4);
                opened.values().forEach(e -> rows.row(e.trackId(), e.deviationId(), e.trackType(), e.openedAt()));
                rows.update(c, """
                        INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, opened_at)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::timestamptz[]) ORDER BY 1
                        ON CONFLICT (track_id) DO UPDATE SET opened_at = excluded.opened_at""");
            }
            if (!investigated.isEmpty()) {
                Columns rows = new Columns(6);
                investigated
                        .values()
                        .forEach(e -> rows.row(
                                e.trackId(),
                                e.deviationId(),
                                e.trackType(),
                                e.completedOn(),
                                e.assessment(),
                                e.serious()));
                rows.update(c, """
                        INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, investigated_on, assessment,
                                                          serious)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::date[], ?::varchar[], ?::boolean[])
                        ORDER BY 1
                        ON CONFLICT (track_id) DO UPDATE SET investigated_on = excluded.investigated_on,
                            assessment = excluded.assessment, serious = excluded.serious""");
            }
            if (!rootCauses.isEmpty()) {
                Columns rows = new Columns(3);
                rootCauses.forEach(r -> rows.row(r.toArray()));
                rows.update(c, """
                        INSERT INTO deviation_fact_root_cause (track_id, deviation_id, root_cause)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[]) ORDER BY 1, 3 ON CONFLICT DO NOTHING""");
            }
            if (!closedTracks.isEmpty()) {
                Columns rows = new Columns(10);
                closedTracks
                        .values()
                        .forEach(t -> rows.row(
                                t.trackId(),
                                t.deviationId(),
                                t.trackType(),
                                t.openedAt(),
                                t.closedOn(),
                                t.closure(),
                                t.assessment(),
                                t.serious(),
                                t.notified(),
                                t.onTime()));
                rows.update(c, """
                        INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, opened_at, closed_on, closure,
                                                          assessment, serious, authority_notified, notified_on_time)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::timestamptz[], ?::date[], ?::varchar[],
                                             ?::varchar[], ?::boolean[], ?::boolean[], ?::boolean[]) ORDER BY 1
                        ON CONFLICT (track_id) DO UPDATE SET closed_on = excluded.closed_on, closure = excluded.closure,
                            opened_at = coalesce(deviation_fact_track.opened_at, excluded.opened_at),
                            assessment = coalesce(excluded.assessment, deviation_fact_track.assessment),
                            serious = coalesce(excluded.serious, deviation_fact_track.serious),
                            authority_notified = coalesce(excluded.authority_notified,
                                                          deviation_fact_track.authority_notified),
                            notified_on_time = coalesce(excluded.notified_on_time, deviation_fact_track.notified_on_time)""");
            }
            if (!notifications.isEmpty()) {
                Columns rows = new Columns(8);
                notifications
                        .values()
                        .forEach(e -> rows.row(
                                e.notificationId(),
                                e.deviationId(),
                                e.trackType(),
                                e.authority(),
                                e.kind(),
                                e.sentAt(),
                                e.onTime(),
                                e.hoursLate()));
                rows.update(c, """
                        INSERT INTO deviation_fact_notification (notification_id, deviation_id, track_type, authority, kind,
                                                                 sent_at, on_time, hours_late)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[],
                                             ?::timestamptz[], ?::boolean[], ?::bigint[]) ORDER BY 1
                        ON CONFLICT (notification_id) DO NOTHING""");
            }
            if (!actions.isEmpty()) {
                Columns rows = new Columns(8);
                actions.values()
                        .forEach(a -> rows.row(
                                a.actionId(),
                                a.deviationId(),
                                a.unit(),
                                a.due(),
                                a.done(),
                                a.onTime(),
                                a.checked(),
                                a.effective()));
                rows.update(c, """
                        INSERT INTO deviation_fact_action (action_id, deviation_id, org_unit_id, due_on, done_on, done_on_time,
                                                           effect_checked_on, effective)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::date[], ?::date[], ?::boolean[], ?::date[],
                                             ?::boolean[]) ORDER BY 1
                        ON CONFLICT (action_id) DO UPDATE SET
                            org_unit_id = coalesce(excluded.org_unit_id, deviation_fact_action.org_unit_id),
                            due_on = coalesce(excluded.due_on, deviation_fact_action.due_on),
                            done_on = coalesce(excluded.done_on, deviation_fact_action.done_on),
                            done_on_time = coalesce(excluded.done_on_time, deviation_fact_action.done_on_time),
                            effect_checked_on = coalesce(excluded.effect_checked_on, deviation_fact_action.effect_checked_on),
                            effective = coalesce(excluded.effective, deviation_fact_action.effective)""");
            }
            if (!overdue.isEmpty()) {
                Columns rows = new Columns(5);
                overdue.values()
                        .forEach(
                                e -> rows.row(e.clockId(), e.deviationId(), e.clockKind(), e.orgUnitId(), e.dueDate()));
                rows.update(c, """
                        INSERT INTO deviation_fact_overdue (clock_id, deviation_id, clock_kind, org_unit_id, due_on)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::uuid[], ?::date[]) ORDER BY 1
                        ON CONFLICT (clock_id) DO NOTHING""");
            }
            if (!closings.isEmpty()) {
                Columns rows = new Columns(3);
                Columns categories = new Columns(2);
                for (Closing e : closings.values()) {
                    // a report closed without a triage event keeps the closing categories as its decision
                    rows.row(e.deviationId(), e.firstClosedAt(), e.closedOn());
                    e.categories().forEach(cat -> categories.row(e.deviationId(), cat));
                }
                rows.update(c, """
                        INSERT INTO deviation_fact_triage (deviation_id, triaged_at, closed_on)
                        SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::date[]) ORDER BY 1
                        ON CONFLICT (deviation_id) DO UPDATE SET closed_on = excluded.closed_on""");
                categories.update(c, """
                        INSERT INTO deviation_fact_category (deviation_id, category)
                        SELECT u.* FROM unnest(?::uuid[], ?::varchar[]) AS u(deviation_id, category)
                        WHERE NOT EXISTS (SELECT 1 FROM deviation_fact_category c WHERE c.deviation_id = u.deviation_id)
                        ORDER BY 1, 2 ON CONFLICT DO NOTHING""");
            }
            if (!units.isEmpty()) {
                Columns rows = new Columns(2);
                units.forEach(u -> rows.row(u.get(0), u.get(1)));
                rows.update(c, """
                        INSERT INTO deviation_fact_involved_unit (deviation_id, org_unit_id)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING""");
            }
        }
    }

    /**
     * Recomputes the derived columns (category bits, authority flags, several units) of the given
     * reports from the detail tables in one statement, so they come out the same whatever order the
     * events arrived in, and the day cells' statement triggers run once, for the rows that changed.
     */
    static void refresh(Connection c, Set<UUID> deviationIds) throws SQLException {
        if (deviationIds.isEmpty()) {
            return;
        }
        Columns ids = new Columns(1);
        deviationIds.forEach(ids::row);
        ids.update(c, REFRESH);
    }

    /** The authority flags of {@link StatisticsBits#AUTHORITY_TRACKS} as report_track_flags defines them, set-based. */
    private static final String REFRESH;

    static {
        List<String> joins = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        int i = 0;
        for (StatisticsBits.AuthorityTrack t : StatisticsBits.AUTHORITY_TRACKS) {
            String tk = "t" + i;
            String nk = "n" + i;
            joins.add("LEFT JOIN tracks %1$s ON %1$s.deviation_id = f.deviation_id AND %1$s.track_type = '%3$s'\n"
                            .formatted(tk, nk, t.trackType())
                    + "LEFT JOIN notices %1$s ON %1$s.deviation_id = f.deviation_id AND %1$s.track_type = '%2$s' AND %1$s.authority = '%3$s'"
                            .formatted(nk, t.trackType(), t.authority()));
            flags.add(
                    ("(CASE WHEN coalesce(%1$s.reportable, false) OR %2$s.deviation_id IS NOT NULL THEN %3$d ELSE 0 END)"
                                    + " | (CASE WHEN coalesce(%2$s.initial, false) OR coalesce(%1$s.notified, false) THEN %4$d ELSE 0 END)"
                                    + " | (CASE WHEN coalesce(%2$s.initial_on_time, false) OR (NOT coalesce(%2$s.initial, false)"
                                    + " AND coalesce(%1$s.on_time, false)) THEN %5$d ELSE 0 END)"
                                    + " | (CASE WHEN coalesce(%2$s.initial_late, false) OR (NOT coalesce(%2$s.initial, false)"
                                    + " AND coalesce(%1$s.late, false)) THEN %6$d ELSE 0 END)")
                            .formatted(tk, nk, t.reportable(), t.notified(), t.onTime(), t.late()));
            i++;
        }
        REFRESH = """
                WITH ids AS (SELECT DISTINCT id FROM unnest(?::uuid[]) AS u(id)),
                tracks AS (
                    SELECT t.deviation_id, t.track_type,
                           bool_or(t.serious OR (t.track_type = 'PERSONAL_DATA_BREACH' AND t.assessment IN ('RISK', 'HIGH_RISK'))
                                   OR t.authority_notified) AS reportable,
                           bool_or(t.authority_notified) AS notified,
                           bool_or(t.authority_notified AND t.notified_on_time) AS on_time,
                           bool_or(t.authority_notified AND NOT t.notified_on_time) AS late
                    FROM deviation_fact_track t JOIN ids ON t.deviation_id = ids.id GROUP BY 1, 2),
                notices AS (
                    SELECT n.deviation_id, n.track_type, n.authority,
                           bool_or(n.kind = 'INITIAL') AS initial,
                           bool_or(n.kind = 'INITIAL' AND n.on_time) AS initial_on_time,
                           bool_or(n.kind = 'INITIAL' AND NOT n.on_time) AS initial_late
                    FROM deviation_fact_notification n JOIN ids ON n.deviation_id = ids.id GROUP BY 1, 2, 3),
                summary AS (
                    SELECT f.deviation_id,
                           coalesce((SELECT bit_or(report_category_bit(c.category)) FROM deviation_fact_category c
                                     WHERE c.deviation_id = f.deviation_id),
                                    report_category_bit(coalesce(f.category, 'UNCLASSIFIED'))) AS category_mask,
                           EXISTS (SELECT 1 FROM deviation_fact_involved_unit i WHERE i.deviation_id = f.deviation_id
                                   AND i.org_unit_id <> f.org_unit_id) AS multi_unit,
                           %s
                           | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_category c WHERE c.deviation_id = f.deviation_id)
                                   THEN %d ELSE 0 END)
                           | (CASE WHEN EXISTS (SELECT 1 FROM deviation_fact_triage t WHERE t.deviation_id = f.deviation_id
                                                AND t.closed_on IS NOT NULL) THEN %d ELSE 0 END) AS flags
                    FROM deviation_fact f JOIN ids ON f.deviation_id = ids.id
                    %s)
                UPDATE deviation_fact f SET category_mask = s.category_mask, multi_unit = s.multi_unit, flags = s.flags
                FROM (SELECT * FROM summary ORDER BY deviation_id) s
                WHERE f.deviation_id = s.deviation_id
                  AND (f.category_mask, f.multi_unit, f.flags) IS DISTINCT FROM (s.category_mask, s.multi_unit, s.flags)""".formatted(
                        flags.stream().map(f -> "(" + f + ")").collect(Collectors.joining("\n       | ")),
                        StatisticsBits.TRIAGED,
                        StatisticsBits.CLOSED,
                        String.join("\n", joins));
    }

    /** Column-wise parameters of one multi-row statement: each column one text array, cast to its type in SQL. */
    private static final class Columns {
        private final List<List<String>> columns = new ArrayList<>();

        Columns(int width) {
            for (int i = 0; i < width; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                columns.get(i).add(v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString());
            }
        }

        private PreparedStatement prepare(Connection c, String sql) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            for (int i = 0; i < columns.size(); i++) {
                ps.setArray(i + 1, c.createArrayOf("text", columns.get(i).toArray(String[]::new)));
            }
            return ps;
        }

        void update(Connection c, String sql) throws SQLException {
            if (columns.get(0).isEmpty()) {
                return;
            }
            try (PreparedStatement ps = prepare(c, sql)) {
                ps.executeUpdate();
            }
        }

        /** Runs a statement with {@code RETURNING} one column; returns its values. */
        Set<String> returning(Connection c, String sql) throws SQLException {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = prepare(c, sql);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
