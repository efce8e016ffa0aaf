package se.kvalitet.deviation.triage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.Immutable;
import se.kvalitet.events.deviation.DeviationCategory;

/** One triage or reclassification decision, kept forever: the history of how a report was classified. */
@Entity
@Immutable
@Table(name = "triage_decision")
public class TriageDecision {

    @Id
    public UUID id;

    @Column(name = "deviation_id", nullable = false)
    public UUID deviationId;

    /** Comma-separated, sorted. */
    @Column(nullable = false, length = 300)
    public String categories;

    @Column(name = "previous_categories", nullable = false, length = 300)
    public String previousCategories;

    /** Why: required for "not a deviation here" and for every reclassification. */
    @Column(length = 4000)
    public String reason;

    @Column(name = "decided_by", nullable = false, length = 200)
    public String decidedBy;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    public static String join(List<DeviationCategory> categories) {
        return categories.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    public static List<DeviationCategory> split(String categories) {
        return categories.isEmpty()
                ? List.of()
                : Arrays.stream(categories.split(","))
                        .map(DeviationCategory::valueOf)
                        .toList();
    }
}
