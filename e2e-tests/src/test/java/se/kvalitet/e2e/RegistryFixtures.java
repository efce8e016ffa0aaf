package se.kvalitet.e2e;

import static se.kvalitet.e2e.SuiteEndToEndIT.HEMTJANST;
import static se.kvalitet.e2e.SuiteEndToEndIT.IFO_UNIT;

import java.util.Map;

/** The fixtures of {@code authorization-matrix/registry.csv}. */
final class RegistryFixtures {

    private RegistryFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        f.put("org-unit", new String[] {HEMTJANST, IFO_UNIT});
    }
}
