package se.kvalitet.events.registry;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A measure (åtgärd) against a risk as it stands after an assessment. Who owns it personally is not
 * in the event: only the org unit that answers for it.
 *
 * @param measureId      the measure (followup-service links egenkontroll plans to it)
 * @param kind           act now, egenkontroll or internal control
 * @param status         planned, in progress, done, cancelled
 * @param dueDate        when it is due; may be null
 * @param ownerOrgUnitId the unit responsible for it; may be null
 */
public record MeasureRef(
        UUID measureId, MeasureKind kind, MeasureStatus status, LocalDate dueDate, UUID ownerOrgUnitId) {}
