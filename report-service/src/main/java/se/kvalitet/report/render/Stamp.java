package se.kvalitet.report.render;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a document says about the version it is: draft or approved, its number, dates, the content
 * hash and, once approved, the decision reference and the digital signature it carries (never who
 * generated or approved it: the report is public).
 */
public record Stamp(
        boolean approved,
        int versionNumber,
        LocalDate generatedOn,
        LocalDate approvedOn,
        String contentHash,
        String approvalNote,
        Signature signature,
        String verificationPath) {

    /** The certificate the approved PDF is signed with (PAdES), as the approval block prints it. */
    public record Signature(String signer, String certificateSha256, Instant signedAt) {}

    public static Stamp draft(int versionNumber, LocalDate generatedOn, String contentHash) {
        return new Stamp(false, versionNumber, generatedOn, null, contentHash, null, null, null);
    }

    /** An approved version: its decision reference, its signature and where a copy can be verified (the API path). */
    public static Stamp approved(
            int versionNumber,
            LocalDate generatedOn,
            LocalDate approvedOn,
            String contentHash,
            String approvalNote,
            Signature signature,
            String verificationPath) {
        return new Stamp(
                true, versionNumber, generatedOn, approvedOn, contentHash, approvalNote, signature, verificationPath);
    }

    public String label() {
        return approved
                ? "Godkänd " + approvedOn + " · version " + versionNumber
                : "Utkast · version " + versionNumber + " · ej godkänd";
    }

    /** The footer's text before the checksum. */
    public String footer() {
        return "Version " + versionNumber + " · skapad " + generatedOn
                + (approved ? " · godkänd " + approvedOn : " · utkast") + " · kontrollsumma";
    }

    /** The checksum the footer prints: the first 16 hex digits of the content hash (plain ASCII, set in monospace). */
    public String checksum() {
        return contentHash.substring(0, 16);
    }
}
