package se.kvalitet.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The local stack's SMTP server: GreenMail inside the launcher's JVM (SMTP for the services' mailer, IMAP
 * for a mail client: login and password are the recipient's address). What arrives is shown in
 * {@code <logs>/mail.log} (time, recipients, subject, Message-ID and the text) and kept as {@code .eml}
 * files in {@code <state>/mail/}, which any mail program opens. In memory: a restart empties the mailboxes,
 * the log and the files stay. Authentication is off (any login opens that address's mailbox, empty until mail
 * arrives; the server listens on 127.0.0.1 only): GreenMail 2.1.5's IMAP handler spins on a connection that a client
 * closes after a failed login, and each such thread took a core of the launcher's JVM until it stopped.
 */
final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final Path log;
    private final Path dir;
    private final Thread watcher;
    private volatile boolean running = true;
    private int seen;

    private MailServer(GreenMail greenMail, Path log, Path dir) {
        this.greenMail = greenMail;
        this.log = log;
        this.dir = dir;
        this.watcher = new Thread(this::watch, "localstack-mail-log");
        this.watcher.setDaemon(true);
    }

    static MailServer start(int smtpPort, int imapPort, Path log, Path dir) {
        GreenMail gm = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        gm.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        gm.start();
        try {
            Files.createDirectories(dir);
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            gm.stop();
            throw new UncheckedIOException(e);
        }
        MailServer server = new MailServer(gm, log, dir);
        server.watcher.start();
        return server;
    }

    private void watch() {
        while (running) {
            try {
                MimeMessage[] all = greenMail.getReceivedMessages();
                for (; seen < all.length; seen++) {
                    record(seen + 1, all[seen]);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException | MessagingException e) {
                System.err.println("[localstack] mail log: " + e);
            }
        }
    }

    private void record(int n, MimeMessage m) throws IOException, MessagingException {
        String to = m.getAllRecipients() == null
                ? ""
                : Arrays.stream(m.getAllRecipients()).map(Object::toString).collect(Collectors.joining(", "));
        String entry = String.format(
                Locale.ROOT,
                "=== %s mail #%d%nTo: %s%nSubject: %s%nMessage-ID: %s%n%n%s%n%n",
                Instant.now(),
                n,
                to,
                m.getSubject(),
                m.getMessageID(),
                String.valueOf(m.getContent()).replace("\r\n", "\n").strip());
        Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path eml = dir.resolve(
                String.format(Locale.ROOT, "%s-%04d.eml", Instant.now().toEpochMilli(), n));
        try (OutputStream out = Files.newOutputStream(eml)) {
            m.writeTo(out);
        }
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
        greenMail.stop();
    }
}
