package se.kvalitet.e2e;

import java.util.Map;

/** The fixtures of {@code authorization-matrix/report.csv} (none yet: its endpoints take no path parameter). */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        // report-service's endpoints so far take no path parameters
    }
}
