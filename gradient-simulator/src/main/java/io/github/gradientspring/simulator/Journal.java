package io.github.gradientspring.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Every API request the simulator received, for assertions such as "the client sent exactly three retries,
 * each with a Bearer token". Thread-safe. Admin routes ({@code /_simulator/…}) are not journaled.
 *
 * <p>Counters ({@link #count(Operation)}, {@link #total()}, {@link #rateLimited()}) are always kept. Full request
 * records are kept only while the journal is enabled (the default; fast mode turns it off to spare the copy of
 * headers and body on every request), and only the latest {@link #capacity()} of them.
 */
public final class Journal {

    /** Records kept by default before the oldest are dropped: bounded so a long demo or soak run cannot exhaust memory. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final boolean enabled;
    private final int capacity;
    private final LongAdder[] perOperation = new LongAdder[Operation.values().length];
    private final LongAdder total = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    private final ArrayDeque<ScheduledRun> scheduledRuns = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();

    Journal(boolean enabled, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The journal capacity must be at least 1, got " + capacity);
        }
        this.enabled = enabled;
        this.capacity = capacity;
        for (int i = 0; i < perOperation.length; i++) {
            perOperation[i] = new LongAdder();
        }
    }

    /** Whether full request records are kept. */
    public boolean enabled() {
        return enabled;
    }

    /** Requests routed to {@code operation} since the last {@link #clear()}, whatever they were answered. */
    public long count(Operation operation) {
        return perOperation[operation.ordinal()].sum();
    }

    /** Every request counted per endpoint. */
    public Map<Operation, Long> counts() {
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            counts.put(operation, count(operation));
        }
        return counts;
    }

    /** API requests received since the last {@link #clear()}, routed or not. */
    public long total() {
        return total.sum();
    }

    /** Requests answered 429 by the rate limiter (not by a scripted fault) since the last {@link #clear()}. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** How many records are kept at most; older ones are dropped first (counters are unaffected). */
    public int capacity() {
        return capacity;
    }

    /** A snapshot of the recorded requests, oldest first. Empty when the journal is disabled. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests routed to {@code operation}, oldest first. */
    public synchronized List<RecordedRequest> requests(Operation operation) {
        return requests.stream().filter(request -> request.operation() == operation).toList();
    }

    /**
     * The jobs schedules started, oldest first (the latest {@link #capacity()}), kept whether or not request records
     * are. Each job is in the job list too, created at its scheduled instant.
     */
    public synchronized List<ScheduledRun> scheduledRuns() {
        return List.copyOf(scheduledRuns);
    }

    /** The most recent recorded request, or null. */
    public synchronized RecordedRequest last() {
        return requests.peekLast();
    }

    /**
     * Completes once at least {@code count} requests are recorded, with the recorded requests; no polling, no
     * sleeping. Use with a timeout: {@code journal.await(3).get(5, SECONDS)}.
     *
     * @throws IllegalStateException when the journal is disabled, because it would never complete
     */
    public CompletableFuture<List<RecordedRequest>> await(int count) {
        return await(null, count);
    }

    /** Completes once at least {@code count} requests to {@code operation} are recorded, with those requests. */
    public CompletableFuture<List<RecordedRequest>> await(@Nullable Operation operation, int count) {
        if (!enabled) {
            throw new IllegalStateException("The journal is disabled; enable it to await requests");
        }
        Waiter waiter = new Waiter(operation, count);
        List<RecordedRequest> ready;
        synchronized (this) {
            ready = waiter.satisfiedBy(requests);
            if (ready == null) {
                waiters.add(waiter);
            }
        }
        if (ready != null) {
            waiter.future.complete(ready);
        }
        return waiter.future;
    }

    /** Forgets every record and counter. Pending awaits keep waiting for new requests. */
    public void clear() {
        synchronized (this) {
            requests.clear();
            scheduledRuns.clear();
        }
        total.reset();
        rateLimited.reset();
        for (LongAdder adder : perOperation) {
            adder.reset();
        }
    }

    /** Counts a request; records it when enabled. */
    void record(RecordedRequestSupplier supplier, @Nullable Operation operation, int status, boolean limited) {
        total.increment();
        if (operation != null) {
            perOperation[operation.ordinal()].increment();
        }
        if (limited) {
            rateLimited.increment();
        }
        if (!enabled) {
            return;
        }
        RecordedRequest request = supplier.get();
        List<Runnable> completions = null;
        synchronized (this) {
            requests.addLast(request);
            if (requests.size() > capacity) {
                requests.removeFirst();
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                Waiter waiter = it.next();
                List<RecordedRequest> ready = waiter.satisfiedBy(requests);
                if (ready != null) {
                    it.remove();
                    if (completions == null) {
                        completions = new ArrayList<>();
                    }
                    completions.add(() -> waiter.future.complete(ready));
                }
            }
        }
        // Completed outside the lock: a test's continuation must not run while holding the journal.
        if (completions != null) {
            completions.forEach(Runnable::run);
        }
    }

    /** Records a job a schedule started. */
    synchronized void recordRun(ScheduledRun run) {
        scheduledRuns.addLast(run);
        if (scheduledRuns.size() > capacity) {
            scheduledRuns.removeFirst();
        }
    }

    /** Builds a record lazily, so a disabled journal pays nothing for it. */
    @FunctionalInterface
    interface RecordedRequestSupplier {
        RecordedRequest get();
    }

    private static final class Waiter {

        final @Nullable Operation operation;
        final int count;
        final CompletableFuture<List<RecordedRequest>> future = new CompletableFuture<>();

        Waiter(@Nullable Operation operation, int count) {
            this.operation = operation;
            this.count = count;
        }

        @Nullable List<RecordedRequest> satisfiedBy(Collection<RecordedRequest> requests) {
            List<RecordedRequest> matching = requests.stream()
                    .filter(r -> operation == null || r.operation() == operation).toList();
            return matching.size() >= count ? matching : null;
        }
    }
}
