package se.kvalitet.events.registry;

import java.util.UUID;

/**
 * A requirement item of the registry's catalogue as it travels in events: its id and how it is
 * cited (codes, not its summary text), e.g. {@code SOSFS 2011:9} {@code 4 kap. 4 §}.
 *
 * @param requirementItemId the item
 * @param regulationCode    how its regulation is cited, e.g. "SOSFS 2011:9"
 * @param reference         the paragraph, e.g. "4 kap. 4 §"
 * @param followUpMethod    how the document's satisfaction of it is followed up; null where not given (and in gaps)
 */
public record RequirementRef(
        UUID requirementItemId, String regulationCode, String reference, FollowUpMethod followUpMethod) {}
