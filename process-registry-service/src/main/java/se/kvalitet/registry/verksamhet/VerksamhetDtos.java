package se.kvalitet.registry.verksamhet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/** Request and response bodies of the verksamheter API. */
public final class VerksamhetDtos {

    private VerksamhetDtos() {}

    @Schema(
            name = "Verksamhet",
            description = "An area of operation (verksamhet), the laws it is run under and the units that run it")
    public record VerksamhetResponse(
            UUID id,

            @Schema(description = "The organisation's own code", example = "ÄO-HT")
            String code,

            @Schema(example = "Hemtjänst") String name,
            String description,

            @Schema(description = "Legal bases (rättsliga grunder), sorted")
            List<LegalBasis> legalBases,

            @Schema(description = "Kinds of verksamhet (verksamhetsområden), sorted")
            List<VerksamhetKind> kinds,

            @Schema(description = "Org units that run it, sorted")
            List<UUID> orgUnitIds,

            Instant createdAt,
            Instant updatedAt) {

        static VerksamhetResponse of(Verksamhet v) {
            return new VerksamhetResponse(
                    v.id,
                    v.code,
                    v.name,
                    v.description,
                    v.legalBases.stream().sorted().toList(),
                    v.kinds.stream().sorted().toList(),
                    v.orgUnitIds.stream().sorted().toList(),
                    v.createdAt,
                    v.updatedAt);
        }
    }

    @Schema(name = "VerksamhetRequest", description = "A verksamhet to create, or its full new state (replace)")
    public record VerksamhetRequest(
            @NotBlank @Size(max = 40) @Schema(example = "ÄO-HT")
            String code,

            @NotBlank @Size(max = 200) @Schema(example = "Hemtjänst")
            String name,

            @Size(max = 4000) String description,

            @NotEmpty
            @Size(max = 20)
            @Schema(description = "At least one legal basis", example = "[\"SOL\", \"HSL\", \"GDPR\"]")
            Set<@NotNull LegalBasis> legalBases,

            @NotEmpty
            @Size(max = 20)
            @Schema(description = "At least one kind", example = "[\"HOME_CARE\", \"ELDERLY_CARE\"]")
            Set<@NotNull VerksamhetKind> kinds,

            @NotNull
            @Size(max = 500)
            @Schema(description = "Org units of this registry that run it (may be empty); an unknown id is a 422")
            List<@NotNull UUID> orgUnitIds) {

        public VerksamhetCommands.VerksamhetCommand toCommand() {
            return new VerksamhetCommands.VerksamhetCommand(code, name, description, legalBases, kinds, orgUnitIds);
        }
    }
}
