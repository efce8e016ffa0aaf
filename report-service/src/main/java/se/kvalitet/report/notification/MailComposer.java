package se.kvalitet.report.notification;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Swedish text of the mails, from the Qute templates {@code templates/notification/immediate.txt} and
 * {@code digest.txt}: what, by when, the unit's name and a link to the case in the intranet front-end,
 * nothing else (no data about the person a case concerns, no free text of a case: the events carry
 * neither).
 */
@ApplicationScoped
public class MailComposer {

    /** One matter as the templates show it. */
    public record Item(
            String what, String dueText, boolean overdue, String unitName, String link, boolean escalation) {}

    public record Mail(String subject, String body) {}

    @Inject
    @Location("notification/immediate.txt")
    Template immediate;

    @Inject
    @Location("notification/digest.txt")
    Template digest;

    /** The intranet front-end's base URL; a case's link is this plus its path. */
    @ConfigProperty(name = "kvalitet.notification.link-base-url")
    String linkBaseUrl;

    /** Where a person changes the preferences, in the front-end. */
    @ConfigProperty(name = "kvalitet.notification.settings-path", defaultValue = "/installningar/aviseringar")
    String settingsPath;

    public String link(String path) {
        String base = linkBaseUrl.endsWith("/") ? linkBaseUrl.substring(0, linkBaseUrl.length() - 1) : linkBaseUrl;
        return base + path;
    }

    public Mail immediate(Item item) {
        String subject = "Kvalitet: " + (item.escalation() ? "Eskalering: " : "") + item.what()
                + (item.dueText() == null
                        ? ""
                        : (item.overdue() ? " (försenad, " : " (senast ") + item.dueText() + ")");
        String body = immediate
                .data("item", item)
                .data("settingsLink", link(settingsPath))
                .render();
        return new Mail(truncate(subject, 300), body);
    }

    public Mail digest(LocalDate day, List<Item> items) {
        long overdue = items.stream().filter(Item::overdue).count();
        String subject =
                "Kvalitet: sammanfattning " + day + " (" + items.size() + (items.size() == 1 ? " ärende" : " ärenden")
                        + (overdue > 0 ? ", " + overdue + (overdue == 1 ? " försenat" : " försenade") : "") + ")";
        String body = digest.data("items", items)
                .data("settingsLink", link(settingsPath))
                .render();
        return new Mail(subject, body);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
