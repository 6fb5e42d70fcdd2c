package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.client.RetryQuota;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of the client's {@link RetryQuota}:
 * <ul>
 * <li>{@value #AVAILABLE}: a gauge of the tokens the quota holds now; it falls while retries fail and stands at
 * its capacity while the API answers normally;</li>
 * <li>{@value #DENIED}: a counter of the retries the quota refused, each a call that failed at once instead of
 * retrying.</li>
 * </ul>
 * Nothing is registered for a disabled quota.
 */
public class GradientRetryQuotaMetrics implements MeterBinder {

    /** The name of the gauge of the tokens the retry quota holds. */
    public static final String AVAILABLE = "gradient.client.retry.quota.available";

    /** The name of the counter of retries the quota refused. */
    public static final String DENIED = "gradient.client.retry.quota.denied";

    private final RetryQuota quota;

    /**
     * Creates the binder of a quota.
     * @param quota the quota to watch
     */
    public GradientRetryQuotaMetrics(RetryQuota quota) {
        this.quota = quota;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!this.quota.isEnabled()) {
            return;
        }
        Gauge.builder(AVAILABLE, this.quota, RetryQuota::available)
            .description("Tokens the Gradient client's retry quota holds; each retry takes some, each success gives "
                    + "some back")
            .register(registry);
        FunctionCounter.builder(DENIED, this.quota, RetryQuota::deniedRetries)
            .description("Retries of calls to the Gradient API that the retry quota refused")
            .register(registry);
    }

}
