package se.kvalitet.report.render;

import java.util.Set;

/** Test access to package-private helpers. */
public final class XlsxRendererAccess {

    private XlsxRendererAccess() {}

    public static String name(String wanted, Set<String> taken) {
        return XlsxRenderer.name(wanted, taken);
    }
}
