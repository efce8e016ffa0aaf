package se.kvalitet.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What happens on a client connection before a request reaches any route:
 *
 * <ul>
 * <li>A request head (request line and headers) must be complete within
 * {@code kvalitet.gateway.connections.request-head-timeout} of its first byte, else the connection
 * gets a 408 problem and is closed (one header line every 5 s kept a connection open for 75 s,
 * issue 13). A connection with no request under way is closed after
 * {@code client-idle-timeout}; a request being answered is never cut by either.</li>
 * <li>A request line over {@code quarkus.http.limits.max-initial-line-length} (414), headers over
 * {@code max-header-size} (431) or a head that does not parse (400) is answered by Vert.x before
 * any route, with an empty body: here it is a problem with a correlation id like every other.</li>
 * </ul>
 *
 * <p>Quarkus reports the HTTP server started asynchronously, right after it listens: a connection
 * accepted in between (the first milliseconds) is not guarded.
 *
 * <p>Why reflection: both need the Vert.x {@code HttpServer} (its connection handler and
 * {@code invalidRequestHandler}), which Quarkus 3.30 creates privately and does not expose (an
 * {@code HttpServerOptionsCustomizer} sees only the options; quarkusio/quarkus#55082 asks for
 * the same hook). After the servers listen, the connection handler of each one is wrapped, so every
 * new HTTP/1.1 connection also gets the two Netty handlers below. If a Quarkus or Vert.x upgrade
 * moves those fields, startup logs an error and {@code GatewayTest} fails (it sends a trickled head
 * and an over-long request line).
 */
@ApplicationScoped
public class ConnectionGuard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    private static final String QUARKUS_VERTICLE =
            "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle";

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    private final Set<Object> wrapped = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /**
     * Clear-text HTTP/2 (h2c) off: with it on, Vert.x sets a connection up only once the first request
     * head is complete (to see whether it asks for an upgrade), so that head would be unguarded.
     * HTTP/2 stays available over TLS.
     */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void onStart(@Observes StartupEvent event) {
        installUntilSettled();
    }

    /**
     * Quarkus reports the start asynchronously, and on a loaded machine a server's verticle may not have
     * finished listening yet (its connection handler is set only then): from startup and from that event,
     * look again every 100 ms for {@value #SETTLE_MS} ms, so every server that listens is guarded whatever
     * the order.
     */
    void onHttpStart(@ObservesAsync HttpServerStart event) {
        installUntilSettled();
    }

    private void installUntilSettled() {
        install();
        long[] timer = new long[1];
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        timer[0] = vertx.setPeriodic(100, id -> {
            install();
            if (System.nanoTime() > until) {
                vertx.cancelTimer(timer[0]);
            }
        });
    }

    static final long SETTLE_MS = 5_000;

    /** The number of HTTP servers whose connections are guarded. */
    int guardedServers() {
        return wrapped.size();
    }

    synchronized void install() {
        int before = wrapped.size();
        try {
            VertxInternal vi = (VertxInternal) vertx;
            for (String id : vi.deploymentIDs()) {
                Deployment deployment = vi.getDeployment(id);
                if (deployment == null) {
                    continue;
                }
                for (Verticle verticle : deployment.getVerticles()) {
                    if (!verticle.getClass().getName().equals(QUARKUS_VERTICLE)) {
                        continue;
                    }
                    for (String fieldName : new String[] {"httpServer", "httpsServer"}) {
                        Object server = read(verticle, verticle.getClass(), fieldName);
                        if (server instanceof HttpServer && server instanceof TCPServerBase base) {
                            wrap(base);
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.errorf("client connections are NOT guarded (request-head timeout, problem bodies for 414/431): %s", e);
            return;
        }
        if (wrapped.size() > before) {
            LOG.infof("client connections guarded on %d HTTP server(s)", wrapped.size());
        } else {
            LOG.debugf("client connections: no new HTTP server to guard (%d guarded)", wrapped.size());
        }
    }

    @SuppressWarnings("unchecked")
    private void wrap(TCPServerBase server) throws ReflectiveOperationException {
        Object worker =
                read(server, TCPServerBase.class, "childHandler"); // HttpServerWorker, set when the server listens
        if (worker == null || wrapped.contains(worker)) {
            return;
        }
        Field field = worker.getClass().getDeclaredField("connectionHandler");
        field.setAccessible(true);
        Handler<HttpServerConnection> original = (Handler<HttpServerConnection>) field.get(worker);
        Handler<HttpServerConnection> guarded = conn -> {
            original.handle(conn);
            guard(conn);
        };
        field.set(worker, guarded);
        wrapped.add(worker);
    }

    private static Object read(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
        Field f = declaring.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    private void guard(HttpServerConnection conn) {
        if (!(conn instanceof Http1xServerConnection h1)) {
            return; // HTTP/2 has its own stream and settings limits
        }
        h1.invalidRequestHandler(ConnectionGuard::invalidRequest);
        ChannelPipeline pipeline = h1.channelHandlerContext().pipeline();
        if (pipeline.get("httpDecoder") == null || pipeline.get("httpEncoder") == null) {
            return;
        }
        HeadClock clock = new HeadClock(
                config.connections().requestHeadTimeout().toMillis(),
                config.connections().clientIdleTimeout().toMillis());
        pipeline.addBefore("httpDecoder", "kvalitet-head-bytes", clock.bytes);
        pipeline.addAfter(
                "httpEncoder", "kvalitet-head-complete", clock.heads); // sees responses before they are encoded
    }

    /** Vert.x's own answer to a request it could not decode, with a problem body instead of an empty one. */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String slug;
        String title;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            slug = "uri-too-long";
            title = "URI too long";
            detail = "The request line is longer than the gateway accepts";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            slug = "request-header-fields-too-large";
            title = "Request header fields too large";
            detail = "The request's headers are larger than the gateway accepts";
        } else {
            status = 400;
            slug = "bad-request";
            title = "Bad request";
            detail = "The request could not be read as HTTP";
        }
        String cid = UUID.randomUUID().toString();
        Forwarding.log(Logger.Level.INFO, cid, "refused before routing: %d %s", status, title);
        request.response().putHeader("Connection", "close");
        Problems.send(request.response(), status, slug, title, detail, cid);
    }

    /** A raw HTTP/1.1 408 problem for a connection whose request head did not arrive in time. */
    static ByteBuf requestTimeout() {
        String cid = UUID.randomUUID().toString();
        byte[] body = Problems.body(
                        408,
                        "request-timeout",
                        "Request timeout",
                        "The request head did not arrive in time; the connection is closed",
                        cid)
                .getBytes();
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Problems.CONTENT_TYPE
                + "\r\nCache-Control: no-store\r\n" + Correlation.HEADER + ": " + cid
                + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /**
     * The state of one connection: idle (no byte of a request yet), reading a head, or busy with a
     * request (from a complete head until its response has been written).
     */
    static final class HeadClock {
        enum State {
            IDLE,
            HEAD,
            BUSY
        }

        private final long headMillis;
        private final long idleMillis;
        private State state = State.IDLE;
        private ScheduledFuture<?> timer;

        /** Before the HTTP decoder: sees the first raw byte of each request. */
        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                schedule(ctx, State.IDLE, idleMillis);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (state == State.IDLE && msg instanceof ByteBuf buf && buf.isReadable()) {
                    schedule(ctx, State.HEAD, headMillis);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };

        /** After the HTTP codec: sees each complete request head and the end of each response. */
        final ChannelDuplexHandler heads = new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    cancel();
                    state = State.BUSY;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    ChannelHandlerContext bytesCtx = ctx.pipeline().context(bytes);
                    promise.addListener(f -> {
                        if (state == State.BUSY && bytesCtx != null) {
                            schedule(bytesCtx, State.IDLE, idleMillis);
                        }
                    });
                }
                ctx.write(msg, promise);
            }
        };

        HeadClock(long headMillis, long idleMillis) {
            this.headMillis = headMillis;
            this.idleMillis = idleMillis;
        }

        private void schedule(ChannelHandlerContext ctx, State next, long millis) {
            cancel();
            state = next;
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                if (state != next || !ctx.channel().isActive()) {
                                    return;
                                }
                                if (next == State.HEAD) {
                                    LOG.infof(
                                            "a request head did not complete within %d ms: 408, connection closed",
                                            headMillis);
                                    ctx.writeAndFlush(requestTimeout())
                                            .addListener(f -> ctx.channel().close());
                                } else {
                                    ctx.channel().close();
                                }
                            },
                            millis,
                            TimeUnit.MILLISECONDS);
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
