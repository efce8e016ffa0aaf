package se.kvalitet.registry.codelist;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The laws a verksamhet is run under (rättslig grund), and that a requirement applies to. The list
 * is deliberately short and stable: the codes travel in requirement items and to other services.
 * Socialtjänstlagen means the law in force (2001:453, from 1 July 2025 2025:400); the code does not
 * change with the SFS number.
 */
@Schema(
        description = "Legal basis (rättslig grund): SOL socialtjänstlagen, LSS lagen om stöd och service till vissa "
                + "funktionshindrade, HSL hälso- och sjukvårdslagen, LVU lagen med särskilda bestämmelser om vård av unga, "
                + "LVM lagen om vård av missbrukare i vissa fall, SFB socialförsäkringsbalken (assistansersättning), "
                + "PSL patientsäkerhetslagen, GDPR dataskyddsförordningen")
public enum LegalBasis {
    /** Socialtjänstlagen. */
    SOL,
    /** Lagen (1993:387) om stöd och service till vissa funktionshindrade. */
    LSS,
    /** Hälso- och sjukvårdslagen (2017:30), e.g. municipal home nursing. */
    HSL,
    /** Lagen (1990:52) med särskilda bestämmelser om vård av unga. */
    LVU,
    /** Lagen (1988:870) om vård av missbrukare i vissa fall. */
    LVM,
    /** Socialförsäkringsbalken (2010:110): personlig assistans paid by assistansersättning. */
    SFB,
    /** Patientsäkerhetslagen (2010:659): systematic patient safety work, lex Maria. */
    PSL,
    /** Dataskyddsförordningen (EU) 2016/679: personal data, breaches (personuppgiftsincidenter). */
    GDPR
}
