package se.kvalitet.orgcopy;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One snapshot of an org unit as the copy keeps it: valid from {@code validFrom} until
 * {@code validTo} (exclusive; null while it is the unit's latest snapshot).
 *
 * @param type   the registry's unit type (BOARD, ADMINISTRATION, DEPARTMENT, UNIT, ...); null only for
 *               a unit carried over from an earlier copy that did not keep it
 * @param active false once the unit is closed (or merged into another)
 */
public record OrgUnit(
        UUID id,
        UUID parentId,
        String code,
        String name,
        String type,
        boolean active,
        LocalDate validFrom,
        LocalDate validTo) {

    public boolean validOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
    }
}
