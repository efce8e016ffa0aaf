package se.kvalitet.events.registry;

/** The class of a risk in the risk matrix, from its score (likelihood × consequence) and the configured thresholds. */
public enum RiskMatrixClass {
    /** Låg risk. */
    LOW,
    /** Medelhög risk. */
    MEDIUM,
    /** Hög risk. */
    HIGH,
    /** Mycket hög risk. */
    VERY_HIGH
}
