package se.kvalitet.deviation.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.hibernate.annotations.Immutable;
import se.kvalitet.deviation.domain.Section;

/**
 * One dated entry of an investigation (utredning), as SOSFS 2011:5 asks: what it is about
 * (section), whether it is a fact or an assessment, where it comes from, and who wrote it (from the
 * token). Entries are never edited: a correction is a new entry.
 */
@Entity
@Immutable
@Table(name = "investigation_entry")
public class InvestigationEntry extends TrackRecord {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public Section section;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Kind kind;

    /** The day the information refers to or was gathered. */
    @Column(name = "entry_date", nullable = false)
    public LocalDate entryDate;

    /** Where it comes from: an interview, a record, a document, an observation. */
    @Column(nullable = false, length = 500)
    public String source;

    @Column(nullable = false, length = 10000)
    public String text;

    @Column(name = "author_subject", nullable = false, length = 200)
    public String authorSubject;

    @Column(name = "author_name", length = 200)
    public String authorName;

    /** Fact (faktauppgift) or assessment (bedömning). */
    public enum Kind {
        FACT,
        ASSESSMENT
    }
}
