package se.kvalitet.events.registry;

import java.util.UUID;

/**
 * One activity of an approved process version, in the process's order (SOSFS 2011:9 4 kap. 3 §).
 * Activity ids are stable across versions: a routine links to an activity id.
 *
 * @param activityId the activity
 * @param position   its place in the process, from 1
 */
public record ActivityRef(UUID activityId, int position) {}
