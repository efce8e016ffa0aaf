package se.kvalitet.report;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the service's mailer, with IMAP so tests read what arrived as a
 * mail client would ({@link Mailbox}). Ports are free ones; the IMAP port reaches the tests through a
 * system property, as platform/testing's resources do. GreenMail makes a mailbox for every address it
 * receives mail for (login and password: the address).
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAP_PORT_PROPERTY = "kvalitet.test.imap.port";

    private GreenMail greenMail;

    /** The running server, for {@link #hasMailbox}. */
    private static volatile GreenMail running;

    /**
     * Whether GreenMail has a mailbox for the address (it makes one when the first mail to it arrives). Readers ask
     * before they log in over IMAP: GreenMail 2.1.5's IMAP handler spins on a connection the client closes after a
     * failed login (17 such threads took two thirds of this module's test CPU, 2026-12-05).
     */
    static boolean hasMailbox(String address) {
        GreenMail g = running;
        return g != null && g.getUserManager().getUserByEmail(address) != null;
    }

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
        });
        greenMail.start();
        running = greenMail;
        System.setProperty(
                IMAP_PORT_PROPERTY, Integer.toString(greenMail.getImap().getPort()));
        return Map.of(
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                Integer.toString(greenMail.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            running = null;
            greenMail.stop();
        }
    }
}
