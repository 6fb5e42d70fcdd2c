package io.github.gradientspring.client.fleet;

/**
 * What a member last knew of a scope of its fleet: what health and gauges show.
 *
 * @param degraded whether the store is unreachable, so the member runs alone on its share of the budget
 * @param members how many members the scope had when last seen (at least 1: this one)
 * @param leasesHeld how many watched jobs this member holds the lease of
 * @param watched how many jobs this member watches
 * @param remainingInMinute what the shared minute window had left when last seen, or {@code -1} when not known
 * @param remainingInHour what the shared hour window had left when last seen, or {@code -1} when not known
 */
public record FleetStatus(boolean degraded, int members, int leasesHeld, int watched, int remainingInMinute,
        int remainingInHour) {

}
