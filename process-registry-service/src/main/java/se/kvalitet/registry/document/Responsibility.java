package se.kvalitet.registry.document;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/**
 * One line of a routine's responsibility allocation (ansvarsfördelning, SOSFS 2011:9 4 kap. 4 §):
 * what is to be done and which role or unit is responsible.
 */
@Embeddable
public class Responsibility {

    @Column(nullable = false, length = 500)
    public String task;

    @Column(name = "responsible_role", length = 200)
    public String responsibleRole;

    @Column(name = "responsible_org_unit_id")
    public UUID responsibleOrgUnitId;

    public Responsibility() {}

    public Responsibility(String task, String responsibleRole, UUID responsibleOrgUnitId) {
        this.task = task;
        this.responsibleRole = responsibleRole;
        this.responsibleOrgUnitId = responsibleOrgUnitId;
    }
}
