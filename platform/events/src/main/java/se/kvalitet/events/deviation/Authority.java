package se.kvalitet.events.deviation;

/** The supervisory authority a notification goes to. */
public enum Authority {
    /** Inspektionen för vård och omsorg: lex Sarah (allvarligt missförhållande) and lex Maria notifications. */
    IVO,
    /** Integritetsskyddsmyndigheten: personal data breach notifications (GDPR art. 33). */
    IMY
}
