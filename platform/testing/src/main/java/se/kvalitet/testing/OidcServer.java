package se.kvalitet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A minimal OpenID provider shaped like a Keycloak realm: discovery document and JWKS under
 * {@code /realms/<realm>}. Tokens are signed with {@link TestTokens} using this server's RSA key,
 * so quarkus-oidc runs its real signature, issuer and audience checks against it.
 */
public final class OidcServer implements AutoCloseable {

    public static final String REALM = "kvalitet";
    public static final String KEY_ID = "kvalitet-test-key";

    private final HttpServer http;
    private final KeyPair keys;
    private final String issuer;

    private OidcServer(HttpServer http, KeyPair keys, String issuer) {
        this.http = http;
        this.keys = keys;
        this.issuer = issuer;
    }

    public static OidcServer start() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair keys = gen.generateKeyPair();
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            String issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/" + REALM;
            OidcServer server = new OidcServer(http, keys, issuer);
            String base = "/realms/" + REALM;
            http.createContext(base + "/.well-known/openid-configuration", ex -> server.json(ex, server.discovery()));
            http.createContext(base + "/protocol/openid-connect/certs", ex -> server.json(ex, server.jwks()));
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public KeyPair keys() {
        return keys;
    }

    private String discovery() {
        String p = issuer + "/protocol/openid-connect";
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + p + "/certs\",\"token_endpoint\":\"" + p
                + "/token\",\"authorization_endpoint\":\"" + p + "/auth\",\"userinfo_endpoint\":\"" + p
                + "/userinfo\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private String jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}";
    }

    private static String b64(BigInteger v) {
        byte[] bytes = v.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void json(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (var out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
