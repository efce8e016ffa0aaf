package se.kvalitet.report.notification;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import se.kvalitet.messaging.Inbox;

/**
 * The notifications' own consumer: the deviation, registry, follow-up and report topics in a consumer
 * group of its own ({@code report-service.notification-events}), so the read models' consumers are
 * untouched and a slow SMTP server cannot hold them up (mail is sent later, by the sender). Every record
 * goes through the inbox under the consumer name {@value #CONSUMER}: an event is planned once, in the
 * same transaction as its notification rows.
 */
@ApplicationScoped
public class NotificationConsumer {

    public static final String CONSUMER = "notifications";

    @Inject
    Inbox inbox;

    @Inject
    NotificationPlanner planner;

    @Incoming("notification-events")
    @Blocking(ordered = true)
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        records.forEach(batch::add);
        inbox.processBatch(CONSUMER, batch, planner::apply);
    }
}
