package io.github.gradientspring.client.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The two queues of a request budget and who is served next: the application's calls first, but while calls and
 * polls both wait, every {@value #POLL_SHARE}th grant goes to the poll that waited longest, so that a busy
 * application never starves its watches. Ten keeps nine grants in ten for the application and still gives a poll a
 * slot within ten grants: 3 s at the default 200 a minute. Not thread-safe: the budget's lock guards it.
 */
final class FairQueues<T> {

    /** While calls and polls both wait, one grant in this many goes to a poll. */
    static final int POLL_SHARE = 10;

    private final Deque<T> calls = new ArrayDeque<>();

    private final Deque<T> polls = new ArrayDeque<>();

    private int callsInARow;

    void add(T waiter, boolean call) {
        (call ? this.calls : this.polls).addLast(waiter);
    }

    boolean remove(T waiter) {
        return this.calls.remove(waiter) || this.polls.remove(waiter);
    }

    boolean isEmpty() {
        return this.calls.isEmpty() && this.polls.isEmpty();
    }

    int calls() {
        return this.calls.size();
    }

    int size() {
        return this.calls.size() + this.polls.size();
    }

    /** Takes who goes next, or {@code null} when nobody waits. */
    @Nullable T next() {
        if (!this.polls.isEmpty() && (this.calls.isEmpty() || this.callsInARow >= POLL_SHARE - 1)) {
            this.callsInARow = 0;
            return this.polls.pollFirst();
        }
        if (this.calls.isEmpty()) {
            return null;
        }
        this.callsInARow++;
        return this.calls.pollFirst();
    }

}
