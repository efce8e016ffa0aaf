package se.kvalitet.registry.requirement;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/** Request and response bodies of the requirement catalogue API (kravkatalog). */
public final class RequirementDtos {

    private RequirementDtos() {}

    @Schema(
            name = "Regulation",
            description = "A law, regulation (föreskrift), general advice (allmänna råd) or EU regulation")
    public record RegulationResponse(
            @Schema(example = "00000000-0000-4000-a000-000000000001")
            UUID id,

            @Schema(description = "How it is cited", example = "SOSFS 2011:9")
            String code,

            String title,

            @Schema(
                    description =
                            "LAW (lag), REGULATION (föreskrift), GENERAL_ADVICE (allmänna råd), EU_REGULATION (EU-förordning)")
            Regulation.Kind kind,

            @Schema(example = "Socialstyrelsen") String issuedBy,

            @Schema(description = "Where the authoritative text is")
            String url,

            Instant createdAt,
            Instant updatedAt) {

        static RegulationResponse of(Regulation r) {
            return new RegulationResponse(r.id, r.code, r.title, r.kind, r.issuedBy, r.url, r.createdAt, r.updatedAt);
        }
    }

    @Schema(name = "RegulationWithItems", description = "A regulation and its requirement items in order")
    public record RegulationWithItemsResponse(
            UUID id,
            String code,
            String title,
            Regulation.Kind kind,
            String issuedBy,
            String url,
            Instant createdAt,
            Instant updatedAt,

            @Schema(description = "Its items sorted by orderKey; withdrawn ones only when asked for")
            List<RequirementItemResponse> items) {

        static RegulationWithItemsResponse of(Regulation r, List<RequirementItem> items, LocalDate today) {
            return new RegulationWithItemsResponse(
                    r.id,
                    r.code,
                    r.title,
                    r.kind,
                    r.issuedBy,
                    r.url,
                    r.createdAt,
                    r.updatedAt,
                    items.stream()
                            .map(i -> RequirementItemResponse.of(i, today))
                            .toList());
        }
    }

    @Schema(
            name = "RequirementItem",
            description = "One requirement (krav): a paragraph of a regulation and whom it applies to")
    public record RequirementItemResponse(
            @Schema(example = "00000000-0000-4000-b001-000000040002")
            UUID id,

            UUID regulationId,
            @Schema(example = "SOSFS 2011:9") String regulationCode,

            @Schema(description = "The paragraph as cited", example = "4 kap. 2 §")
            String reference,

            @Schema(description = "Short summary (Swedish), not the legal text")
            String summary,

            @Schema(description = "Legal bases it applies to; empty = all")
            List<LegalBasis> appliesToLegalBases,

            @Schema(description = "Verksamhet kinds it applies to; empty = all")
            List<VerksamhetKind> appliesToKinds,

            @Schema(description = "Sort order within the regulation")
            int orderKey,

            @Schema(description = "Withdrawn on or before today")
            boolean withdrawn,

            @Schema(description = "First day it no longer applies; null while in force")
            LocalDate withdrawnOn,

            String withdrawnReason,
            Instant createdAt,
            Instant updatedAt) {

        static RequirementItemResponse of(RequirementItem i, LocalDate today) {
            return new RequirementItemResponse(
                    i.id,
                    i.regulation.id,
                    i.regulation.code,
                    i.reference,
                    i.summary,
                    i.legalBases.stream().sorted().toList(),
                    i.kinds.stream().sorted().toList(),
                    i.orderKey,
                    i.withdrawnBy(today),
                    i.withdrawnOn,
                    i.withdrawnReason,
                    i.createdAt,
                    i.updatedAt);
        }
    }

    @Schema(name = "RegulationRequest", description = "A regulation to add to the catalogue")
    public record RegulationRequest(
            @NotBlank @Size(max = 60) @Schema(example = "HSLF-FS 2017:40")
            String code,

            @NotBlank @Size(max = 300) String title,
            @NotNull Regulation.Kind kind,

            @NotBlank @Size(max = 200) @Schema(example = "Socialstyrelsen")
            String issuedBy,

            @Size(max = 500)
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            @Schema(description = "Where the authoritative text is (http or https)")
            String url) {

        public RequirementCommands.RegulationCommand toCommand() {
            return new RequirementCommands.RegulationCommand(code, title, kind, issuedBy, url);
        }
    }

    @Schema(name = "RequirementItemRequest", description = "A requirement item to add, or its full new state (replace)")
    public record RequirementItemRequest(
            @NotBlank @Size(max = 60) @Schema(example = "4 kap. 2 §")
            String reference,

            @NotBlank @Size(max = 2000) @Schema(description = "Short summary, preferably in Swedish")
            String summary,

            @Size(max = 20) @Schema(description = "Legal bases it applies to; empty or absent = all")
            Set<@NotNull LegalBasis> appliesToLegalBases,

            @Size(max = 20) @Schema(description = "Verksamhet kinds it applies to; empty or absent = all")
            Set<@NotNull VerksamhetKind> appliesToKinds,

            @NotNull @Min(0) @Max(1_000_000) @Schema(description = "Sort order within the regulation", example = "402")
            Integer orderKey) {

        public RequirementCommands.RequirementItemCommand toCommand() {
            return new RequirementCommands.RequirementItemCommand(
                    reference, summary, appliesToLegalBases, appliesToKinds, orderKey);
        }
    }

    @Schema(name = "WithdrawRequirementItem")
    public record WithdrawRequest(
            @Schema(description = "First day the item no longer applies; default today")
            LocalDate withdrawnOn,

            @Size(max = 500) @Schema(description = "Why, e.g. the paragraph was repealed")
            String reason) {

        public RequirementCommands.WithdrawCommand toCommand() {
            return new RequirementCommands.WithdrawCommand(withdrawnOn, reason);
        }
    }
}
