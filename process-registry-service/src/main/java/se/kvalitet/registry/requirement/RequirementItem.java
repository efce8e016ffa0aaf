package se.kvalitet.registry.requirement;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/**
 * One requirement (krav) of a {@link Regulation}: a paragraph such as "4 kap. 2 §" with a short
 * summary, and the verksamhet kinds and legal bases it applies to (none listed = applies to all).
 * Items are never deleted: routines and coverage will point at them, so a repealed paragraph is
 * withdrawn from a day and stays readable.
 */
@Entity
@Table(name = "requirement_item")
public class RequirementItem {

    @Id
    public UUID id;

    @Version
    public long version;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "regulation_id", nullable = false)
    public Regulation regulation;

    /** The paragraph as cited, e.g. "4 kap. 2 §", "art. 33". */
    @Column(nullable = false, length = 60)
    public String reference;

    @Column(nullable = false, length = 2000)
    public String summary;

    /** Sort order within the regulation (chapter * 100 + paragraph for the shipped items). */
    @Column(name = "order_key", nullable = false)
    public int orderKey;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "requirement_item_legal_basis", joinColumns = @JoinColumn(name = "requirement_item_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis", nullable = false, length = 20)
    public Set<LegalBasis> legalBases = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "requirement_item_kind", joinColumns = @JoinColumn(name = "requirement_item_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40)
    public Set<VerksamhetKind> kinds = new HashSet<>();

    /** First day the item no longer applies; null while in force. */
    @Column(name = "withdrawn_on")
    public LocalDate withdrawnOn;

    @Column(name = "withdrawn_reason", length = 500)
    public String withdrawnReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;

    /** Withdrawn on or before {@code day}. */
    public boolean withdrawnBy(LocalDate day) {
        return withdrawnOn != null && !withdrawnOn.isAfter(day);
    }
}
