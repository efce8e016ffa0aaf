package se.kvalitet.report.content;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a chapter's part of the regulation is met: computed by a stated rule from the read
 * models, and overridable by the quality team with a written justification (both are kept).
 */
@Schema(name = "Verdict")
public record Verdict(
        @Schema(description = "What the rule computed") Level computed,
        @Schema(description = "The rule, in Swedish") String rule,

        @Schema(description = "The figures the rule was applied to")
        String basis,

        @Schema(description = "The quality team's verdict where it differs from the computed one, else null")
        Level override,

        @Schema(description = "Why the quality team overrode it")
        String justification,

        @Schema(description = "The verdict that stands: the override when given, else the computed")
        Level effective) {

    /** uppfyller / uppfyller delvis / uppfyller inte. */
    public enum Level {
        MEETS("Uppfyller"),
        PARTLY("Uppfyller delvis"),
        DOES_NOT_MEET("Uppfyller inte");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Verdict computed(Level level, String rule, String basis) {
        return new Verdict(level, rule, basis, null, null, level);
    }

    public Verdict overriddenBy(Level level, String why) {
        if (level == null) {
            return this;
        }
        return new Verdict(computed, rule, basis, level, why, level);
    }
}
