package se.kvalitet.report.signing;

import java.util.List;
import java.util.Optional;
import se.kvalitet.web.ProblemException;

/** Compares a presented PDF with approved versions by hash: of the whole file, else of the revision its last signature covers. */
public final class PdfVerifier {

    private PdfVerifier() {}

    public static PdfVerification verify(byte[] pdf, List<PdfVerification.ApprovedVersion> approved) {
        String whole = PadesSignatures.sha256(pdf, -1);
        List<PadesSignatures.Found> signatures;
        try {
            signatures = PadesSignatures.verify(pdf);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not-a-pdf", "The body is not a readable PDF file", List.of());
        }
        PadesSignatures.Found last = signatures.isEmpty() ? null : signatures.get(signatures.size() - 1);
        Optional<PdfVerification.ApprovedVersion> same =
                approved.stream().filter(v -> whole.equals(v.pdfHash())).findFirst();
        PdfVerification.Result result;
        PdfVerification.ApprovedVersion version;
        if (same.isPresent()) {
            version = same.get();
            result = last != null && last.valid() ? PdfVerification.Result.MATCHES : PdfVerification.Result.NO_MATCH;
        } else {
            String signed = last == null ? null : last.signedRevisionSha256();
            version = approved.stream()
                    .filter(v -> v.pdfHash() != null && v.pdfHash().equals(signed))
                    .findFirst()
                    .orElse(null);
            result = version != null && last.valid()
                    ? PdfVerification.Result.MODIFIED_AFTER_SIGNING
                    : PdfVerification.Result.NO_MATCH;
        }
        return new PdfVerification(
                result,
                whole,
                last != null && last.valid(),
                last == null ? null : last.signer(),
                last == null ? null : last.certificateSha256(),
                last == null ? null : last.signedAt(),
                result == PdfVerification.Result.NO_MATCH ? null : version);
    }
}
