package se.kvalitet.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.SafeThrowables;
import se.kvalitet.web.privacy.Identifier;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/** The body screening's two policies on a plain ObjectMapper with the suite's input rules. */
class BodyScreeningTest {

    record Ref(@Identifier String source, String note) {}

    record Report(
            String summary, List<String> notes, @Identifier String personRef, Ref external) {}

    static final ObjectMapper JSON = JsonInputCustomizer.apply(new ObjectMapper());

    static final String BODY = """
            {"summary":"Brukaren 12 12 12-1212 föll","notes":["ok","pnr \\uff11\\uff12\\uff11\\uff12\\uff11\\uff12\\uff11\\uff12\\uff11\\uff12"],
             "personRef":"p-1","external":{"source":"treserva","note":"19121212.1212"}}""";

    @Test
    void maskReplacesNumbersInFreeTextAndKeepsTheRest() throws Exception {
        Report r = BodyScreening.screen(BodyScreening.Mode.MASK, () -> JSON.readValue(BODY, Report.class));
        assertThat(r.summary()).isEqualTo("Brukaren " + PersonalIdentityNumbers.MASK + " föll");
        assertThat(r.notes()).containsExactly("ok", "pnr " + PersonalIdentityNumbers.MASK);
        assertThat(r.external().note()).isEqualTo(PersonalIdentityNumbers.MASK);
        assertThat(r.personRef()).isEqualTo("p-1");
    }

    @Test
    void maskStillRefusesIdentifiers() {
        String body = BODY.replace("p-1", "121212_1212").replace("treserva", "121212:1212");
        assertThatThrownBy(
                        () -> BodyScreening.screen(BodyScreening.Mode.MASK, () -> JSON.readValue(body, Report.class)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors())
                            .extracting(Problem.FieldError::field)
                            .containsExactly("personRef", "external.source");
                    assertThat(e.getMessage() + e.errors()).doesNotContain("1212");
                });
    }

    @Test
    void rejectNamesEveryField() {
        assertThatThrownBy(
                        () -> BodyScreening.screen(BodyScreening.Mode.REJECT, () -> JSON.readValue(BODY, Report.class)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.errors())
                                .extracting(Problem.FieldError::field)
                                .containsExactly("summary", "notes[1]", "external.note"));
    }

    @Test
    void outsideARequestBodyNothingIsScreenedButControlCharactersAreStillRefused() throws Exception {
        assertThat(JSON.readValue(BODY, Report.class).summary()).contains("1212");
        assertThatThrownBy(() -> JSON.readValue("{\"summary\":\"a\\u0000\"}", Report.class))
                .isInstanceOf(InputRejectedException.class);
    }

    @Test
    void logLinesLoseQuotedValuesAndNumbers() {
        Exception e = new IllegalStateException(
                "wrapper",
                new RuntimeException(
                        "ERROR: invalid input syntax for type uuid: \"Brukaren Tolvan\" Key (summary)=(Tolvan 121212-1212) already exists"));
        Throwable safe = SafeThrowables.redacted(e);
        String printed = safe + " / " + safe.getCause();
        assertThat(printed)
                .contains("IllegalStateException: wrapper")
                .contains("invalid input syntax for type uuid")
                .doesNotContain("Tolvan")
                .doesNotContain("1212");
        assertThat(safe.getStackTrace()).isEqualTo(e.getStackTrace());
    }
}
