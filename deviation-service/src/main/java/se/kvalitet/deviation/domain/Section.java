package se.kvalitet.deviation.domain;

/** The content an investigation must cover (SOSFS 2011:5; HSLF-FS 2017:40 for lex Maria). */
public enum Section {
    /** Vad som har hänt och vilka konsekvenser det fick. */
    WHAT_HAPPENED_AND_CONSEQUENCES,
    /** När och hur det uppmärksammades. */
    WHEN_AND_HOW_NOTICED,
    /** Orsaker. */
    CAUSES,
    /** Om det har hänt tidigare. */
    HAPPENED_BEFORE,
    /** Om det kan hända igen. */
    CAN_RECUR,
    /** Vidtagna åtgärder. */
    MEASURES_TAKEN,
    /** Planerade åtgärder. */
    MEASURES_PLANNED,
    /** Annat av betydelse. */
    OTHER
}
