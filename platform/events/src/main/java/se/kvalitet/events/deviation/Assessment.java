package se.kvalitet.events.deviation;

/**
 * The assessment a track's investigation ends in. Which values apply depends on the track:
 * <ul>
 *   <li>lex Sarah (SoL 14 kap 3 §, SOSFS 2011:5): {@link #MISSFORHALLANDE}, {@link #PATAGLIG_RISK_FOR_MISSFORHALLANDE},
 *       {@link #INGET_MISSFORHALLANDE}; whether it is <em>allvarligt</em> travels separately as {@code serious}</li>
 *   <li>lex Maria (patientsäkerhetslagen 3 kap 5 §): {@link #ALLVARLIG_VARDSKADA}, {@link #RISK_FOR_ALLVARLIG_VARDSKADA},
 *       {@link #VARDSKADA}, {@link #INGEN_VARDSKADA}; the first two are reportable to IVO</li>
 *   <li>personal data breach (GDPR art. 33-34): {@link #NO_RISK}, {@link #RISK}, {@link #HIGH_RISK}</li>
 * </ul>
 * Other deviations and complaints carry no assessment (null).
 */
public enum Assessment {
    /** Lex Sarah: a missförhållande occurred. */
    MISSFORHALLANDE,
    /** Lex Sarah: a påtaglig (evident) risk of a missförhållande. */
    PATAGLIG_RISK_FOR_MISSFORHALLANDE,
    /** Lex Sarah: neither. */
    INGET_MISSFORHALLANDE,
    /** Lex Maria: serious care injury (allvarlig vårdskada). */
    ALLVARLIG_VARDSKADA,
    /** Lex Maria: risk of a serious care injury. */
    RISK_FOR_ALLVARLIG_VARDSKADA,
    /** Lex Maria: a care injury that is not serious. */
    VARDSKADA,
    /** Lex Maria: no care injury. */
    INGEN_VARDSKADA,
    /** Personal data breach: unlikely to result in a risk to rights and freedoms; not notified to IMY. */
    NO_RISK,
    /** Personal data breach: a risk; IMY is notified within 72 hours of awareness. */
    RISK,
    /** Personal data breach: a high risk; IMY is notified and so are the data subjects (art. 34). */
    HIGH_RISK
}
