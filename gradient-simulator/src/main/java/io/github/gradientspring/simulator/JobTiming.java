package io.github.gradientspring.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a simulated indexing job takes on the simulator's clock. A job waits {@code pending} in
 * {@code BATCH_JOB_PHASE_PENDING}, then indexes its data sources one after the other, each taking
 * {@code perDataSource}, counts growing linearly within that slice.
 *
 * @param pending       time from creation to {@code started_at}; zero makes jobs start at once
 * @param perDataSource time each data source takes to index; must be positive so progress is observable
 */
public record JobTiming(Duration pending, Duration perDataSource) {

    /** Two seconds pending, five seconds per data source: long enough to watch in a demo, short enough to wait for. */
    public static final JobTiming DEFAULT = new JobTiming(Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** Validates both durations. */
    public JobTiming {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(perDataSource, "perDataSource");
        if (pending.isNegative()) {
            throw new IllegalArgumentException("pending must not be negative: " + pending);
        }
        if (perDataSource.isNegative() || perDataSource.isZero()) {
            throw new IllegalArgumentException("perDataSource must be positive: " + perDataSource);
        }
    }

    /** Shorthand for {@code new JobTiming(pending, perDataSource)}. */
    public static JobTiming of(Duration pending, Duration perDataSource) {
        return new JobTiming(pending, perDataSource);
    }
}
