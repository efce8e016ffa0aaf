package se.kvalitet.events.deviation;

/** Who a complaint or suggestion comes from, SOSFS 2011:9 5 kap 3 §. */
public enum ComplaintSource {
    /** Enskild (klient, brukare) eller närstående. */
    CLIENT_OR_RELATIVE,
    /** Personal. */
    STAFF,
    /** Vårdgivare. */
    OTHER_CARE_PROVIDER,
    /** Annan som bedriver socialtjänst. */
    SOCIAL_SERVICES_PROVIDER,
    /** Annan som bedriver verksamhet enligt LSS. */
    LSS_PROVIDER,
    /** Myndighet. */
    AUTHORITY,
    /** Förening, organisation. */
    ASSOCIATION_OR_ORGANISATION
}
