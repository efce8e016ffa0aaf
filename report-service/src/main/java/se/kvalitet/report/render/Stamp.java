package se.kvalitet.report.render;

import java.time.LocalDate;

/**
 * What a document says about the version it is: draft or approved, its number, dates and the
 * content hash (never who generated or approved it: the report is public).
 */
public record Stamp(boolean approved, int versionNumber, LocalDate generatedOn, LocalDate approvedOn, String contentHash) {

    public String label() {
        return approved ? "Godkänd " + approvedOn + " · version " + versionNumber
                : "Utkast · version " + versionNumber + " · ej godkänd";
    }

    public String footer() {
        return "Version " + versionNumber + " · skapad " + generatedOn
                + (approved ? " · godkänd " + approvedOn : " · utkast") + " · kontrollsumma " + contentHash.substring(0, 16);
    }
}
