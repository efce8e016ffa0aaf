package se.kvalitet.followup.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap during a measured run. Used heap right after each garbage collection is what the run keeps
 * alive (rows held in memory would make it climb); its peak minus the level before the run is the
 * heap growth reported. The peak of used heap including garbage not yet collected is reported too.
 */
final class HeapSampler implements AutoCloseable {

    private final long before;
    private volatile long peakAfterGc;
    private volatile long peakUsed;
    private volatile int collections;
    private volatile boolean running = true;
    private final Thread thread;
    private final List<Runnable> unregister = new ArrayList<>();

    HeapSampler() {
        System.gc();
        before = used();
        peakAfterGc = before;
        peakUsed = before;
        NotificationListener listener = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                after += e.getValue().getUsed();
            }
            collections++;
            if (after > peakAfterGc) {
                peakAfterGc = after;
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // gone already
                    }
                });
            }
        }
        thread = new Thread(() -> {
            while (running) {
                long u = used();
                if (u > peakUsed) {
                    peakUsed = u;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Growth of the heap kept alive (after collections) in MB. */
    double growthMb() {
        return (peakAfterGc - before) / (1024.0 * 1024.0);
    }

    /** Growth of used heap including uncollected garbage, in MB. */
    double peakUsedMb() {
        return (peakUsed - before) / (1024.0 * 1024.0);
    }

    int collections() {
        return collections;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        unregister.forEach(Runnable::run);
    }
}
