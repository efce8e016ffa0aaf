package se.kvalitet.report.signing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import se.kvalitet.report.lifecycle.Roles;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.QueryParams;

/**
 * Checks a PDF someone holds (downloaded from the municipality's website, sent by e-mail) against
 * the report's stored approved versions: the file is an approved version when it, or the part its
 * signature covers, has the SHA-256 of an approved PDF; and its signature must verify.
 */
@Path("/report/v1/reports/{id}/verifications")
@Tag(name = "Yearly reports (kvalitetsberättelse, patientsäkerhetsberättelse)")
@SecurityRequirement(name = "SecurityScheme")
public class PdfVerificationResource {

    @Inject
    ApprovedVersions approvedVersions;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({
        Roles.QUALITY_TEAM,
        Roles.ADMIN,
        Roles.VIEWER,
        Roles.UNIT_MANAGER,
        Roles.MEDICALLY_RESPONSIBLE,
        Roles.BI_READER
    })
    @Operation(
            summary = "Verify a presented PDF against the report's approved versions",
            description =
                    "The body is the PDF file (Content-Type application/pdf, at most the service's body limit). The "
                            + "answer says whether it is an approved version byte for byte (MATCHES), whether its signed part is one "
                            + "with something appended after the signature (MODIFIED_AFTER_SIGNING), or neither (NO_MATCH), with the "
                            + "signature's validity, signer and time. Nothing is stored.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = "application/pdf",
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "200",
            description = "The verification (also when the file does not match)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PdfVerification.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed id, empty body, or not a PDF",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report, or it has no approved version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PdfVerification verify(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] pdf) {
        // the media type is checked here, after authentication and roles (a caller without access learns nothing more)
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")) {
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "Send the PDF itself with Content-Type application/pdf");
        }
        UUID reportId = QueryParams.uuid("id", id);
        if (pdf == null
                || pdf.length < 8
                || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw ProblemException.badRequest("not-a-pdf", "The body is not a PDF file", List.of());
        }
        List<PdfVerification.ApprovedVersion> approved = approvedVersions.of(reportId);
        if (approved.isEmpty()) {
            throw ProblemException.notFound("Approved version of report " + reportId);
        }
        return PdfVerifier.verify(pdf, approved);
    }
}
