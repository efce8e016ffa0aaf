package se.kvalitet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.DeviationInvestigatorAssignedV1;

class PersonRefTest {

    static final String KEY = "a-test-key-of-at-least-thirty-two-characters";

    @Test
    void aReferenceIsKeyedStableAndCarriesNothingOfTheUsername() {
        PersonRef refs = PersonRef.withKey(KEY);
        String ref = refs.of("karin");
        assertThat(ref).matches(PersonRef.PATTERN).doesNotContain("karin");
        // Keycloak usernames are case-insensitive: the same person whatever the case or surrounding blanks
        assertThat(refs.of(" Karin ")).isEqualTo(ref);
        assertThat(refs.of("erik")).isNotEqualTo(ref);
        // another key, another pseudonym: without the key nobody can test a guessed username
        assertThat(PersonRef.withKey(KEY + "-other").of("karin")).isNotEqualTo(ref);
    }

    @Test
    void aShortOrMissingKeyIsRefused() {
        assertThatThrownBy(() -> PersonRef.withKey("too-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonRef.withKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAssignmentEventValidatesWithAReferenceAndRefusesAUsername() {
        UUID d = UUID.randomUUID();
        DeviationInvestigatorAssignedV1 e = new DeviationInvestigatorAssignedV1(
                d,
                UUID.randomUUID(),
                DeviationCategory.LEX_SARAH,
                UUID.randomUUID(),
                PersonRef.withKey(KEY).of("karin"),
                null,
                Instant.parse("2026-03-02T08:15:00Z"));
        EventEnvelope env = EventCodec.envelope(
                e, java.net.URI.create("/kvalitet/deviation-service"), Instant.parse("2026-03-02T08:15:00Z"), "c-1");
        assertThat(EventSchemas.validate(env.type(), env.data())).isEmpty();
        String json = new String(env.data(), StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(
                        env.type(), json.replace(e.investigatorRef(), "karin").getBytes(StandardCharsets.UTF_8)))
                .as("a username is no reference")
                .isNotEmpty();
    }
}
