package se.kvalitet.registry.cooperation;

import se.kvalitet.events.registry.CooperationPartnerKind;

/** What the cooperation feature's application service is asked to do (the resource maps its request records to these). */
public final class CooperationCommands {

    private CooperationCommands() {}

    public record PartnerCommand(
            String name, CooperationPartnerKind kind, String organisationNumber, String description, Boolean active) {}
}
