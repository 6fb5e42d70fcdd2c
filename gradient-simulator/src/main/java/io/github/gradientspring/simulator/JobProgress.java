package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import io.github.gradientspring.simulator.JobSnapshot.DataSourceSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle model: a pure function from (job facts, now) to what the job looks like.
 *
 * <p>Timeline of a job with data sources 0..n-1, pending time P and per-data-source time D, created at C:
 * PENDING during [C, C+P); RUNNING from S = C+P, data source i indexing during [S+i·D, S+(i+1)·D) with counts
 * growing linearly; terminal at the end of the last data source the script lets it reach. A cancel at X freezes
 * progress at X: the job and every unfinished data source become CANCELLED with {@code finished_at = X}.
 * Being a function of the clock rather than a state machine driven by timers is what lets a manual clock
 * jump hours ahead in one call and still give exactly the state a real clock would have reached.
 */
final class JobProgress {

    static final String PHASE_PENDING = "BATCH_JOB_PHASE_PENDING";
    static final String PHASE_RUNNING = "BATCH_JOB_PHASE_RUNNING";
    static final String PHASE_SUCCEEDED = "BATCH_JOB_PHASE_SUCCEEDED";
    static final String PHASE_FAILED = "BATCH_JOB_PHASE_FAILED";
    static final String PHASE_ERROR = "BATCH_JOB_PHASE_ERROR";
    static final String PHASE_CANCELLED = "BATCH_JOB_PHASE_CANCELLED";

    static final String STATUS_PENDING = "INDEX_JOB_STATUS_PENDING";
    static final String STATUS_IN_PROGRESS = "INDEX_JOB_STATUS_IN_PROGRESS";
    static final String STATUS_COMPLETED = "INDEX_JOB_STATUS_COMPLETED";
    static final String STATUS_PARTIAL = "INDEX_JOB_STATUS_PARTIAL";
    static final String STATUS_NO_CHANGES = "INDEX_JOB_STATUS_NO_CHANGES";
    static final String STATUS_FAILED = "INDEX_JOB_STATUS_FAILED";
    static final String STATUS_CANCELLED = "INDEX_JOB_STATUS_CANCELLED";

    static final String DS_UNKNOWN = "DATA_SOURCE_STATUS_UNKNOWN";
    static final String DS_IN_PROGRESS = "DATA_SOURCE_STATUS_IN_PROGRESS";
    static final String DS_CANCELLED = "DATA_SOURCE_STATUS_CANCELLED";

    /** Simulated tokenizer: one token per four bytes of indexed content, a common rule of thumb for English text. */
    static final long BYTES_PER_TOKEN = 4;

    /** A job scripted to run forever shows its first data source stuck at half way. */
    private static final double FOREVER_PROGRESS = 0.5;

    private JobProgress() {
    }

    static JobSnapshot snapshot(Job job, Instant now) {
        int count = job.dataSources.size();
        Duration per = job.timing.perDataSource();
        Instant start = job.createdAt.plus(job.timing.pending());
        JobScript script = job.script;
        boolean forever = script.kind() == JobScript.Kind.RUN_FOREVER;
        int stopIndex = script.stopIndex(count);
        int reached = forever ? 1 : (stopIndex >= 0 ? stopIndex + 1 : count);
        Instant end = forever ? null : start.plus(per.multipliedBy(reached));

        Instant cancelledAt = job.cancelledAt();
        boolean cancelled = cancelledAt != null;
        Instant t = cancelledAt != null && cancelledAt.isBefore(now) ? cancelledAt : now;
        boolean finished = !cancelled && end != null && !t.isBefore(end);

        List<DataSourceSnapshot> sources = new ArrayList<>(count);
        List<String> uuids = new ArrayList<>(count);
        long completed = 0;
        long tokens = 0;
        boolean allUpdated = true;
        boolean allNotUpdated = true;
        for (int i = 0; i < count; i++) {
            SeededDataSource source = job.dataSources.get(i);
            uuids.add(source.uuid());
            DataSourceOutcome outcome = script.outcomeOf(i);
            DataSourceSnapshot snapshot;
            Instant sourceStart = start.plus(per.multipliedBy(i));
            if (i >= reached || t.isBefore(sourceStart)) {
                String status = cancelled ? DS_CANCELLED : (finished ? DataSourceOutcome.NOT_UPDATED.wireValue() : DS_UNKNOWN);
                snapshot = untouched(source, status);
            }
            else {
                Instant sourceEnd = sourceStart.plus(per);
                boolean running = forever || t.isBefore(sourceEnd);
                if (running) {
                    double fraction = (double) Duration.between(sourceStart, t).toNanos() / per.toNanos();
                    if (forever) {
                        fraction = Math.min(fraction, FOREVER_PROGRESS);
                    }
                    snapshot = progressed(source, outcome, fraction, cancelled ? DS_CANCELLED : DS_IN_PROGRESS,
                            sourceStart, cancelled ? cancelledAt : null);
                }
                else {
                    snapshot = progressed(source, outcome, 1.0, outcome.wireValue(), sourceStart, sourceEnd);
                    completed++;
                }
            }
            if (!(finished && i >= reached)) {
                allUpdated &= outcome == DataSourceOutcome.UPDATED;
                allNotUpdated &= outcome == DataSourceOutcome.NOT_UPDATED;
            }
            tokens += snapshot.totalBytesIndexed() / BYTES_PER_TOKEN;
            sources.add(snapshot);
        }

        String phase;
        String status;
        Instant updatedAt;
        Instant finishedAt = null;
        if (cancelled) {
            phase = PHASE_CANCELLED;
            status = STATUS_CANCELLED;
            updatedAt = cancelledAt;
            finishedAt = cancelledAt;
        }
        else if (finished) {
            updatedAt = end;
            finishedAt = end;
            switch (script.kind()) {
                case FAIL -> {
                    phase = PHASE_FAILED;
                    status = STATUS_FAILED;
                }
                case ERROR -> {
                    phase = PHASE_ERROR;
                    status = STATUS_FAILED;
                }
                default -> {
                    phase = PHASE_SUCCEEDED;
                    status = allUpdated ? STATUS_COMPLETED : (allNotUpdated ? STATUS_NO_CHANGES : STATUS_PARTIAL);
                }
            }
        }
        else if (t.isBefore(start)) {
            phase = PHASE_PENDING;
            status = STATUS_PENDING;
            updatedAt = job.createdAt;
        }
        else {
            phase = PHASE_RUNNING;
            status = STATUS_IN_PROGRESS;
            // Counts move continuously while running, so the record was last updated just now.
            updatedAt = t;
        }
        Instant startedAt = t.isBefore(start) ? null : start;
        return new JobSnapshot(job.uuid, job.knowledgeBaseUuid, List.copyOf(uuids), List.copyOf(sources), phase, status,
                completed, count, tokens, finished, job.createdAt, updatedAt, startedAt, finishedAt, cancelled || finished);
    }

    private static DataSourceSnapshot untouched(SeededDataSource source, String status) {
        return new DataSourceSnapshot(source.uuid(), status, null, null, 0, 0, 0,
                source.itemCount(), source.totalBytes(), 0, null, null);
    }

    private static DataSourceSnapshot progressed(SeededDataSource source, DataSourceOutcome outcome, double fraction,
            String status, @Nullable Instant startedAt, @Nullable Instant completedAt) {
        long items = source.itemCount();
        long bytes = source.totalBytes();
        long indexed;
        long failed = 0;
        long skipped = 0;
        long bytesIndexed;
        String errorMsg = null;
        String errorDetails = null;
        switch (outcome) {
            case UPDATED -> {
                indexed = items;
                bytesIndexed = bytes;
            }
            case PARTIALLY_UPDATED -> {
                failed = items == 0 ? 0 : Math.max(1, items / 4);
                indexed = items - failed;
                bytesIndexed = items == 0 ? bytes : (long) ((double) bytes * indexed / items);
                errorMsg = "SOME_ITEMS_FAILED";
                errorDetails = failed + " of " + items + " items could not be indexed (simulated).";
            }
            case NOT_UPDATED -> {
                indexed = 0;
                skipped = items;
                bytesIndexed = 0;
            }
            default -> {
                indexed = 0;
                failed = items;
                bytesIndexed = 0;
                errorMsg = "DATA_SOURCE_INDEXING_FAILED";
                errorDetails = "Indexing of this data source failed (simulated).";
            }
        }
        if (fraction < 1.0) {
            indexed = (long) (indexed * fraction);
            failed = (long) (failed * fraction);
            skipped = (long) (skipped * fraction);
            bytesIndexed = (long) (bytesIndexed * fraction);
            // Errors are only reported once a data source has finished.
            errorMsg = null;
            errorDetails = null;
        }
        return new DataSourceSnapshot(source.uuid(), status, startedAt, completedAt, indexed, failed, skipped,
                items, bytes, bytesIndexed, errorMsg, errorDetails);
    }
}
