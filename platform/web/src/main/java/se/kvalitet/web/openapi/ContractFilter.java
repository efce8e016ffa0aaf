package se.kvalitet.web.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.servers.Server;
import se.kvalitet.web.Problem;

/**
 * The parts of every service's OpenAPI document that follow from the suite's conventions rather than
 * from one endpoint, added once here instead of on every resource method:
 *
 * <ul>
 * <li>the standard problem responses ({@link StandardResponses}) on every operation of the API, and
 * {@code application/problem+json} with the {@code Problem} schema on every 4xx/5xx response;</li>
 * <li>an {@code operationId} on every operation that has none ({@link OperationIds}: stable,
 * camelCase, derived from the method and the path);</li>
 * <li>a description on the parameters every service shares ({@link SharedParameters});</li>
 * <li>on a deprecated operation ({@link DeprecatedOperation}), the {@code Deprecation}, {@code Sunset}
 * and {@code Link} headers on every response;</li>
 * <li>a {@code servers} entry (the service's own root; the gateway's merged document names the
 * gateway's public base instead).</li>
 * </ul>
 *
 * It runs when the application starts, after Quarkus has added the security requirements, so it
 * knows which operations need a token.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ContractFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchema("Problem", problemSchema());
        }
        // RFC 9457: a problem may carry extension members (currentState, allowed, currentETag, rowErrors …)
        components.getSchemas().get("Problem").setAdditionalPropertiesBoolean(Boolean.TRUE);
        if (api.getServers() == null || api.getServers().isEmpty()) {
            api.addServer(OASFactory.createServer()
                    .url("/")
                    .description("This service (in the suite, the gateway's base URL)"));
        }
        boolean documentSecured =
                api.getSecurity() != null && !api.getSecurity().isEmpty();
        Set<String> paths = api.getPaths().getPathItems().keySet();
        Set<String> operationIds = new HashSet<>();
        List<Runnable> unnamed = new ArrayList<>();
        for (Map.Entry<String, PathItem> entry : api.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            if (!StandardResponses.isApi(path)) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    entry.getValue().getOperations().entrySet()) {
                Operation operation = op.getValue();
                boolean secured = operation.getSecurity() != null
                        ? !operation.getSecurity().isEmpty()
                        : documentSecured;
                StandardResponses.complete(path, op.getKey(), operation, secured);
                if (Boolean.TRUE.equals(operation.getDeprecated())) {
                    deprecationHeaders(operation);
                }
                SharedParameters.describe(path, operation.getParameters());
                SharedParameters.describe(path, entry.getValue().getParameters());
                if (operation.getOperationId() == null
                        || operation.getOperationId().isBlank()) {
                    unnamed.add(() -> operation.setOperationId(
                            OperationIds.unique(OperationIds.derive(op.getKey().name(), path, paths), operationIds)));
                } else {
                    operationIds.add(operation.getOperationId());
                }
            }
        }
        // explicit ids first, so that a derived one never takes a name a resource chose
        unnamed.forEach(Runnable::run);
    }

    /** The headers {@link DeprecationHeaders} sends with every answer of a deprecated operation. */
    static void deprecationHeaders(Operation operation) {
        for (APIResponse response : responses(operation).getAPIResponses().values()) {
            if (response.getRef() != null) {
                continue;
            }
            response.addHeader(
                    DeprecationHeaders.DEPRECATION,
                    OASFactory.createHeader()
                            .description("RFC 9745: when this operation was deprecated (@ and seconds since the epoch)")
                            .schema(OASFactory.createSchema()
                                    .addType(Schema.SchemaType.STRING)
                                    .pattern("^@[0-9]+$")));
            response.addHeader(
                    DeprecationHeaders.SUNSET,
                    OASFactory.createHeader()
                            .description("RFC 8594: from this moment (an HTTP-date) the operation may no longer answer")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            response.addHeader(
                    "Link",
                    OASFactory.createHeader()
                            .description("The operation that replaces it: <path>; rel=\"successor-version\"")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    /** The problem document (RFC 9457) every error of the suite answers with. */
    static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty(
                        "field",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The field, parameter or header the message is about"))
                .addProperty("message", string);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("A problem (RFC 9457): what went wrong, never the offending value")
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("uri")
                                .description("Identifies the kind of problem, under " + Problem.TYPE_BASE))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "correlationId",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The request's X-Correlation-Id, to quote to the operator"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError))
                .required(List.of("type", "title", "status"));
    }

    /** {@code application/problem+json} with the Problem schema. */
    static Content problemContent() {
        MediaType media =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }

    static Header integerHeader(String description) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER)
                        .format("int32")
                        .minimum(java.math.BigDecimal.ZERO));
    }

    static APIResponse response(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    static boolean isProblemStatus(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    static APIResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        return operation.getResponses();
    }

    static Server server(String url, String description) {
        return OASFactory.createServer().url(url).description(description);
    }

    static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }
}
