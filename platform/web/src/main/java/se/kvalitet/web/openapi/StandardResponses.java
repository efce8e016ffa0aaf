package se.kvalitet.web.openapi;

import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import se.kvalitet.web.CorrelationIdFilter;
import se.kvalitet.web.Problem;

/**
 * The responses every operation of the suite can give whatever it does, as platform/web produces
 * them: the input rules (400, 413, 415), the token check (401, 403), the object lookup (404), content
 * negotiation (406), validation and references (422), optimistic locking (412, 428), a write that lost a race
 * with another on the same record (409 concurrent-change), an unexpected failure (500) and an unavailable dependency (503 with {@code Retry-After}). A resource documents
 * only what is particular to it (its 2xx, a 409 it raises, a sharper description of a 4xx); what it
 * documents wins over the standard description here.
 */
final class StandardResponses {

    private static final Pattern API_PATH = Pattern.compile("^/[a-z][a-z0-9-]*/v[0-9]+(/.*)?$");

    private StandardResponses() {}

    /** An operation of the versioned API (not Quarkus' own {@code /q/...} endpoints). */
    static boolean isApi(String path) {
        return API_PATH.matcher(path).matches();
    }

    static void complete(String path, PathItem.HttpMethod method, Operation operation, boolean secured) {
        APIResponses responses = ContractFilter.responses(operation);
        boolean body = operation.getRequestBody() != null;
        boolean produces = responses.getAPIResponses() != null
                && responses.getAPIResponses().entrySet().stream()
                        .anyMatch(e -> e.getKey().startsWith("2")
                                && e.getValue().getContent() != null
                                && e.getValue().getContent().getMediaTypes() != null
                                && !e.getValue().getContent().getMediaTypes().isEmpty());
        boolean ifMatch = ContractFilter.parameters(operation).stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));

        add(
                responses,
                "400",
                "The request does not match this document: a parameter, header or body is malformed "
                        + "(never echoed back)");
        if (secured) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "The caller's roles or organisation units do not allow this");
        }
        if (path.contains("{")) {
            add(responses, "404", "No such resource, or one the caller may not see");
        }
        if (produces) {
            add(responses, "406", "The Accept header names no media type this operation produces");
        }
        if (body) {
            add(responses, "413", "The body is larger than the service accepts");
            add(responses, "415", "The body's Content-Type is missing or not one this operation reads");
            add(
                    responses,
                    "422",
                    "The body is well-formed but breaks a rule: a value, a reference the caller may not use, "
                            + "or a personal identity number in free text");
        }
        if (ifMatch) {
            add(
                    responses,
                    "412",
                    "If-Match does not name the resource's current ETag (someone changed it): read it again");
            add(responses, "428", "If-Match is required: send the ETag of the version you read");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            add(
                    responses,
                    "409",
                    "Another request changed the same record at the same time (concurrent-change): read it again "
                            + "and retry after Retry-After seconds");
        }
        add(responses, "500", "An unexpected failure; quote the correlation id to the operator");
        add(
                responses,
                "503",
                "A dependency (database, message broker) is unavailable: nothing was done, retry after "
                        + "Retry-After seconds");

        for (Map.Entry<String, APIResponse> e : responses.getAPIResponses().entrySet()) {
            APIResponse response = e.getValue();
            if (response.getRef() != null) {
                continue;
            }
            if (ContractFilter.isProblemStatus(e.getKey())) {
                asProblem(response);
            }
            if (e.getKey().equals("503") || e.getKey().equals("429")) {
                addHeader(response, "Retry-After", ContractFilter.integerHeader("Seconds to wait before retrying"));
            }
            if (e.getKey().equals("409")) {
                addHeader(
                        response,
                        "Retry-After",
                        ContractFilter.integerHeader(
                                "With concurrent-change: seconds to wait before reading again and retrying"));
            }
            addHeader(
                    response,
                    CorrelationIdFilter.HEADER,
                    OASFactory.createHeader()
                            .description("The request's correlation id (the one sent, or a new one)")
                            .schema(OASFactory.createSchema()
                                    .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)));
        }
    }

    private static void add(APIResponses responses, String code, String description) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, ContractFilter.response(description));
        }
    }

    /** A 4xx/5xx is a problem document, whatever media type a resource wrote on it. */
    private static void asProblem(APIResponse response) {
        MediaType declared =
                response.getContent() == null || response.getContent().getMediaTypes() == null
                        ? null
                        : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (declared == null || declared.getSchema() == null) {
            response.setContent(ContractFilter.problemContent());
        } else if (response.getContent().getMediaTypes().size() > 1) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, declared));
        }
    }

    private static void addHeader(APIResponse response, String name, Header header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, header);
        }
    }
}
