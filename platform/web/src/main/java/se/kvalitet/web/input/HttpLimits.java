package se.kvalitet.web.input;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import se.kvalitet.web.CorrelationIdFilter;
import se.kvalitet.web.Problem;

/**
 * The HTTP limits a service answers below the REST layer (413 body too large, 414 URI too long,
 * 431 headers too large) as problem+json with the correlation id, like every other error.
 *
 * <p>Vert.x answers a request line or header block beyond its codec limits itself, with an empty
 * body and no way to change it. So the codec limits are raised to four times the configured
 * {@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size} (at least 64 KB
 * and 128 KB), and the configured limits are enforced here, first on every route. Only a request
 * beyond the raised limits still gets Vert.x's empty answer (the gateway in front refuses those
 * earlier). A body announced by {@code Content-Length} beyond {@code quarkus.http.limits.max-body-size}
 * is refused here before it is read; a body without {@code Content-Length} (chunked) is read by a
 * Vert.x body handler counting against the same limit, and one that grows beyond it is a 413 problem
 * too (Quarkus alone would hand the resource an empty body).
 */
@Singleton
public class HttpLimits implements HttpServerOptionsCustomizer {

    static volatile int maxInitialLineLength = 4096;
    static volatile int maxHeaderSize = 20 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        maxInitialLineLength = options.getMaxInitialLineLength();
        maxHeaderSize = options.getMaxHeaderSize();
        options.setMaxInitialLineLength(Math.max(maxInitialLineLength * 4, 64 * 1024));
        options.setMaxHeaderSize(Math.max(maxHeaderSize * 4, 128 * 1024));
    }

    void install(@Observes Router router) {
        long maxBody = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue)
                .orElse(10L * 1024 * 1024);
        // a body without Content-Length (chunked) is read here, counted against the limit as it arrives;
        // not where the application streams bodies on itself (the gateway's proxy counts them on the way)
        boolean readChunked = ConfigProvider.getConfig()
                .getOptionalValue("kvalitet.web.read-chunked-bodies", Boolean.class)
                .orElse(true);
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false);
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (!readChunked) {
                ctx.next();
                return;
            }
            if (ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH) == null
                    && ctx.request().getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null) {
                chunked.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route()
                .order(Integer.MIN_VALUE)
                .handler(ctx -> check(ctx, maxBody))
                .failureHandler(ctx -> {
                    // a chunked body that grew beyond the limit while it was read
                    if (ctx.statusCode() == 413
                            && ctx.failure() == null
                            && !ctx.response().headWritten()) {
                        refuse(
                                ctx,
                                413,
                                "payload-too-large",
                                "Payload Too Large",
                                "The request body is larger than " + maxBody + " bytes",
                                true);
                    } else {
                        ctx.next();
                    }
                });
    }

    private static void check(RoutingContext ctx, long maxBody) {
        HttpServerRequest request = ctx.request();
        // the request line: METHOD SP URI SP HTTP/1.1
        int line = request.method().name().length() + request.uri().length() + 10;
        if (line > maxInitialLineLength) {
            refuse(
                    ctx,
                    414,
                    "uri-too-long",
                    "URI Too Long",
                    "The request line is longer than " + maxInitialLineLength + " characters",
                    false);
            return;
        }
        int headers = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headers += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headers > maxHeaderSize) {
            refuse(
                    ctx,
                    431,
                    "request-header-fields-too-large",
                    "Request Header Fields Too Large",
                    "The request headers are larger than " + maxHeaderSize + " bytes",
                    false);
            return;
        }
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long announced;
            try {
                announced = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "bad-request", "Bad Request", "Content-Length is not a number", true);
                return;
            }
            if (announced > maxBody) {
                refuse(
                        ctx,
                        413,
                        "payload-too-large",
                        "Payload Too Large",
                        "The request body is larger than " + maxBody + " bytes",
                        true);
                return;
            }
        }
        ctx.next();
    }

    private static void refuse(
            RoutingContext ctx, int status, String slug, String title, String detail, boolean close) {
        String id = CorrelationIdFilter.accept(ctx.request().getHeader(CorrelationIdFilter.HEADER));
        String body = "{\"type\":\"" + Problem.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"correlationId\":\"" + id + "\"}";
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(CorrelationIdFilter.HEADER, id);
        if (close) {
            // the body was not read: the connection cannot carry another request
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
            response.endHandler(v -> ctx.request().connection().close());
        }
        response.end(body);
    }
}
