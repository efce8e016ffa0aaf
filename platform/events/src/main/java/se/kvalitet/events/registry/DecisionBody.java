package se.kvalitet.events.registry;

/** Who decided (beslutsinstans) a document's approval. */
public enum DecisionBody {
    /** The nämnd. */
    BOARD,
    /** A committee of the nämnd (utskott). */
    BOARD_COMMITTEE,
    /** Förvaltningschef or förvaltningsdirektör. */
    ADMINISTRATION_HEAD,
    /** Avdelningschef or verksamhetschef. */
    DEPARTMENT_HEAD,
    /** Enhetschef. */
    UNIT_HEAD,
    /** Verksamhetschef enligt HSL. */
    HEALTH_CARE_HEAD,
    /** Medicinskt ansvarig sjuksköterska (MAS) or for rehabilitation (MAR). */
    MEDICALLY_RESPONSIBLE
}
