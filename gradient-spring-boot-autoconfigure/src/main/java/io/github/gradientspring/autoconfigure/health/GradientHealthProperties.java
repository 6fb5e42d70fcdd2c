package io.github.gradientspring.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code gradient} health indicator, bound from {@code gradient.health.*}. Whether the
 * indicator exists at all is {@code management.health.gradient.enabled}, as for Spring Boot's own indicators.
 */
@ConfigurationProperties("gradient.health")
public class GradientHealthProperties {

    /**
     * Maximum time the health check waits for the API's answer, retries of the probed client included, before it
     * reports DOWN.
     */
    private Duration timeout = Duration.ofSeconds(5);

    /**
     * How long a health check result is reused before the API is asked again, so that however often the health
     * endpoint is probed, the check sends at most one request per period. Zero asks the API on every probe.
     */
    private Duration cacheTtl = Duration.ofSeconds(60);

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getCacheTtl() {
        return this.cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    @Override
    public String toString() {
        return "GradientHealthProperties[timeout=" + this.timeout + ", cacheTtl=" + this.cacheTtl + "]";
    }

}
