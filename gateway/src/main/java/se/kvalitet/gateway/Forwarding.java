package se.kvalitet.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * One service's side of the proxy: what is sent (forwarded headers, the body counted against the
 * route's limit while it streams) and what the client is told when no answer comes back.
 *
 * <p>The answer says what is known (issue 18): a request the service never received whole (no
 * connection, the circuit open, the connection lost while the request was still being written) is
 * a 503 problem with {@code Retry-After} and {@code outcome: not-processed}, safe to send again. A
 * request the service received whole whose answer did not come is a 502 (connection lost) or 504
 * (no answer in time) problem with {@code outcome: unknown}: the service may have carried it out,
 * so a client retries with the same {@code Idempotency-Key}. A safe request (GET, HEAD, OPTIONS
 * without a body) that lost its connection before any answer is sent once more on a new connection
 * first: that is the race of a pooled connection the service closed just as it was reused.
 */
final class Forwarding implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger("se.kvalitet.gateway.proxy");
    private static final String ATTEMPT = "kvalitet.attempt";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final ProxyRoutes.Downstream downstream;
    private final Optional<String> publicBaseUrl;
    private final Set<String> backendOrigins;

    /** What happened to one request on its way to the service. */
    static final class Attempt {
        boolean originFailed;
        boolean bodyEnded;
        boolean tooLarge;
        boolean retried;
        String publicBase;
    }

    Forwarding(
            Vertx vertx,
            ProxyRoutes.Downstream downstream,
            Optional<String> publicBaseUrl,
            Set<String> backendOrigins) {
        this.vertx = vertx;
        this.downstream = downstream;
        this.publicBaseUrl = publicBaseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.backendOrigins = backendOrigins;
    }

    /** {@code scheme://host:port} of a URL, with the default port made explicit, for comparing origins. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase();
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase() + ":" + port;
    }

    /** The connection to the service: a failure here means nothing was sent. */
    Future<HttpClientRequest> originRequest(ProxyContext ctx, Future<HttpClientRequest> request) {
        return request.onFailure(e -> attempt(ctx).originFailed = true);
    }

    private static Attempt attempt(ProxyContext ctx) {
        Attempt a = ctx.get(ATTEMPT, Attempt.class);
        if (a == null) {
            a = new Attempt();
            ctx.set(ATTEMPT, a);
        }
        return a;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
        ProxyRequest request = ctx.request();
        HttpServerRequest incoming = request.proxiedRequest();
        Attempt attempt = attempt(ctx);
        attempt.publicBase = publicBaseUrl.orElseGet(() -> publicBase(incoming));
        forwardedHeaders(incoming, request.headers());
        Body body = request.getBody();
        if (body != null
                && body.length() < 0
                && incoming.version() == HttpVersion.HTTP_2
                && !incoming.isEnded()
                && !incoming.headers().contains("Transfer-Encoding")) {
            // an HTTP/2 body without content-length: the proxy passes a body on without a length only
            // when the client's request was chunked, and would otherwise send none at all
            incoming.headers().set("Transfer-Encoding", "chunked");
        }
        if (body != null) {
            request.setBody(
                    Body.body(new LimitedStream(body.stream(), downstream.maxBodyBytes(), attempt), body.length()));
        }
        return send(ctx, attempt);
    }

    private Future<ProxyResponse> send(ProxyContext ctx, Attempt attempt) {
        return ctx.sendRequest()
                .map(response -> {
                    int status = response.getStatusCode();
                    if (status == 502 || status == 503 || status == 504) {
                        downstream.circuit().failed(new IllegalStateException("status " + status));
                    } else {
                        downstream.circuit().succeeded();
                    }
                    return response;
                })
                .recover(err -> failed(ctx, attempt, err));
    }

    private Future<ProxyResponse> failed(ProxyContext ctx, Attempt attempt, Throwable err) {
        ProxyRequest request = ctx.request();
        HttpServerRequest incoming = request.proxiedRequest();
        String cid = incoming.getHeader(Correlation.HEADER);
        String name = downstream.name();
        String what = incoming.method() + " " + LoggedPath.of(incoming.path());
        if (attempt.tooLarge) {
            // the service got a reset, never a whole request; the client's remaining bytes are thrown away
            ProxyRoutes.discardRest(vertx, incoming);
            return problem(
                    ctx,
                    413,
                    "payload-too-large",
                    "Payload too large",
                    "The body may be at most " + downstream.maxBodyBytes() + " bytes",
                    null,
                    cid);
        }
        if (incoming.response().closed()) {
            log(
                    Logger.Level.INFO,
                    cid,
                    "%s -> %s: the client went away before the answer (%s)",
                    what,
                    name,
                    cause(err));
            return problem(ctx, 499, "client-closed", "Client closed the request", null, null, cid);
        }
        boolean timeout = err instanceof TimeoutException;
        if (attempt.originFailed || !attempt.bodyEnded) {
            downstream.circuit().failed(err);
            log(
                    Logger.Level.WARN,
                    cid,
                    "%s -> %s: not sent (%s): %s",
                    what,
                    name,
                    attempt.originFailed ? "no connection" : "connection lost while the request was written",
                    cause(err));
            incoming.response()
                    .putHeader("Retry-After", Long.toString(downstream.circuit().retryAfterSeconds()));
            return problem(
                    ctx,
                    503,
                    "service-unavailable",
                    "Service unavailable",
                    name + " could not be reached; the request was not carried out, send it again after Retry-After",
                    Problems.Outcome.NOT_PROCESSED,
                    cid);
        }
        if (!timeout && !attempt.retried && SAFE.contains(incoming.method()) && withoutBody(incoming)) {
            attempt.retried = true;
            attempt.bodyEnded = true;
            request.setBody(null);
            log(
                    Logger.Level.INFO,
                    cid,
                    "%s -> %s: connection lost before any answer (%s); sent once more",
                    what,
                    name,
                    cause(err));
            return send(ctx, attempt);
        }
        downstream.circuit().failed(err);
        log(
                Logger.Level.WARN,
                cid,
                "%s -> %s: sent, no answer (%s): %s",
                what,
                name,
                timeout ? "timed out" : "connection lost",
                cause(err));
        if (timeout) {
            return problem(
                    ctx,
                    504,
                    "gateway-timeout",
                    "Gateway timeout",
                    name + " received the request but did not answer in time; whether it was carried out is unknown. "
                            + "Retry with the same Idempotency-Key, which makes a repeat safe",
                    Problems.Outcome.UNKNOWN,
                    cid);
        }
        return problem(
                ctx,
                502,
                "bad-gateway",
                "Bad gateway",
                name + " received the request but its answer was lost; whether it was carried out is unknown. "
                        + "Retry with the same Idempotency-Key, which makes a repeat safe",
                Problems.Outcome.UNKNOWN,
                cid);
    }

    /** A log line with the request's correlation id in the MDC, as every other line about it. */
    static void log(Logger.Level level, String cid, String format, Object... args) {
        MDC.put("correlationId", cid == null ? "" : cid);
        try {
            LOG.logf(level, format, args);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private static boolean withoutBody(HttpServerRequest req) {
        String length = req.getHeader("Content-Length");
        return (length == null || "0".equals(length.trim())) && !req.headers().contains("Transfer-Encoding");
    }

    /** The class of a failure and its message, with any personnummer masked (messages can carry a URI). */
    static String cause(Throwable err) {
        if (err instanceof TimeoutException) {
            return err.getClass().getSimpleName();
        }
        String message = err.getMessage() == null ? "" : PersonalIdentityNumbers.mask(err.getMessage());
        if (message.length() > 200) {
            message = message.substring(0, 200);
        }
        return err.getClass().getName() + ": " + message;
    }

    private static Future<ProxyResponse> problem(
            ProxyContext ctx,
            int status,
            String slug,
            String title,
            String detail,
            Problems.Outcome outcome,
            String cid) {
        ProxyResponse r = ctx.request().response();
        r.setStatusCode(status);
        r.headers().clear();
        r.putHeader("Content-Type", Problems.CONTENT_TYPE);
        r.putHeader("Cache-Control", "no-store");
        r.setBody(Body.body(Problems.body(status, slug, title, detail, cid, outcome)));
        return Future.succeededFuture(r);
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext ctx) {
        ProxyResponse response = ctx.response();
        MultiMap headers = response.headers();
        // the edge's headers-end hook sets the one correlation id of the response
        headers.remove(Correlation.HEADER);
        if (!headers.contains("Cache-Control")) {
            headers.set("Cache-Control", "no-store"); // case data: never kept by a browser or a shared cache
        }
        Attempt attempt = attempt(ctx);
        rewrite(headers, "Location", attempt.publicBase);
        rewrite(headers, "Content-Location", attempt.publicBase);
        HttpServerRequest incoming = ctx.request().proxiedRequest();
        return ctx.sendResponse()
                .onComplete(ar -> {
                    if ("close".equalsIgnoreCase(incoming.response().headers().get("Connection"))) {
                        incoming.response().close();
                    }
                })
                .onFailure(err -> log(
                        incoming.response().closed() ? Logger.Level.DEBUG : Logger.Level.WARN,
                        incoming.getHeader(Correlation.HEADER),
                        "%s %s -> %s: answer interrupted while streamed (%s)",
                        incoming.method(),
                        LoggedPath.of(incoming.path()),
                        downstream.name(),
                        cause(err)));
    }

    /** A link that points at a service (its own address) is made to point at the gateway. */
    void rewrite(MultiMap headers, String name, String publicBase) {
        String value = headers.get(name);
        if (value == null || publicBase == null) {
            return;
        }
        try {
            URI uri = URI.create(value.trim());
            if (!uri.isAbsolute() || uri.getHost() == null || !backendOrigins.contains(origin(uri))) {
                return;
            }
            StringBuilder s = new StringBuilder(publicBase).append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                s.append('?').append(uri.getRawQuery());
            }
            if (uri.getRawFragment() != null) {
                s.append('#').append(uri.getRawFragment());
            }
            headers.set(name, s.toString());
        } catch (IllegalArgumentException e) {
            // not a URI: passed on as the service sent it
        }
    }

    /** The gateway's address as the client used it: its forwarded scheme and host when a proxy in front set them. */
    static String publicBase(HttpServerRequest req) {
        String proto = first(req.getHeader("X-Forwarded-Proto"));
        String host = first(req.getHeader("X-Forwarded-Host"));
        if (proto == null || !(proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
            proto = req.scheme() == null ? "http" : req.scheme();
        }
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = req.authority() == null ? null : req.authority().toString();
        }
        return host == null ? null : proto.toLowerCase() + "://" + host;
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String v = (comma < 0 ? header : header.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }

    /** {@code X-Forwarded-For} appended to, {@code -Proto} and {@code -Host} as the gateway received the request. */
    static void forwardedHeaders(HttpServerRequest req, MultiMap out) {
        String remote = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String prior = req.getHeader("X-Forwarded-For");
        if (remote != null) {
            out.set("X-Forwarded-For", prior == null ? remote : prior + ", " + remote);
        }
        out.set("X-Forwarded-Proto", req.scheme() == null ? "http" : req.scheme());
        if (req.authority() != null) {
            out.set("X-Forwarded-Host", req.authority().toString());
        }
    }

    /**
     * The request body on its way to the service, counted: past the route's limit the stream fails
     * (the proxy resets the request to the service, which never sees a whole request) and the client
     * gets a 413 problem. A chunked body has no declared length, so this is its only limit.
     */
    static final class LimitedStream implements ReadStream<Buffer> {
        private final ReadStream<Buffer> source;
        private final long limit;
        private final Attempt attempt;
        private long seen;
        private Handler<Throwable> exceptionHandler;
        private Handler<Void> endHandler;

        LimitedStream(ReadStream<Buffer> source, long limit, Attempt attempt) {
            this.source = source;
            this.limit = limit;
            this.attempt = attempt;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            source.exceptionHandler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            if (handler == null) {
                source.handler(null);
                return this;
            }
            source.handler(buffer -> {
                if (attempt.tooLarge) {
                    return;
                }
                seen += buffer.length();
                if (seen > limit) {
                    attempt.tooLarge = true;
                    source.pause();
                    if (exceptionHandler != null) {
                        exceptionHandler.handle(new IllegalStateException("request body over " + limit + " bytes"));
                    }
                    return;
                }
                handler.handle(buffer);
            });
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            source.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            source.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            source.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> handler) {
            this.endHandler = handler;
            if (handler == null) {
                source.endHandler(null);
            } else {
                source.endHandler(v -> {
                    if (!attempt.tooLarge) {
                        attempt.bodyEnded = true;
                        endHandler.handle(v);
                    }
                });
            }
            return this;
        }
    }
}
