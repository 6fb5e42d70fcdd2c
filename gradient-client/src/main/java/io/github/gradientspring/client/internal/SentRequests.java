package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.gradientspring.client.fleet.FleetSentRequest;
import org.jspecify.annotations.Nullable;

/**
 * The requests one member sent in the last hour, shared slots and those it sent alone, so that it can
 * {@linkplain io.github.gradientspring.client.fleet.FleetScope#recount count them again} in the fleet's windows when
 * it is back from a time without the store. At most one entry per request the hour allows (the policy caps what a
 * member can send in an hour), each an id and a time.
 */
final class SentRequests {

    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final ArrayDeque<Sent> sent = new ArrayDeque<>();

    private final int capacity;

    /** @param capacity the most requests an hour can hold: the policy's hourly limit */
    SentRequests(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Records a request sent now on a slot of the shared budget, or alone when {@code slotId} is {@code null}. */
    synchronized void sent(@Nullable String slotId, long now) {
        trim(now);
        if (this.sent.size() >= this.capacity) {
            this.sent.pollFirst();
        }
        this.sent.addLast(new Sent((slotId != null) ? slotId : "alone-" + UUID.randomUUID(), now));
    }

    /** The requests of the last hour, oldest first, with their ages. */
    synchronized List<FleetSentRequest> lastHour(long now) {
        trim(now);
        List<FleetSentRequest> recent = new ArrayList<>(this.sent.size());
        for (Sent request : this.sent) {
            recent.add(new FleetSentRequest(request.id, Duration.ofNanos(now - request.at)));
        }
        return recent;
    }

    private void trim(long now) {
        while (!this.sent.isEmpty() && now - this.sent.peekFirst().at > HOUR) {
            this.sent.pollFirst();
        }
    }

    private record Sent(String id, long at) {
    }

}
