package se.kvalitet.report.render;

/** Test access to package-private helpers of the document view. */
public final class DocumentViewAccess {

    private DocumentViewAccess() {
    }

    public static String grouped(String hex) {
        return DocumentView.grouped(hex);
    }
}
