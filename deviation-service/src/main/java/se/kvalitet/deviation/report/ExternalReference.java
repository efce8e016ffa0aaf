package se.kvalitet.deviation.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.web.privacy.Identifier;

/** Where a case-management system keeps the same report. */
@Schema(name = "ExternalReference")
public record ExternalReference(
        @Schema(example = "treserva") @NotBlank @Size(max = 100) @Identifier
        String source,

        @Schema(example = "AV-2026-00123") @NotBlank @Size(max = 200) @Identifier
        String id) {}
