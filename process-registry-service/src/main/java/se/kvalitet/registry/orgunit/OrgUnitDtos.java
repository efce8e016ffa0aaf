package se.kvalitet.registry.orgunit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the organisation API. */
public final class OrgUnitDtos {

    private OrgUnitDtos() {}

    @Schema(name = "OrgUnit", description = "An org unit (organisatorisk enhet) as it stood on a day")
    public record OrgUnitResponse(
            UUID id,

            @Schema(description = "The organisation's own code (e.g. cost centre)")
            String code,

            String name,

            @Schema(
                    description =
                            "Unit type, e.g. BOARD (nämnd), ADMINISTRATION (förvaltning), DEPARTMENT, UNIT, GROUP")
            String type,

            UUID parentId,
            boolean active,

            @Schema(description = "First day of this version")
            LocalDate validFrom,

            @Schema(description = "First day of the next version; null while current")
            LocalDate validTo,

            @Schema(description = "What this version recorded: CREATED, RENAMED, MOVED, SPLIT, MERGED, CLOSED")
            String change,

            List<UUID> relatedOrgUnitIds,

            @Schema(
                    description = "When this version was recorded: the changedAt of the org-unit.changed event"
                            + " that published it (a consuming service that looks a unit up stores it as that event"
                            + " would)")
            Instant changedAt) {

        static OrgUnitResponse of(OrgUnitVersion v) {
            return new OrgUnitResponse(
                    v.orgUnitId,
                    v.code,
                    v.name,
                    v.type,
                    v.parentId,
                    v.active,
                    v.validFrom,
                    v.validTo,
                    v.change.name(),
                    v.related(),
                    v.recordedAt);
        }
    }

    @Schema(name = "CreateOrgUnit")
    public record CreateOrgUnitRequest(
            @Schema(description = "Optional id chosen by the caller (e.g. migrated from an HR system)")
            UUID id,

            @Size(max = 40) String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String type,

            @Schema(description = "Parent unit; only the top type (the board) has none")
            UUID parentId,

            @Schema(description = "First day the unit exists; default today")
            LocalDate validFrom) {}

    @Schema(name = "RenameOrgUnit")
    public record RenameRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 40) String code,
            LocalDate effectiveFrom) {}

    @Schema(name = "MoveOrgUnit")
    public record MoveRequest(@NotNull UUID parentId, LocalDate effectiveFrom) {}

    @Schema(name = "CloseOrgUnit")
    public record CloseRequest(LocalDate effectiveFrom) {}

    @Schema(name = "MergeOrgUnit")
    public record MergeRequest(@NotNull UUID intoId, LocalDate effectiveFrom) {}

    @Schema(name = "SplitOrgUnitPart")
    public record SplitPart(
            @Size(max = 40) String code,
            @NotBlank @Size(max = 200) String name) {}

    @Schema(name = "SplitOrgUnit")
    public record SplitRequest(
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SplitPart> parts,

            @Schema(description = "Close the original unit from the same day")
            boolean closeOriginal,

            LocalDate effectiveFrom) {}
}
