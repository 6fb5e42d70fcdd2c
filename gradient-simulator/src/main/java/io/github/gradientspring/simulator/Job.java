package io.github.gradientspring.simulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One indexing job as the simulator stores it: only the facts that never change after creation, plus the
 * instant it was cancelled. Everything a client sees is derived from these by {@link JobProgress}, so a job
 * needs no timer and both a real and a manual clock move it.
 */
final class Job {

    final String uuid;
    final String knowledgeBaseUuid;
    final List<SeededDataSource> dataSources;
    final Instant createdAt;
    final JobTiming timing;
    final JobScript script;

    /** Set once, by the first cancel of a job that was not finished yet. */
    private volatile @Nullable Instant cancelledAt;

    /**
     * The {@code {"job":…}} body once the job is terminal. A terminal job never changes again (clocks only move
     * forward and a terminal job cannot be cancelled), so the bytes are built once and reused: polling a finished
     * job, the common benchmark request, then costs no JSON writing at all.
     */
    private volatile byte @Nullable [] terminalBody;

    Job(String uuid, String knowledgeBaseUuid, List<SeededDataSource> dataSources, Instant createdAt,
            JobTiming timing, JobScript script) {
        this.uuid = uuid;
        this.knowledgeBaseUuid = knowledgeBaseUuid;
        this.dataSources = List.copyOf(dataSources);
        this.createdAt = createdAt;
        this.timing = timing;
        this.script = script;
    }

    @Nullable Instant cancelledAt() {
        return cancelledAt;
    }

    /**
     * Cancels the job at {@code now} unless it is already finished or cancelled.
     *
     * @return true when this call cancelled it
     */
    synchronized boolean cancel(Instant now) {
        if (cancelledAt != null || JobProgress.snapshot(this, now).terminal()) {
            return false;
        }
        cancelledAt = now;
        return true;
    }

    byte @Nullable [] terminalBody() {
        return terminalBody;
    }

    void terminalBody(byte[] body) {
        this.terminalBody = body;
    }
}
