package se.kvalitet.events.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventType;
import se.kvalitet.events.Topics;

/**
 * A snapshot of one org unit as it stands from {@code validFrom} on: published by
 * process-registry-service when a unit is created, renamed, moved, split, merged or closed. Each
 * snapshot is complete (consumers keep the latest per unit and date, and may keep all of them to
 * answer "as of" questions); the unit's history is the sequence of its snapshots. Unit names are
 * organisational, not personal data.
 *
 * @param orgUnitId         the unit (aggregate id)
 * @param code              the organisation's own code for the unit (e.g. cost centre), may be null
 * @param name              the unit's name from {@code validFrom}
 * @param type              the unit type (configurable: BOARD, ADMINISTRATION, DEPARTMENT, UNIT, GROUP, ...)
 * @param parentId          the parent unit from {@code validFrom}; null for a root (the board)
 * @param validFrom         the date this snapshot takes effect
 * @param active            false once the unit is closed (or merged into another) from {@code validFrom}
 * @param change            what happened: CREATED, RENAMED, MOVED, SPLIT, MERGED, CLOSED, UPDATED
 * @param relatedOrgUnitIds for SPLIT the units split off, for MERGED the unit it was merged into; else empty
 * @param changedAt         when the change was recorded
 */
@EventType(value = OrgUnitChangedV1.TYPE, topic = Topics.REGISTRY)
public record OrgUnitChangedV1(
        UUID orgUnitId,
        String code,
        String name,
        String type,
        UUID parentId,
        LocalDate validFrom,
        boolean active,
        String change,
        List<UUID> relatedOrgUnitIds,
        Instant changedAt)
        implements DomainEvent {

    public static final String TYPE = "se.kvalitet.registry.org-unit.changed.v1";

    public OrgUnitChangedV1 {
        relatedOrgUnitIds = relatedOrgUnitIds == null ? List.of() : List.copyOf(relatedOrgUnitIds);
    }

    @Override
    public String aggregateId() {
        return orgUnitId.toString();
    }
}
