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
 * Heap during a run. In a live-set run ({@code forceGc}) a full collection every
 * {@value #GC_EVERY_MS} ms leaves only what the run keeps alive (rows held in memory would make it
 * climb with the rows); its peak minus the level before the run is the heap growth reported. Timed
 * runs do not force collections; they report the peak of used heap including garbage not yet
 * collected, and what was left after the collections the JVM chose to make.
 */
final class HeapSampler implements AutoCloseable {

    private final long before;
    private volatile long peakAfterGc;
    private volatile long peakUsed;
    private volatile int collections;
    private volatile boolean running = true;
    private final Thread thread;
    private final List<Runnable> unregister = new ArrayList<>();
    static final int GC_EVERY_MS = 500;
    /** The heap's pools (eden, survivor, old): metaspace and code cache are not the heap. */
    static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toSet());

    HeapSampler() {
        this(false);
    }

    HeapSampler(boolean forceGc) {
        System.gc();
        before = used();
        peakAfterGc = before;
        peakUsed = before;
        NotificationListener listener = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> e :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(e.getKey())) {
                    after += e.getValue().getUsed();
                }
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
        thread = new Thread(
                () -> {
                    long nextGc = System.currentTimeMillis() + GC_EVERY_MS;
                    while (running) {
                        long u = used();
                        if (u > peakUsed) {
                            peakUsed = u;
                        }
                        if (forceGc && System.currentTimeMillis() >= nextGc) {
                            System.gc();
                            nextGc = System.currentTimeMillis() + GC_EVERY_MS;
                        }
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
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
