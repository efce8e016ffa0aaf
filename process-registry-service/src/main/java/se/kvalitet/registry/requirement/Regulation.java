package se.kvalitet.registry.requirement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A law, regulation (föreskrift), general advice (allmänna råd) or EU regulation in the requirement
 * catalogue, e.g. SOSFS 2011:9. Its paragraphs are {@link RequirementItem}s.
 */
@Entity
@Table(name = "regulation")
public class Regulation {

    /** What kind of rule it is; föreskrifter and laws bind, allmänna råd recommend. */
    public enum Kind {
        LAW,
        REGULATION,
        GENERAL_ADVICE,
        EU_REGULATION
    }

    @Id
    public UUID id;

    @Version
    public long version;

    /** How it is cited, e.g. "SOSFS 2011:9", "SFS 2010:659". */
    @Column(nullable = false, length = 60)
    public String code;

    @Column(nullable = false, length = 300)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Kind kind;

    /** Who issued it, e.g. "Socialstyrelsen", "Riksdagen". */
    @Column(name = "issued_by", nullable = false, length = 200)
    public String issuedBy;

    /** Where the authoritative (consolidated) text is. */
    @Column(length = 500)
    public String url;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;
}
