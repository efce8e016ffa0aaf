package se.kvalitet.deviation.investigation;

import java.time.LocalDate;
import se.kvalitet.deviation.domain.Section;
import se.kvalitet.deviation.report.InvestigationEntry;

/** The command to add one dated entry to an investigation; the author comes from the token. */
public record AddEntry(
        Section section, InvestigationEntry.Kind kind, LocalDate entryDate, String source, String text) {}
