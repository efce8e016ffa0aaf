package se.kvalitet.report.render;

/** Test access to package-private helpers of the document view. */
public final class DocumentViewAccess {

    private DocumentViewAccess() {}

    public static String grouped(String hex) {
        return DocumentView.grouped(hex);
    }

    /** The signing time as the approval block prints it. */
    public static String signedAt(java.time.Instant at) {
        return DocumentView.SIGNED_AT.format(at);
    }
}
