package se.kvalitet.deviation.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the suite may send a webhook request (the handshake and every delivery): not into the installation's own
 * network unless the installation named the host ({@code kvalitet.webhooks.internal-hosts}). A machine client
 * chooses the URL; without this check a subscription to {@code https://169.254.169.254/…} or
 * {@code https://10.0.0.5:8443/…} would have deviation-service send requests inside the network it runs in, and the
 * handshake's answer ("could not be reached", "answered 404") would map that network for the client (server-side
 * request forgery). Checked when a subscription is made and again before each delivery, on every address the host
 * resolves to, since what a name resolves to can change. A name that resolves to a public address at the check
 * and to an internal one at the connection a moment later (DNS rebinding) is not caught: the connection is the
 * JDK's, which resolves again.
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject
    WebhookSettings settings;

    /** Why the suite will not send to {@code uri}, or empty when it may. A name that does not resolve may be tried. */
    public Optional<String> refusal(URI uri) {
        return refusal(uri, settings.internalHosts().orElse(List.of()));
    }

    static Optional<String> refusal(URI uri, Collection<String> internalHosts) {
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (internalHosts.stream().anyMatch(h -> h.strip().equalsIgnoreCase(bare))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare.toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            return Optional.empty(); // nothing to connect to: the request fails as unreachable
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return Optional.of("resolves to an address inside the installation's network (loopback, private or"
                        + " link-local); only hosts the installation lists in kvalitet.webhooks.internal-hosts may");
            }
        }
        return Optional.empty();
    }

    /** Loopback, unspecified, link-local, private (RFC 1918), unique-local (fc00::/7), carrier-grade NAT, multicast. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10, carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15, benchmarking
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            boolean v4Compatible = true; // ::a.b.c.d and ::ffff:a.b.c.d (Java turns the latter into an Inet4Address)
            for (int i = 0; i < 10; i++) {
                v4Compatible &= b[i] == 0;
            }
            if (v4Compatible && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
