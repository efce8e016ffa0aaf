package se.kvalitet.report.lifecycle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.Editorial;

/** Requests and responses of the report resources. */
public final class ReportDtos {

    private ReportDtos() {}

    @Schema(name = "CreateReportRequest", description = "A yearly report for an organisation (its subtree)")
    public record CreateRequest(
            @NotNull
            @Schema(
                    description = "KVALITETSBERATTELSE (SOSFS 2011:9 7 kap. 1 §) or PATIENTSAKERHETSBERATTELSE "
                            + "(patientsäkerhetslagen 3 kap. 10 §)",
                    example = "KVALITETSBERATTELSE")
            ReportKind kind,

            @NotNull @Min(2000) @Max(2100) @Schema(example = "2025")
            Integer year,

            @NotNull @Schema(description = "The organisation (e.g. the board); the report covers its subtree")
            UUID orgUnitId,

            @Size(max = 200) @Schema(description = "Title; default Kvalitetsberättelse YYYY")
            String title) {}

    @Schema(name = "ApproveReportVersionRequest")
    public record ApproveRequest(
            @Size(max = 1000)
            @Schema(description = "Decision reference, e.g. the board's paragraph (SN § 79, Dnr SN 2023-511)")
            String note) {}

    @Schema(name = "ReportVersion", description = "A generated version: a draft until approved, then frozen forever")
    public record Version(
            UUID id,
            UUID reportId,

            @Schema(description = "1, 2, ... within the report")
            int number,

            @Schema(description = "PENDING, GENERATING, DRAFT (generated), FAILED or APPROVED")
            String status,

            Instant requestedAt,
            Instant generatedAt,
            Instant approvedAt,

            @Schema(description = "Decision reference given at approval")
            String approvalNote,

            @Schema(
                    description =
                            "SHA-256 (hex) of the canonical JSON content; equal for two versions from the same data")
            String contentHash,

            @Schema(description = "SHA-256 (hex) of the PDF/A document")
            String pdfHash,

            @Schema(description = "Distinct deviation reports counted")
            Long deviationCount,

            @Schema(description = "Why generation failed") String error,

            @Schema(description = "Download links once generated")
            Links links) {}

    @Schema(name = "ReportVersionLinks")
    public record Links(String self, String json, String html, String pdf, String xlsx) {}

    @Schema(name = "Report", description = "A yearly report: its definition, editorial text and versions")
    public record Report(
            UUID id,
            ReportKind kind,
            int year,
            UUID orgUnitId,
            String title,

            @Schema(description = "Patientsäkerhetsberättelse: 1 March the following year; else null")
            LocalDate dueDate,

            @Schema(description = "Due date passed without an approved version")
            boolean overdue,

            @Schema(description = "Narratives, verdict overrides and focus areas (quality team and admins only)")
            Editorial editorial,

            @Schema(description = "The newest version the caller may see, or null")
            Version latestVersion,

            @Schema(description = "The newest approved version, or null")
            Version approvedVersion,

            Instant createdAt,
            Instant updatedAt) {}
}
