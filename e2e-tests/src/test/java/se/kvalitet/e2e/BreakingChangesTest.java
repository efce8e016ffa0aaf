package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The breaking-change guard itself ({@link BreakingChanges}), on the released snapshot: each kind
 * of change the versioning policy forbids within v1 is caught, and additions pass. Without a stack
 * (surefire); {@code SuiteEndToEndIT} runs the same comparison against the live merged document.
 */
class BreakingChangesTest {

    static String released;

    @BeforeAll
    static void load() throws Exception {
        released = MergedDocument.snapshot();
    }

    static String changed(Consumer<ObjectNode> change) throws Exception {
        ObjectNode doc = (ObjectNode) MergedDocument.JSON.readTree(released);
        change.accept(doc);
        return MergedDocument.JSON.writeValueAsString(doc);
    }

    static ObjectNode op(ObjectNode doc, String path, String method) {
        return (ObjectNode) doc.get("paths").get(path).get(method);
    }

    static ObjectNode schema(ObjectNode doc, String name) {
        return (ObjectNode) doc.get("components").get("schemas").get(name);
    }

    static void assertBreaks(String what, Consumer<ObjectNode> change) throws Exception {
        assertThat(BreakingChanges.between(released, changed(change))).as(what).isNotEmpty();
    }

    @Test
    void theSnapshotOnlyAddsToItself() throws Exception {
        assertThat(BreakingChanges.between(released, released)).isEmpty();
    }

    @Test
    void additionsPass() throws Exception {
        String added = changed(doc -> {
            ObjectNode get = ((ObjectNode) doc.get("paths"))
                    .putObject("/followup/v1/new-things")
                    .putObject("get");
            get.put("operationId", "listNewThings");
            get.putObject("responses").putObject("200").put("description", "ok");
            ArrayNode params =
                    (ArrayNode) op(doc, "/deviation/v1/deviations", "get").get("parameters");
            params.addObject()
                    .put("name", "newFilter")
                    .put("in", "query")
                    .putObject("schema")
                    .put("type", "string");
            ((ObjectNode) schema(doc, "Deviation").get("properties"))
                    .putObject("newProperty")
                    .put("type", "string");
            ((ObjectNode) doc.get("components").get("schemas"))
                    .putObject("NewThing")
                    .put("type", "object");
        });
        assertThat(BreakingChanges.between(released, added)).isEmpty();
    }

    @Test
    void aRemovedPathOrOperationBreaks() throws Exception {
        assertBreaks("removed path", doc -> ((ObjectNode) doc.get("paths")).remove("/report/v1/deviation-counts"));
        assertBreaks(
                "removed operation",
                doc -> ((ObjectNode) doc.get("paths").get("/deviation/v1/deviations")).remove("post"));
    }

    @Test
    void aRemovedParameterOrResponseBreaks() throws Exception {
        assertBreaks("removed parameter", doc -> {
            ArrayNode params =
                    (ArrayNode) op(doc, "/deviation/v1/deviations", "get").get("parameters");
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).path("name").asText().equals("category")) {
                    params.remove(i);
                    return;
                }
            }
            throw new IllegalStateException("no category parameter to remove");
        });
        assertBreaks(
                "removed response",
                doc -> ((ObjectNode)
                                op(doc, "/deviation/v1/deviations/{id}", "get").get("responses"))
                        .remove("404"));
    }

    @Test
    void aRemovedResponsePropertyBreaks() throws Exception {
        assertBreaks(
                "removed property",
                doc -> ((ObjectNode) schema(doc, "Deviation").get("properties")).remove("summary"));
    }

    @Test
    void aNewRequiredRequestPropertyOrParameterBreaks() throws Exception {
        assertBreaks("new required property", doc -> {
            ObjectNode request = schema(doc, "ReportDeviationRequest");
            ((ObjectNode) request.get("properties")).putObject("mandatoryNow").put("type", "string");
            request.withArray("required").add("mandatoryNow");
        });
        assertBreaks(
                "new required parameter",
                doc -> ((ArrayNode) op(doc, "/deviation/v1/deviations", "get").get("parameters"))
                        .addObject()
                        .put("name", "mustSend")
                        .put("in", "query")
                        .put("required", true)
                        .putObject("schema")
                        .put("type", "string"));
    }

    @Test
    void aNarrowedEnumBreaks() throws Exception {
        assertBreaks("narrowed request enum", doc -> {
            ArrayNode values = (ArrayNode) schema(doc, "DeviationCategory").get("enum");
            values.remove(values.size() - 1);
        });
    }

    @Test
    void aChangedTypeBreaks() throws Exception {
        assertBreaks("changed type", doc -> {
            JsonNode summary = schema(doc, "Deviation").get("properties").get("summary");
            ((ObjectNode) summary).put("type", "integer");
        });
    }

    @Test
    void aRenamedSchemaBreaksBecauseAGeneratedClassDisappears() throws Exception {
        assertBreaks("renamed schema", doc -> {
            ObjectNode schemas = (ObjectNode) doc.get("components").get("schemas");
            schemas.set("followup_DeviationIndicators", schemas.remove("DeviationIndicators"));
            BreakingChanges.rename(
                    doc,
                    "#/components/schemas/DeviationIndicators",
                    "#/components/schemas/followup_DeviationIndicators");
        });
    }

    @Test
    void aResponseEnumMayGrow() throws Exception {
        String grown = changed(doc -> ((ArrayNode) schema(doc, "Channel").get("enum")).add("CHAT"));
        assertThat(BreakingChanges.between(released, grown)).isEmpty();
    }
}
