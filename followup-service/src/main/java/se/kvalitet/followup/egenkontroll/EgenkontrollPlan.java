package se.kvalitet.followup.egenkontroll;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.followup.domain.Enums.EgenkontrollMethod;
import se.kvalitet.followup.domain.Enums.Frequency;

/**
 * An egenkontroll plan (SOSFS 2011:9 5 kap 2 §): what is checked, how, on which sample, how often,
 * by whom, and which routines and risks of the process registry it controls (seed 001: risk
 * analysis → routine → egenkontroll → deviation).
 */
@Entity
@Table(name = "egenkontroll_plan")
public class EgenkontrollPlan {

    /** An active plan is scheduled; a retired one keeps its history and gets no new occurrences. */
    public enum Status {
        ACTIVE,
        RETIRED
    }

    @Id
    public UUID id;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 4000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public EgenkontrollMethod method;

    /** How the sample is drawn (e.g. "10 slumpvis valda genomförandeplaner"). */
    @Column(length = 1000)
    public String sample;

    @Column(name = "sample_size")
    public Integer sampleSize;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Frequency frequency;

    @Column(name = "first_due_on", nullable = false)
    public LocalDate firstDueOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "responsible_role", nullable = false, length = 200)
    public String responsibleRole;

    @Column(name = "indicator_id")
    public UUID indicatorId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "egenkontroll_plan_routine", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "routine_id", nullable = false)
    public Set<UUID> routineIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "egenkontroll_plan_risk", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "risk_id", nullable = false)
    public Set<UUID> riskIds = new LinkedHashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The due dates from the first one on, every {@code frequency}, up to and including {@code until} (and the end date). */
    public List<LocalDate> dueDatesUntil(LocalDate until) {
        List<LocalDate> out = new ArrayList<>();
        int months = frequency.months();
        if (months == 0) {
            return out;
        }
        LocalDate last = endsOn != null && endsOn.isBefore(until) ? endsOn : until;
        for (int n = 0; ; n++) {
            LocalDate d = firstDueOn.plusMonths((long) n * months);
            if (d.isAfter(last)) {
                return out;
            }
            out.add(d);
        }
    }
}
