package io.github.gradientspring.sample.demo;

import java.math.BigInteger;

import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;

/**
 * One line of progress for a job: a label, a bar, the percentage, the phase and the counts.
 *
 * <pre>
 * all-sources  [##########..........]  50%  RUNNING     2/4 data sources  200/243 items
 * </pre>
 */
public final class ProgressLine {

    static final int BAR_WIDTH = 20;

    private static final String RESET = "\u001B[0m";

    private ProgressLine() {
    }

    /**
     * Renders the line as plain text.
     * @param label what the job is, in a word
     * @param job the job's latest state
     * @return the line, without a line break
     */
    public static String plain(String label, IndexingJob job) {
        return render(label, job, false);
    }

    /**
     * Renders the line with the phase in colour.
     * @param label what the job is, in a word
     * @param job the job's latest state
     * @return the line, without a line break
     */
    public static String ansi(String label, IndexingJob job) {
        return render(label, job, true);
    }

    /**
     * How far the job is, from 0 to 100: finished data sources count whole, the running one by its items.
     * @param job the job
     * @return the percentage
     */
    public static int percent(IndexingJob job) {
        if (job.phase() == IndexingJobPhase.SUCCEEDED) {
            return 100;
        }
        long total = (job.totalDatasources() != null) ? job.totalDatasources() : job.dataSourceJobs().size();
        if (total <= 0) {
            return 0;
        }
        double done = 0;
        if (job.dataSourceJobs().isEmpty()) {
            done = (job.completedDatasources() != null) ? job.completedDatasources() : 0;
        }
        for (IndexedDataSource source : job.dataSourceJobs()) {
            done += fraction(source);
        }
        return (int) Math.min(100, Math.floor(done * 100 / total));
    }

    private static double fraction(IndexedDataSource source) {
        DataSourceStatus status = source.status();
        if (status == DataSourceStatus.UPDATED || status == DataSourceStatus.PARTIALLY_UPDATED
                || status == DataSourceStatus.NOT_UPDATED || status == DataSourceStatus.FAILED) {
            return 1;
        }
        BigInteger total = source.totalFileCount();
        if (total == null || total.signum() <= 0) {
            return 0;
        }
        BigInteger seen = orZero(source.indexedItemCount()).add(orZero(source.failedItemCount()))
            .add(orZero(source.skippedItemCount()));
        return Math.min(1, seen.doubleValue() / total.doubleValue());
    }

    private static String render(String label, IndexingJob job, boolean colour) {
        int percent = percent(job);
        int filled = percent * BAR_WIDTH / 100;
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        String phase = String.format("%-10s", job.phase().name());
        if (colour) {
            phase = colour(job.phase()) + phase + RESET;
        }
        long completed = (job.completedDatasources() != null) ? job.completedDatasources() : 0;
        long total = (job.totalDatasources() != null) ? job.totalDatasources() : job.dataSourceJobs().size();
        StringBuilder line = new StringBuilder(String.format("%-12s [%s] %3d%%  %s  %d/%d data sources", label, bar,
                percent, phase, completed, total));
        BigInteger items = BigInteger.ZERO;
        BigInteger indexed = BigInteger.ZERO;
        for (IndexedDataSource source : job.dataSourceJobs()) {
            items = items.add(orZero(source.totalFileCount()));
            indexed = indexed.add(orZero(source.indexedItemCount()));
        }
        if (items.signum() > 0) {
            line.append("  ").append(indexed).append('/').append(items).append(" items");
        }
        return line.toString();
    }

    private static String colour(IndexingJobPhase phase) {
        return switch (phase) {
            case PENDING -> "\u001B[33m";     // yellow
            case RUNNING -> "\u001B[36m";     // cyan
            case SUCCEEDED -> "\u001B[32m";   // green
            case FAILED, ERROR -> "\u001B[31m"; // red
            case CANCELLED -> "\u001B[35m";   // magenta
            case UNKNOWN -> "\u001B[2m";      // dim
        };
    }

    private static BigInteger orZero(BigInteger value) {
        return (value != null) ? value : BigInteger.ZERO;
    }

}
