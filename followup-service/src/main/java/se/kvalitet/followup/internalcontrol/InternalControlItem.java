package se.kvalitet.followup.internalcontrol;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import se.kvalitet.events.followup.InternalControlOverdueV1;

/** One control of an internal control plan: the risk chosen, how it is controlled, by whom, and its result. */
@Entity
@Table(name = "internal_control_item")
public class InternalControlItem {

    /** The result of a control. */
    public enum ResultStatus {
        /** Genomförd utan anmärkning. */
        DONE_NO_REMARKS,
        /** Genomförd med anmärkning (brister funna). */
        DONE_WITH_REMARKS,
        /** Ej genomförd. */
        NOT_DONE
    }

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "plan_id")
    public InternalControlPlan plan;

    @Column(nullable = false)
    public int position;

    /** The risk in process-registry-service's risk analysis, when it is registered there. */
    @Column(name = "risk_id")
    public UUID riskId;

    @Column(nullable = false, length = 1000)
    public String risk;

    /** Sannolikhet 1-4. */
    public Integer likelihood;

    /** Konsekvens 1-4. */
    public Integer consequence;

    @Column(nullable = false, length = 2000)
    public String control;

    @Column(length = 1000)
    public String method;

    /** When or how often, e.g. "Tertial 2" or "Två gånger per år". */
    @Column(length = 300)
    public String schedule;

    @Column(name = "responsible_role", nullable = false, length = 200)
    public String responsibleRole;

    @Column(name = "egenkontroll_plan_id")
    public UUID egenkontrollPlanId;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "result_status", length = 30)
    public ResultStatus resultStatus;

    @Column(length = 4000)
    public String result;

    @Column(name = "deviations_found")
    public Integer deviationsFound;

    @Column(length = 4000)
    public String actions;

    @Column(name = "completed_on")
    public LocalDate completedOn;

    /** Whether {@code internal-control.overdue} was published for this control (once; the scheduler). */
    @Column(name = "overdue_notified", nullable = false)
    public boolean overdueNotified;

    /**
     * Overdue on {@code day}: it has a due date, the day is after it, and it had not been carried out by then
     * (completed on the day itself counts). A control reported NOT_DONE was never carried out and has no completion
     * day, so it stays overdue after its due date. From the stored dates, so any day answers as it was or will be.
     */
    public boolean isOverdueOn(LocalDate day) {
        if (dueOn == null || !day.isAfter(dueOn)) {
            return false;
        }
        return completedOn == null || completedOn.isAfter(day);
    }

    /**
     * The overdue event, once: when the control is overdue on {@code day} (as {@link #isOverdueOn} answers) and of
     * an adopted plan (a draft's controls are not in force yet, a reported plan is final); else null.
     */
    public InternalControlOverdueV1 markOverdueIfDue(LocalDate day) {
        if (overdueNotified || plan.status != InternalControlPlan.Status.ADOPTED || !isOverdueOn(day)) {
            return null;
        }
        overdueNotified = true;
        return new InternalControlOverdueV1(plan.id, id, plan.orgUnitId, plan.year, dueOn);
    }

    /** Risk value (riskvärde) = likelihood × consequence, when both are assessed. */
    public Integer riskValue() {
        return likelihood == null || consequence == null ? null : likelihood * consequence;
    }
}
