package se.kvalitet.deviation.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses count as inside the installation's network, and the installation's own list of such hosts. */
class WebhookTargetsTest {

    @Test
    void loopbackPrivateLinkLocalUniqueLocalAndSharedRangesAreInside() throws Exception {
        for (String inside : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "0.0.0.0",
                "10.0.0.1",
                "172.16.5.4",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.254",
                "198.18.0.1",
                "224.0.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd12:3456::1",
                "fc00::1",
                "::ffff:10.0.0.1",
                "::10.0.0.1")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(inside)))
                    .as(inside)
                    .isTrue();
        }
    }

    @Test
    void publicAddressesAreNot() throws Exception {
        for (String outside : List.of(
                "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "193.44.6.10", "2001:4860:4860::8888")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(outside)))
                    .as(outside)
                    .isFalse();
        }
    }

    @Test
    void onlyTheHostsTheInstallationListsMayResolveInside() {
        List<String> listed = List.of("localhost", "127.0.0.1", "arende.kommun.local");
        assertThat(WebhookTargets.refusal(URI.create("http://127.0.0.1:9099/x"), listed))
                .isEmpty();
        assertThat(WebhookTargets.refusal(URI.create("https://LOCALHOST/x"), listed))
                .isEmpty();
        assertThat(WebhookTargets.refusal(URI.create("https://127.0.0.2/x"), listed))
                .hasValueSatisfying(why -> assertThat(why).contains("inside the installation's network"));
        assertThat(WebhookTargets.refusal(URI.create("https://[::1]/x"), listed))
                .isPresent();
        assertThat(WebhookTargets.refusal(URI.create("https://10.1.2.3/x"), List.of()))
                .isPresent();
        assertThat(WebhookTargets.refusal(URI.create("https://8.8.8.8/x"), List.of()))
                .isEmpty();
        // a name that does not resolve is not refused here: the request fails as unreachable
        assertThat(WebhookTargets.refusal(URI.create("https://no-such-host.invalid/x"), List.of()))
                .isEmpty();
    }
}
