package se.kvalitet.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
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

/**
 * The deviation read model: written from events, aggregated in SQL. Every write is an upsert keyed
 * by the ids the event carries, so a redelivered or replayed event leaves the same rows, and
 * columns are only ever filled (never blanked) by the event that carries them, so the order the
 * events of different aggregates arrive in does not matter.
 */
@ApplicationScoped
public class DeviationFactRepository {

    @Inject
    EntityManager em;

    public UUID recordReported(DeviationReportedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at, updated_at)
                VALUES (:id, :unit, :category, :channel, :occurredOn, :reportedAt, now())
                ON CONFLICT (deviation_id) DO UPDATE SET org_unit_id = excluded.org_unit_id,
                    category = excluded.category, channel = excluded.channel, occurred_on = excluded.occurred_on,
                    reported_at = excluded.reported_at, updated_at = now()""")
                .setParameter("id", e.deviationId())
                .setParameter("unit", e.orgUnitId())
                .setParameter(
                        "category",
                        e.suggestedCategory() == null
                                ? null
                                : e.suggestedCategory().name())
                .setParameter("channel", e.channel())
                .setParameter("occurredOn", e.occurredOn())
                .setParameter("reportedAt", Timestamp.from(e.reportedAt()))
                .executeUpdate();
        involve(e.deviationId(), e.involvedOrgUnitIds());
        return e.deviationId();
    }

    /** Involved units are a union over the events naming them: order-insensitive. */
    private void involve(UUID deviationId, Collection<UUID> units) {
        for (UUID unit : units) {
            em.createNativeQuery("""
                    INSERT INTO deviation_fact_involved_unit (deviation_id, org_unit_id) VALUES (:id, :unit)
                    ON CONFLICT DO NOTHING""")
                    .setParameter("id", deviationId)
                    .setParameter("unit", unit)
                    .executeUpdate();
        }
    }

    /** Replaces the categories unless a later triage decision is already stored. */
    public UUID recordTriaged(DeviationTriagedV1 e) {
        int newer = em.createNativeQuery("""
                INSERT INTO deviation_fact_triage (deviation_id, triaged_at) VALUES (:id, :at)
                ON CONFLICT (deviation_id) DO UPDATE SET triaged_at = excluded.triaged_at
                WHERE deviation_fact_triage.triaged_at <= excluded.triaged_at""")
                .setParameter("id", e.deviationId())
                .setParameter("at", Timestamp.from(e.triagedAt()))
                .executeUpdate();
        if (newer == 1) {
            em.createNativeQuery("DELETE FROM deviation_fact_category WHERE deviation_id = :id")
                    .setParameter("id", e.deviationId())
                    .executeUpdate();
            for (DeviationCategory c : e.categories()) {
                em.createNativeQuery("""
                        INSERT INTO deviation_fact_category (deviation_id, category) VALUES (:id, :c)
                        ON CONFLICT DO NOTHING""")
                        .setParameter("id", e.deviationId())
                        .setParameter("c", c.name())
                        .executeUpdate();
            }
        }
        involve(e.deviationId(), e.involvedOrgUnitIds());
        return e.deviationId();
    }

    public UUID recordTrackOpened(DeviationTrackOpenedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, opened_at)
                VALUES (:track, :id, :type, :at)
                ON CONFLICT (track_id) DO UPDATE SET opened_at = excluded.opened_at""")
                .setParameter("track", e.trackId())
                .setParameter("id", e.deviationId())
                .setParameter("type", e.trackType().name())
                .setParameter("at", Timestamp.from(e.openedAt()))
                .executeUpdate();
        return e.deviationId();
    }

    public UUID recordInvestigation(DeviationInvestigationCompletedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, investigated_on, assessment, serious)
                VALUES (:track, :id, :type, :on, :assessment, :serious)
                ON CONFLICT (track_id) DO UPDATE SET investigated_on = excluded.investigated_on,
                    assessment = excluded.assessment, serious = excluded.serious""")
                .setParameter("track", e.trackId())
                .setParameter("id", e.deviationId())
                .setParameter("type", e.trackType().name())
                .setParameter("on", e.completedOn())
                .setParameter(
                        "assessment",
                        e.assessment() == null ? null : e.assessment().name())
                .setParameter("serious", e.serious())
                .executeUpdate();
        for (var cause : e.rootCauses()) {
            em.createNativeQuery("""
                    INSERT INTO deviation_fact_root_cause (track_id, deviation_id, root_cause) VALUES (:track, :id, :cause)
                    ON CONFLICT DO NOTHING""")
                    .setParameter("track", e.trackId())
                    .setParameter("id", e.deviationId())
                    .setParameter("cause", cause.name())
                    .executeUpdate();
        }
        return e.deviationId();
    }

    public UUID recordTrackClosed(DeviationTrackClosedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_track (track_id, deviation_id, track_type, opened_at, closed_on, closure,
                                                  assessment, serious, authority_notified, notified_on_time)
                VALUES (:track, :id, :type, :openedAt, :closedOn, :closure, :assessment, :serious, :notified, :onTime)
                ON CONFLICT (track_id) DO UPDATE SET closed_on = excluded.closed_on, closure = excluded.closure,
                    opened_at = coalesce(deviation_fact_track.opened_at, excluded.opened_at),
                    assessment = coalesce(excluded.assessment, deviation_fact_track.assessment),
                    serious = coalesce(excluded.serious, deviation_fact_track.serious),
                    authority_notified = coalesce(excluded.authority_notified, deviation_fact_track.authority_notified),
                    notified_on_time = coalesce(excluded.notified_on_time, deviation_fact_track.notified_on_time)""")
                .setParameter("track", e.trackId())
                .setParameter("id", e.deviationId())
                .setParameter("type", e.trackType().name())
                .setParameter("openedAt", e.openedAt() == null ? null : Timestamp.from(e.openedAt()))
                .setParameter("closedOn", e.closedOn())
                .setParameter(
                        "closure", e.closure() == null ? null : e.closure().name())
                .setParameter(
                        "assessment",
                        e.assessment() == null ? null : e.assessment().name())
                .setParameter("serious", e.serious())
                .setParameter("notified", e.authorityNotified())
                .setParameter("onTime", e.notifiedOnTime())
                .executeUpdate();
        involve(e.deviationId(), e.involvedOrgUnitIds());
        return e.deviationId();
    }

    public UUID recordNotification(DeviationAuthorityNotifiedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_notification (notification_id, deviation_id, track_type, authority, kind,
                                                         sent_at, on_time, hours_late)
                VALUES (:nid, :id, :type, :authority, :kind, :sentAt, :onTime, :hoursLate)
                ON CONFLICT (notification_id) DO NOTHING""")
                .setParameter("nid", e.notificationId())
                .setParameter("id", e.deviationId())
                .setParameter("type", e.trackType().name())
                .setParameter("authority", e.authority().name())
                .setParameter("kind", e.kind().name())
                .setParameter("sentAt", Timestamp.from(e.sentAt()))
                .setParameter("onTime", e.onTime())
                .setParameter("hoursLate", e.hoursLate())
                .executeUpdate();
        return e.deviationId();
    }

    public void recordActionAdded(DeviationActionAddedV1 e) {
        upsertAction(e.actionId(), e.deviationId(), e.orgUnitId(), e.dueDate(), null, null, null, null);
    }

    public void recordActionDone(DeviationActionDoneV1 e) {
        upsertAction(e.actionId(), e.deviationId(), e.orgUnitId(), e.dueDate(), e.doneDate(), e.onTime(), null, null);
    }

    public void recordEffectChecked(DeviationActionEffectCheckedV1 e) {
        upsertAction(
                e.actionId(),
                e.deviationId(),
                e.orgUnitId(),
                e.dueDate(),
                e.doneDate(),
                null,
                e.checkedOn(),
                e.effective());
    }

    private void upsertAction(
            UUID actionId,
            UUID deviationId,
            UUID unit,
            LocalDate due,
            LocalDate done,
            Boolean onTime,
            LocalDate checked,
            Boolean effective) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_action (action_id, deviation_id, org_unit_id, due_on, done_on, done_on_time,
                                                   effect_checked_on, effective)
                VALUES (:aid, :id, :unit, :due, :done, :onTime, :checked, :effective)
                ON CONFLICT (action_id) DO UPDATE SET
                    org_unit_id = coalesce(excluded.org_unit_id, deviation_fact_action.org_unit_id),
                    due_on = coalesce(excluded.due_on, deviation_fact_action.due_on),
                    done_on = coalesce(excluded.done_on, deviation_fact_action.done_on),
                    done_on_time = coalesce(excluded.done_on_time, deviation_fact_action.done_on_time),
                    effect_checked_on = coalesce(excluded.effect_checked_on, deviation_fact_action.effect_checked_on),
                    effective = coalesce(excluded.effective, deviation_fact_action.effective)""")
                .setParameter("aid", actionId)
                .setParameter("id", deviationId)
                .setParameter("unit", unit)
                .setParameter("due", due)
                .setParameter("done", done)
                .setParameter("onTime", onTime)
                .setParameter("checked", checked)
                .setParameter("effective", effective)
                .executeUpdate();
    }

    public void recordOverdue(DeviationDeadlineOverdueV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_overdue (clock_id, deviation_id, clock_kind, org_unit_id, due_on)
                VALUES (:clock, :id, :kind, :unit, :due) ON CONFLICT (clock_id) DO NOTHING""")
                .setParameter("clock", e.clockId())
                .setParameter("id", e.deviationId())
                .setParameter("kind", e.clockKind().name())
                .setParameter("unit", e.orgUnitId())
                .setParameter("due", e.dueDate())
                .executeUpdate();
    }

    public UUID recordClosed(DeviationClosedV1 e) {
        em.createNativeQuery("""
                INSERT INTO deviation_fact_triage (deviation_id, triaged_at, closed_on) VALUES (:id, :at, :closed)
                ON CONFLICT (deviation_id) DO UPDATE SET closed_on = excluded.closed_on""")
                .setParameter("id", e.deviationId())
                // a report closed without a triage event keeps the closing categories below as its decision
                .setParameter("at", Timestamp.from(e.closedAt()))
                .setParameter("closed", e.closedOn())
                .executeUpdate();
        long categorised = ((Number)
                        em.createNativeQuery("SELECT count(*) FROM deviation_fact_category WHERE deviation_id = :id")
                                .setParameter("id", e.deviationId())
                                .getSingleResult())
                .longValue();
        if (categorised == 0) {
            for (DeviationCategory c : e.categories()) {
                em.createNativeQuery("""
                        INSERT INTO deviation_fact_category (deviation_id, category) VALUES (:id, :c)
                        ON CONFLICT DO NOTHING""")
                        .setParameter("id", e.deviationId())
                        .setParameter("c", c.name())
                        .executeUpdate();
            }
        }
        involve(e.deviationId(), e.involvedOrgUnitIds());
        return e.deviationId();
    }

    /**
     * Recomputes the derived columns (category bits, authority flags, several units) of the given
     * reports from the detail tables, in one statement, so they come out the same whatever order the
     * events arrived in and the day cells' statement triggers run once for all of them.
     */
    public void refresh(Collection<UUID> deviationIds) {
        if (deviationIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                UPDATE deviation_fact f SET
                    category_mask = coalesce((SELECT bit_or(report_category_bit(c.category)) FROM deviation_fact_category c
                                              WHERE c.deviation_id = f.deviation_id),
                                             report_category_bit(coalesce(f.category, 'UNCLASSIFIED'))),
                    multi_unit = EXISTS (SELECT 1 FROM deviation_fact_involved_unit i WHERE i.deviation_id = f.deviation_id
                                         AND i.org_unit_id <> f.org_unit_id),
                    flags = report_deviation_flags(f.deviation_id)
                WHERE f.deviation_id IN (:ids)""").setParameter("ids", deviationIds).executeUpdate();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
