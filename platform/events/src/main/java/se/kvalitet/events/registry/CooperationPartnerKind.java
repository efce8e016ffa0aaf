package se.kvalitet.events.registry;

/** The kind of partner a process, routine or agreement cooperates with (samverkan, SOSFS 2011:9 4 kap. 5 §). */
public enum CooperationPartnerKind {
    /** Region (hälso- och sjukvård, psykiatri, primärvård). */
    REGION,
    /** Polismyndigheten. */
    POLICE,
    /** Försäkringskassan. */
    FORSAKRINGSKASSAN,
    /** Arbetsförmedlingen. */
    ARBETSFORMEDLINGEN,
    /** Kriminalvården. */
    KRIMINALVARDEN,
    /** School or preschool (skola, förskola, elevhälsa). */
    SCHOOL,
    /** Another administration of the same municipality (annan förvaltning). */
    OTHER_ADMINISTRATION,
    /** Another municipality. */
    OTHER_MUNICIPALITY,
    /** A private provider (utförare) of care or support. */
    PRIVATE_PROVIDER,
    /** An association or voluntary organisation (förening, frivilligorganisation). */
    NGO,
    /** Another authority (e.g. Migrationsverket, IVO). */
    OTHER_AUTHORITY,
    /** Another kind of partner. */
    OTHER
}
