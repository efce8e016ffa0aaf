package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * The requirement coverage of one operating unit (a unit that runs a verksamhet) changed: which
 * applicable requirements an approved routine or other document in force satisfies, and which
 * have none (the gaps of seed 002's matrix). A complete snapshot, published only when it differs
 * from the unit's previous one (after approvals, withdrawals, changes to verksamheter, the
 * requirement catalogue or the tree, and by the daily scheduler for changes that take effect on a
 * later day). Consumers aggregate units to departments with their copy of the tree.
 *
 * @param orgUnitId              the unit (aggregate id)
 * @param asOf                   the day the coverage was computed for
 * @param verksamhetIds          the verksamheter the unit runs (directly or through a unit above it)
 * @param applicableCount        the number of requirement items that apply to them
 * @param coveredRequirementItemIds the applicable items satisfied by at least one document in force for the unit
 * @param gaps                   the applicable items with no document in force (followUpMethod null)
 * @param documentsInForceCount  approved documents in force for the unit (directly or through a unit above it)
 * @param computedAt             when it was computed
 */
@EventType(value = UnitCoverageChangedV1.TYPE, topic = Topics.REGISTRY)
public record UnitCoverageChangedV1(
        UUID orgUnitId,
        LocalDate asOf,
        List<UUID> verksamhetIds,
        int applicableCount,
        List<UUID> coveredRequirementItemIds,
        List<RequirementRef> gaps,
        int documentsInForceCount,
        Instant computedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.unit-coverage.changed.v1";

    public UnitCoverageChangedV1 {
        verksamhetIds = verksamhetIds == null ? List.of() : List.copyOf(verksamhetIds);
        coveredRequirementItemIds =
                coveredRequirementItemIds == null ? List.of() : List.copyOf(coveredRequirementItemIds);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    @Override
    public String aggregateId() {
        return orgUnitId.toString();
    }
}
