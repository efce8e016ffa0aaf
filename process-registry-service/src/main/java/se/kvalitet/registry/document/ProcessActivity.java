package se.kvalitet.registry.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One activity of a process version, in its order (SOSFS 2011:9 4 kap. 3 §: the activities of each
 * process and their order). {@link #activityId} is the activity's identity across versions: routines
 * link to it; {@link #id} is this version's row.
 */
@Entity
@Table(name = "process_activity")
public class ProcessActivity {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id", nullable = false)
    public DocumentVersion version;

    @Column(name = "activity_id", nullable = false)
    public UUID activityId;

    /** From 1, without gaps. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 4000)
    public String description;

    public ProcessActivity copyInto(DocumentVersion target) {
        ProcessActivity a = new ProcessActivity();
        a.id = UUID.randomUUID();
        a.version = target;
        a.activityId = activityId;
        a.position = position;
        a.name = name;
        a.description = description;
        return a;
    }
}
