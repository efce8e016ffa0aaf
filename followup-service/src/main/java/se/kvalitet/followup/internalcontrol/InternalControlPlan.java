package se.kvalitet.followup.internalcontrol;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/**
 * The yearly internal control plan (internkontrollplan): the risks chosen for control, the
 * controls, their results and the report to the board (seed 001, kvalitetsinsats 9: "redovisas
 * för socialnämnden i samband med årsbokslutet"). DRAFT → ADOPTED (fastställd) → REPORTED; a
 * reported plan is final.
 */
@Entity
@Table(name = "internal_control_plan")
public class InternalControlPlan {

    public enum Status {
        DRAFT,
        ADOPTED,
        REPORTED
    }

    @Id
    public UUID id;

    /** The board or administration the plan belongs to. */
    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false, length = 300)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "adopted_on")
    public LocalDate adoptedOn;

    /** The decision, e.g. "Socialnämnden 2025-02-20 § 14". */
    @Column(name = "adopted_by", length = 300)
    public String adoptedBy;

    @Column(name = "report_summary", length = 8000)
    public String reportSummary;

    @Column(name = "reported_on")
    public LocalDate reportedOn;

    @Column(name = "reported_to", length = 300)
    public String reportedTo;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("position")
    public List<InternalControlItem> items = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public Optional<InternalControlItem> item(UUID itemId) {
        return items.stream().filter(i -> i.id.equals(itemId)).findFirst();
    }

    public void requireStatus(Status expected, String what) {
        if (status != expected) {
            throw ProblemException.conflict(
                            "invalid-transition", "An internal control plan that is " + status + " cannot " + what)
                    .with("currentState", status.name());
        }
    }

    public void adopt(LocalDate on, String by, Instant now) {
        requireStatus(Status.DRAFT, "be adopted");
        if (items.isEmpty()) {
            throw ProblemException.unprocessable(
                    "plan-empty", "An internal control plan needs at least one control to be adopted", List.of());
        }
        status = Status.ADOPTED;
        adoptedOn = on;
        adoptedBy = by;
        updatedAt = now;
    }

    /** The report to the board: every control must have a result (done, with or without remarks, or not done). */
    public void report(String summary, LocalDate on, String to, Instant now) {
        requireStatus(Status.ADOPTED, "be reported");
        List<Problem.FieldError> missing = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            if (items.get(n).resultStatus == null) {
                missing.add(new Problem.FieldError(
                        "items[" + n + "]", "control '" + items.get(n).id + "' has no result yet"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable(
                    "results-missing", "Every control needs a result before the plan is reported", missing);
        }
        status = Status.REPORTED;
        reportSummary = summary;
        reportedOn = on;
        reportedTo = to;
        updatedAt = now;
    }
}
