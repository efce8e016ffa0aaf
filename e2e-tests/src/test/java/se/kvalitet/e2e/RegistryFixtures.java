package se.kvalitet.e2e;

import static se.kvalitet.e2e.SuiteEndToEndIT.HEMTJANST;
import static se.kvalitet.e2e.SuiteEndToEndIT.IFO_UNIT;

import java.util.Map;

/** The fixtures of {@code authorization-matrix/registry.csv}. */
final class RegistryFixtures {

    static final String SOSFS_2011_9 = "00000000-0000-4000-a000-000000000001";
    static final String PROCESSES_4_2 = "00000000-0000-4000-b001-000000040002";

    private RegistryFixtures() {
    }

    /** Adds fixture kind → {object of the Äldreomsorg subtree (unit 10/11), object of IFO (unit 21)}. */
    static void add(Map<String, String> tokens, Map<String, String[]> f) throws Exception {
        f.put("org-unit", new String[] {HEMTJANST, IFO_UNIT});
        // demo verksamheter Hemtjänst (run by unit 11) and Barn och unga (unit 21)
        f.put("verksamhet", new String[] {"00000000-0000-4000-c000-000000000001", "00000000-0000-4000-c000-000000000003"});
        // the shipped catalogue: SOSFS 2011:9 and its 4 kap. 2 § (shared, not unit-scoped)
        f.put("regulation", new String[] {SOSFS_2011_9, SOSFS_2011_9});
        f.put("requirement-item", new String[] {PROCESSES_4_2, PROCESSES_4_2});
    }
}
