package io.github.gradientspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of fleet mode ({@code gradient.fleet.*}): the instances of an application on one access
 * token share one request budget and poll each watched job once, through the application's Redis.
 */
@ConfigurationProperties("gradient.fleet")
public class GradientFleetProperties {

    /**
     * Whether the instances of the application share one request budget and one poller per watched job through Redis,
     * when gradient-redis and a reactive Redis connection factory are present.
     */
    private boolean enabled = true;

    /**
     * Prefix of every Redis key fleet mode writes.
     */
    private String keyPrefix = "gradient:";

    /**
     * How long a watched job's lease lasts unless its holder renews it: the longest a job goes unpolled after the
     * instance polling it stops. At least 300ms.
     */
    private Duration leaseTime = Duration.ofSeconds(10);

    /**
     * Longest one Redis command may take before the instance counts Redis as unreachable and goes on alone, on its
     * share of the request budget.
     */
    private Duration commandTimeout = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getLeaseTime() {
        return this.leaseTime;
    }

    public void setLeaseTime(Duration leaseTime) {
        this.leaseTime = leaseTime;
    }

    public Duration getCommandTimeout() {
        return this.commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

}
