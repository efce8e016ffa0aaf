package se.kvalitet.events.deviation;

/** How a complaint or suggestion arrived. */
public enum ComplaintChannel {
    WEB_FORM,
    EMAIL,
    LETTER,
    PHONE,
    CONTACT_CENTRE,
    IN_PERSON
}
