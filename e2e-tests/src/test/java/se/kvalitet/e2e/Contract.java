package se.kvalitet.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Every exchange the end-to-end tests have with the gateway, checked against the merged OpenAPI
 * document the gateway serves (Atlassian's swagger-request-validator): the response always (status
 * documented, media type, headers, body schema), the request too where the test means to send a
 * valid one. Violations are collected, one line per kind of violation and operation, and the classes
 * that send assert at the end that there are none ({@link #assertNone}).
 */
final class Contract {

    private static OpenApiInteractionValidator validator;
    /** violation → how often it was seen. */
    private static final Map<String, Integer> VIOLATIONS = new TreeMap<>();

    private static int checked;

    private Contract() {}

    static synchronized OpenApiInteractionValidator validator(String gatewayUrl) throws Exception {
        if (validator == null) {
            HttpResponse<String> doc = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(gatewayUrl + "/openapi"))
                                    .timeout(Duration.ofSeconds(30))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (doc.statusCode() != 200) {
                throw new IllegalStateException("merged OpenAPI document: " + doc.statusCode());
            }
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(doc.body())
                    .build();
        }
        return validator;
    }

    /** Checks one exchange; {@code validRequest}: the test meant to send a request the document allows. */
    static void check(String gatewayUrl, HttpRequest sent, HttpResponse<String> answer, boolean validRequest) {
        if (sent.uri().getRawPath().startsWith("/q/")) {
            return; // Quarkus' own endpoints (health) are not part of the API
        }
        try {
            URI uri = sent.uri();
            SimpleRequest.Builder rb = new SimpleRequest.Builder(sent.method(), uri.getRawPath());
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    rb.withQueryParam(name, value);
                }
            }
            sent.headers().map().forEach((name, values) -> rb.withHeader(name, values));
            String body = body(sent);
            if (body != null && !body.isEmpty()) {
                rb.withBody(body);
            }
            Request request = rb.build();
            SimpleResponse.Builder sb = new SimpleResponse.Builder(answer.statusCode());
            answer.headers().map().forEach((name, values) -> sb.withHeader(name, values));
            if (answer.body() != null && !answer.body().isEmpty()) {
                sb.withBody(answer.body());
            }
            ValidationReport report = validator(gatewayUrl).validate(request, sb.build());
            synchronized (Contract.class) {
                checked++;
                for (ValidationReport.Message m : report.getMessages()) {
                    if (m.getLevel() != ValidationReport.Level.ERROR) {
                        continue;
                    }
                    if (!validRequest && m.getKey().startsWith("validation.request")) {
                        continue;
                    }
                    String where = m.getContext()
                            .flatMap(ValidationReport.MessageContext::getApiOperation)
                            .map(op -> op.getMethod() + " " + op.getApiPath().original())
                            .orElse(sent.method() + " " + uri.getRawPath());
                    String line = where + " " + answer.statusCode() + ": [" + m.getKey() + "] "
                            + m.getMessage().replaceAll("\\s+", " ");
                    VIOLATIONS.merge(line.length() > 400 ? line.substring(0, 400) + "…" : line, 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            synchronized (Contract.class) {
                VIOLATIONS.merge(
                        sent.method() + " " + sent.uri().getRawPath() + ": could not be checked: " + e,
                        1,
                        Integer::sum);
            }
        }
    }

    /** The violations seen so far, each with its count. */
    static synchronized List<String> violations() {
        List<String> out = new ArrayList<>();
        VIOLATIONS.forEach((line, n) -> out.add(n + " × " + line));
        return out;
    }

    static synchronized int checked() {
        return checked;
    }

    /** The request body as the publisher gives it (the tests send strings). */
    static String body(HttpRequest request) throws Exception {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(5, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }
}
