package io.github.gradientspring.autoconfigure.observation;

import java.util.function.ToDoubleFunction;

import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.FleetStatus;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauges of fleet mode, read from what this member last knew of its fleet (over every scope, one per access
 * token and base URL, it joined):
 * <ul>
 * <li>{@value #MEMBERS}: the fleet's size (the largest any scope saw);</li>
 * <li>{@value #LEASES_HELD}: the watched jobs this member polls for the fleet;</li>
 * <li>{@value #DEGRADED}: 1 while the store is unreachable and this member runs on its share of the budget, else 0;</li>
 * <li>{@value #BUDGET_REMAINING}, tagged {@code window=minute} and {@code window=hour}: what the shared budget's
 * windows had left when last seen (the least over the scopes); absent (NaN) until known.</li>
 * </ul>
 */
public class GradientFleetMetrics implements MeterBinder {

    /** The name of the gauge of the fleet's members. */
    public static final String MEMBERS = "gradient.fleet.members";

    /** The name of the gauge of the leases this member holds. */
    public static final String LEASES_HELD = "gradient.fleet.leases.held";

    /** The name of the gauge that is 1 while fleet mode is degraded. */
    public static final String DEGRADED = "gradient.fleet.degraded";

    /** The name of the gauges of the shared budget's remaining requests, one per window. */
    public static final String BUDGET_REMAINING = "gradient.fleet.budget.remaining";

    private final GradientFleet fleet;

    /**
     * Creates the binder of a fleet.
     * @param fleet the fleet to watch
     */
    public GradientFleetMetrics(GradientFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MEMBERS, this, (metrics) -> Math.max(1, metrics.max(FleetStatus::members)))
            .description("Members of the Gradient fleet on this instance's access token, as this member last saw it")
            .register(registry);
        Gauge.builder(LEASES_HELD, this, (metrics) -> metrics.sum(FleetStatus::leasesHeld))
            .description("Watched indexing jobs this instance polls for the whole Gradient fleet")
            .register(registry);
        Gauge.builder(DEGRADED, this, (metrics) -> metrics.max((status) -> status.degraded() ? 1 : 0))
            .description("1 while the fleet's store is unreachable and this instance runs on its share of the budget")
            .register(registry);
        Gauge.builder(BUDGET_REMAINING, this, (metrics) -> metrics.least(FleetStatus::remainingInMinute))
            .tag("window", "minute")
            .description("Requests the Gradient fleet's shared budget had left in its window when last seen")
            .register(registry);
        Gauge.builder(BUDGET_REMAINING, this, (metrics) -> metrics.least(FleetStatus::remainingInHour))
            .tag("window", "hour")
            .description("Requests the Gradient fleet's shared budget had left in its window when last seen")
            .register(registry);
    }

    private double max(ToDoubleFunction<FleetStatus> value) {
        double max = 0;
        for (FleetScope scope : this.fleet.scopes()) {
            max = Math.max(max, value.applyAsDouble(scope.status()));
        }
        return max;
    }

    private double sum(ToDoubleFunction<FleetStatus> value) {
        double sum = 0;
        for (FleetScope scope : this.fleet.scopes()) {
            sum += value.applyAsDouble(scope.status());
        }
        return sum;
    }

    // -1 in a status means not known: NaN, which registries leave out, rather than a count the API never gave.
    private double least(ToDoubleFunction<FleetStatus> value) {
        double least = Double.NaN;
        for (FleetScope scope : this.fleet.scopes()) {
            double remaining = value.applyAsDouble(scope.status());
            if (remaining >= 0 && (Double.isNaN(least) || remaining < least)) {
                least = remaining;
            }
        }
        return least;
    }

}
