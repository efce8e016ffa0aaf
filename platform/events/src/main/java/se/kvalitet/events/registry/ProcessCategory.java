package se.kvalitet.events.registry;

/** What kind of process (processtyp). */
public enum ProcessCategory {
    /** Kärnprocess: what the verksamhet is there for. */
    CORE,
    /** Stödprocess. */
    SUPPORT,
    /** Ledningsprocess. */
    MANAGEMENT
}
