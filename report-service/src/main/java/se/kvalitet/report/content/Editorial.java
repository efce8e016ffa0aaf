package se.kvalitet.report.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What people write into a report: a summary, a narrative per chapter, verdict overrides with their
 * justification, and next year's focus areas. Stored on the report and merged into every version
 * generated after it was saved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReportEditorial")
public record Editorial(
        @Size(max = 200)
        @Schema(description = "Title; default Kvalitetsberättelse YYYY / Patientsäkerhetsberättelse YYYY")
        String title,

        @Size(max = 20000) @Schema(description = "Sammanfattning")
        String summary,

        @Valid @Size(max = 20) @Schema(description = "Per chapter key (see the content's chapters)")
        Map<@Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String, @Valid ChapterText> chapters,

        @Size(max = 20) @Schema(description = "Next year's focus areas, in order")
        List<@NotBlank @Size(max = 500) String> focusAreas) {

    public static final Editorial EMPTY = new Editorial(null, null, Map.of(), List.of());

    public Editorial {
        chapters = chapters == null ? Map.of() : Map.copyOf(chapters);
        focusAreas = focusAreas == null ? List.of() : List.copyOf(focusAreas);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReportChapterText")
    public record ChapterText(
            @Size(max = 20000) @Schema(description = "The chapter's narrative (arbete, analys)")
            String narrative,

            @Schema(description = "Override of the computed verdict")
            Verdict.Level verdictOverride,

            @Size(max = 2000)
            @Schema(description = "Required with an override: why the computed verdict does not stand")
            String justification) {}
}
