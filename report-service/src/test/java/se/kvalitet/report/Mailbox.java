package se.kvalitet.report;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a mailbox of the test's GreenMail over IMAP, as a mail client would. */
public final class Mailbox {

    /** A received mail: what the person sees. */
    public record Received(String to, String subject, String body, String messageId, String autoSubmitted) {}

    private Mailbox() {}

    public static List<Received> of(String address) {
        if (!GreenMailTestResource.hasMailbox(address)) {
            return List.of(); // no mail has arrived for the address yet (and a failed login would leave GreenMail
            // spinning)
        }
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", System.getProperty(GreenMailTestResource.IMAP_PORT_PROPERTY));
        Session session = Session.getInstance(p);
        try (Store store = session.getStore("imap")) {
            store.connect(address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Received> out = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                MimeMessage mime = (MimeMessage) m;
                String[] auto = mime.getHeader("Auto-Submitted");
                out.add(new Received(
                        mime.getAllRecipients()[0].toString(),
                        mime.getSubject(),
                        String.valueOf(mime.getContent()).replace("\r\n", "\n"),
                        mime.getMessageID(),
                        auto == null ? null : auto[0]));
            }
            inbox.close(false);
            return out;
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of(); // no mail has arrived for the address yet, so GreenMail has no such user
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
