package se.kvalitet.followup.indicator;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.followup.domain.Enums.DerivedMetric;
import se.kvalitet.followup.domain.Enums.Frequency;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.domain.Evaluator;
import se.kvalitet.followup.domain.Period;

/**
 * An indicator (nyckeltal): what is followed up, how, how often, by whom, and its målvärden over
 * time (SOSFS 2011:9 4 kap 6 §; seed 000's tables).
 */
@Entity
@Table(name = "indicator")
public class Indicator {

    @Id
    public UUID id;

    @Column(nullable = false, length = 60)
    public String code;

    @Column(nullable = false, length = 300)
    public String name;

    @Column(length = 4000)
    public String description;

    @Column(name = "criterion_code", nullable = false, length = 60)
    public String criterionCode;

    @Column(name = "goal_id")
    public UUID goalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "unit_of_measure", nullable = false, length = 20)
    public UnitOfMeasure unitOfMeasure;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public Method method;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Frequency frequency;

    @Column(name = "responsible_role", length = 200)
    public String responsibleRole;

    @Column(name = "responsible_org_unit_id")
    public UUID responsibleOrgUnitId;

    @Column(nullable = false)
    public int decimals;

    @Column(name = "gender_split", nullable = false)
    public boolean genderSplit;

    @Column(name = "kolada_kpi", length = 20)
    public String koladaKpi;

    /** Fewer answers than this and a value is shown as missing (TOO_FEW_RESPONSES); null: no threshold. */
    @Column(name = "min_responses")
    public Integer minResponses;

    /** For method DERIVED_FROM_EVENTS: the deviation-event metric the values are computed from. */
    @Enumerated(EnumType.STRING)
    @Column(name = "derived_metric", length = 40)
    public DerivedMetric derivedMetric;

    /** For {@link DerivedMetric#DEVIATION_COUNT}: only reports of this category; null counts every report. */
    @Enumerated(EnumType.STRING)
    @Column(name = "derived_category", length = 40)
    public DeviationCategory derivedCategory;

    @OneToMany(mappedBy = "indicator", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("validFrom")
    public List<IndicatorTarget> targets = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public Evaluator.Spec spec() {
        return new Evaluator.Spec(unitOfMeasure, decimals, minResponses);
    }

    /** The målvärde valid for {@code period}: the latest one whose validity starts on or before it. */
    public Optional<IndicatorTarget> targetFor(Period period) {
        IndicatorTarget found = null;
        for (IndicatorTarget t : targets) {
            if (!t.validFrom.isAfter(period.start())) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }
}
