package se.kvalitet.events.deviation;

/** The deadlines deviation-service keeps a clock for; their policies are configuration, not law constants. */
public enum ClockKind {
    /** Triage by the quality team after a report arrives. */
    TRIAGE,
    /** Lex Sarah: report an allvarligt missförhållande to IVO "snarast" (SoL 14 kap 7 §). */
    LEX_SARAH_IVO_NOTIFICATION,
    /** Lex Sarah: investigate and close with a ställningstagande "utan dröjsmål" (SOSFS 2011:5). */
    LEX_SARAH_INVESTIGATION,
    /** Lex Maria: report to IVO "snarast" (HSLF-FS 2017:41). */
    LEX_MARIA_IVO_NOTIFICATION,
    /** Lex Maria: investigation. */
    LEX_MARIA_INVESTIGATION,
    /** Personal data breach: notify IMY within 72 hours of awareness (GDPR art. 33). */
    IMY_NOTIFICATION,
    /** Complaint: acknowledge receipt (kommunal servicenivå). */
    COMPLAINT_ACKNOWLEDGEMENT,
    /** Complaint: answer the complainant. */
    COMPLAINT_ANSWER,
    /** Other deviation: investigation. */
    DEVIATION_INVESTIGATION,
    /** An action's (åtgärd) due date. */
    ACTION_DUE,
    /** An action's later effect check (uppföljning av effekt). */
    ACTION_EFFECT_CHECK
}
