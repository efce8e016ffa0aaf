package se.kvalitet.registry.cooperation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.registry.CooperationPartnerKind;

/** Request and response bodies of the cooperation partners API (samverkansparter). */
public final class CooperationPartnerDtos {

    private CooperationPartnerDtos() {}

    @Schema(
            name = "CooperationPartner",
            description = "An organisation the socialnämnd cooperates with (samverkanspart)")
    public record PartnerResponse(
            UUID id,
            @Schema(example = "Region Stockholm") String name,
            CooperationPartnerKind kind,
            String organisationNumber,
            String description,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {

        static PartnerResponse of(CooperationPartner p) {
            return new PartnerResponse(
                    p.id, p.name, p.kind, p.organisationNumber, p.description, p.active, p.createdAt, p.updatedAt);
        }
    }

    @Schema(name = "CooperationPartnerRequest", description = "A partner to add, or its full new state (replace)")
    public record PartnerRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Polismyndigheten, lokalpolisområde Norr")
            String name,

            @NotNull
            @Schema(
                    description = "REGION, POLICE, FORSAKRINGSKASSAN, ARBETSFORMEDLINGEN, KRIMINALVARDEN, SCHOOL, "
                            + "OTHER_ADMINISTRATION, OTHER_MUNICIPALITY, PRIVATE_PROVIDER, NGO, OTHER_AUTHORITY, OTHER")
            CooperationPartnerKind kind,

            @Size(max = 20)
            @Pattern(regexp = "\\d{6}-?\\d{4}", message = "must be an organisationsnummer (NNNNNN-NNNN)")
            String organisationNumber,

            @Size(max = 2000) String description,

            @Schema(description = "False once the cooperation ended; default true")
            Boolean active) {
        public CooperationCommands.PartnerCommand toCommand() {
            return new CooperationCommands.PartnerCommand(name, kind, organisationNumber, description, active);
        }
    }
}
