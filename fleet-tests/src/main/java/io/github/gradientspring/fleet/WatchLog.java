package io.github.gradientspring.fleet;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.model.IndexingJob;

import org.springframework.stereotype.Component;

/**
 * What the member's watches saw: every job's terminal state with the wall-clock instant it arrived, every watch
 * that failed, and how many states went back in time (an older {@code updated_at} after a newer one).
 */
@Component
class WatchLog {

    private final Map<String, MemberReport.End> ends = new ConcurrentHashMap<>();

    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private final Map<String, OffsetDateTime> latest = new ConcurrentHashMap<>();

    private final AtomicLong states = new AtomicLong();

    private final AtomicLong backInTime = new AtomicLong();

    private final AtomicLong watches = new AtomicLong();

    void watching(int count) {
        this.watches.addAndGet(count);
    }

    void state(String uuid, IndexingJob job) {
        long seenAt = System.currentTimeMillis();
        this.states.incrementAndGet();
        OffsetDateTime updatedAt = job.updatedAt();
        if (updatedAt != null) {
            OffsetDateTime before = this.latest.put(uuid, updatedAt);
            if (before != null && updatedAt.isBefore(before)) {
                this.backInTime.incrementAndGet();
            }
        }
        if (job.isTerminal()) {
            OffsetDateTime finishedAt = job.finishedAt();
            this.ends.putIfAbsent(uuid, new MemberReport.End(uuid, job.phase().name(),
                    (finishedAt != null) ? finishedAt.toInstant().toEpochMilli() : -1, seenAt));
        }
    }

    void failed(String uuid, Throwable error) {
        this.failures.put(uuid, error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    void completed(String uuid) {
        if (!this.ends.containsKey(uuid)) {
            this.failures.putIfAbsent(uuid, "completed without a terminal state");
        }
    }

    MemberReport report(String member, MemberReport.Calls calls) {
        return new MemberReport(member, this.watches.get(), this.states.get(), this.backInTime.get(),
                new ArrayList<>(this.ends.values()), List.copyOf(this.failures.entrySet().stream()
                        .map((entry) -> entry.getKey() + " " + entry.getValue()).toList()),
                calls);
    }

}
