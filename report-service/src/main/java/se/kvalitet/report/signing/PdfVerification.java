package se.kvalitet.report.signing;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the verification of a presented PDF against a report's approved versions found. */
@Schema(name = "PdfVerification", description = "A presented PDF checked against the report's stored approved versions")
public record PdfVerification(
        @Schema(
                description =
                        "MATCHES: the presented file is an approved version, byte for byte, with a valid signature; "
                                + "MODIFIED_AFTER_SIGNING: its signed part is an approved version, but something was appended after the "
                                + "signature; NO_MATCH: it is not (or not only) an approved version of this report",
                example = "MATCHES")
        Result result,

        @Schema(description = "SHA-256 (hex) of the presented file")
        String presentedSha256,

        @Schema(
                description = "Whether the file carries a signature and it verifies (CMS signature and digest over its "
                        + "byte range)")
        boolean signatureValid,

        @Schema(description = "The signing certificate's subject, as in the document's approval block")
        String signer,

        @Schema(description = "SHA-256 (hex) of the signing certificate")
        String certificateSha256,

        @Schema(description = "The signing time in the signature dictionary")
        Instant signedAt,

        @Schema(description = "The approved version the signed part is, or null")
        ApprovedVersion approvedVersion) {

    public enum Result {
        MATCHES,
        MODIFIED_AFTER_SIGNING,
        NO_MATCH
    }

    @Schema(name = "PdfVerificationApprovedVersion")
    public record ApprovedVersion(
            UUID reportId,
            UUID versionId,
            int number,
            Instant approvedAt,
            String contentHash,

            @Schema(description = "SHA-256 of the stored approved PDF (as published in report.approved.v1)")
            String pdfHash) {}
}
