package se.kvalitet.registry.codelist;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What kind of work a verksamhet does (verksamhetsområde). An enum rather than configuration:
 * requirement items refer to these codes, so they must mean the same in every municipality's
 * catalogue and in every service; a new kind is a release.
 */
@Schema(
        description =
                "Kind of verksamhet: ELDERLY_CARE äldreomsorg, HOME_CARE hemtjänst, DISABILITY funktionsstöd (LSS/SoL), "
                        + "INDIVIDUAL_AND_FAMILY individ- och familjeomsorg, SUBSTANCE_ABUSE missbruks- och beroendevård, "
                        + "CHILD_AND_YOUTH barn och unga, SOCIAL_PSYCHIATRY socialpsykiatri, HEALTH_CARE kommunal hälso- och sjukvård, "
                        + "FINANCIAL_AID ekonomiskt bistånd")
public enum VerksamhetKind {
    /** Äldreomsorg (särskilt boende, korttidsvård, dagverksamhet). */
    ELDERLY_CARE,
    /** Hemtjänst. */
    HOME_CARE,
    /** Funktionsstöd: LSS and SoL support to people with disabilities. */
    DISABILITY,
    /** Individ- och familjeomsorg. */
    INDIVIDUAL_AND_FAMILY,
    /** Missbruks- och beroendevård. */
    SUBSTANCE_ABUSE,
    /** Barn och unga (utredning, placering, öppenvård). */
    CHILD_AND_YOUTH,
    /** Socialpsykiatri. */
    SOCIAL_PSYCHIATRY,
    /** Kommunal hälso- och sjukvård (hemsjukvård, rehabilitering). */
    HEALTH_CARE,
    /** Ekonomiskt bistånd. */
    FINANCIAL_AID
}
