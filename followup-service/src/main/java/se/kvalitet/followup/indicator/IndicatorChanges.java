package se.kvalitet.followup.indicator;

import static se.kvalitet.followup.domain.Numbers.plain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import se.kvalitet.events.followup.IndicatorChangedV1;
import se.kvalitet.followup.criterion.QualityCriterion;
import se.kvalitet.followup.criterion.QualityCriterionRepository;
import se.kvalitet.messaging.Outbox;

/**
 * {@code indicator.changed}: the indicator's full snapshot with its revision one higher each time,
 * published through the outbox in the caller's transaction when an indicator is created or replaced
 * and when its criterion's name changes. A replaced indicator's cells are re-evaluated by whoever
 * observes {@link Reevaluation} (evaluation's {@code EvaluationEvents}, in the same transaction), so
 * this feature does not depend on evaluation.
 */
@ApplicationScoped
public class IndicatorChanges {

    private static final Logger LOG = Logger.getLogger(IndicatorChanges.class);

    /** Fired (synchronously, in the caller's transaction) when every cell of an indicator is to be evaluated again. */
    public record Reevaluation(Indicator indicator) {}

    @Inject
    Outbox outbox;

    @Inject
    QualityCriterionRepository criteria;

    @Inject
    IndicatorRepository indicators;

    @Inject
    DataSource dataSource;

    @Inject
    Event<Reevaluation> reevaluation;

    /** Publishes the indicator's snapshot with the next revision (call after its changes are flushed). */
    public void changed(Indicator i) {
        long revision = nextRevision(i.id);
        QualityCriterion c = criteria.findById(i.criterionCode);
        List<IndicatorChangedV1.Target> targets = i.targets.stream()
                .sorted(java.util.Comparator.comparing((IndicatorTarget t) -> t.validFrom))
                .map(t -> new IndicatorChangedV1.Target(
                        t.validFromPeriod, t.comparator, plain(t.targetValue), plain(t.targetUpper)))
                .toList();
        outbox.publish(new IndicatorChangedV1(
                i.id,
                revision,
                i.code,
                i.name,
                i.criterionCode,
                c == null ? i.criterionCode : c.nameSv,
                i.goalId,
                i.unitOfMeasure.name(),
                i.method.name(),
                i.frequency.name(),
                i.decimals,
                i.genderSplit,
                i.koladaKpi,
                i.minResponses,
                i.derivedMetric == null ? null : i.derivedMetric.name(),
                i.derivedCategory == null ? null : i.derivedCategory.name(),
                i.responsibleOrgUnitId,
                targets,
                i.updatedAt));
    }

    /** Publishes the snapshot and has every cell of {@code i} evaluated again (its målvärden, decimals or threshold changed). */
    public void replaced(Indicator i) {
        changed(i);
        reevaluation.fire(new Reevaluation(i));
    }

    /** A new snapshot of every indicator of a criterion whose name changed. */
    public void criterionRenamed(String criterionCode) {
        for (Indicator i : indicators.list("criterionCode", criterionCode)) {
            changed(i);
        }
    }

    /**
     * Indicators never published (they existed before these events): their snapshot and evaluations
     * are published once at start, each in its own transaction, so consumers learn about them.
     */
    void backfill(@Observes @Priority(10) StartupEvent ev) {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(this::neverPublished);
        for (UUID id : ids) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (lockRevision(id) != 0) {
                        return; // another instance did it
                    }
                    Indicator i = indicators.findById(id);
                    changed(i);
                    reevaluation.fire(new Reevaluation(i));
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not publish indicator %s at start; it is tried again at the next start", id);
            }
        }
        if (!ids.isEmpty()) {
            LOG.infof("published %d indicators that had never been published", ids.size());
        }
    }

    private long nextRevision(UUID id) {
        return single("UPDATE indicator SET revision = revision + 1 WHERE id = ? RETURNING revision", id);
    }

    private List<UUID> neverPublished() {
        List<UUID> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM indicator WHERE revision = 0 ORDER BY code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read indicators", e);
        }
        return out;
    }

    private long lockRevision(UUID id) {
        return single("SELECT revision FROM indicator WHERE id = ? FOR UPDATE", id);
    }

    private long single(String sql, UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no indicator " + id);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the indicator's revision", e);
        }
    }
}
