package io.github.gradientspring.autoconfigure;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Gradient {@link IndexingJobsClient}, bound from {@code gradient.*}.
 * <p>
 * When {@code gradient.access-token} is not set, the auto-configuration reads the {@code DIGITALOCEAN_ACCESS_TOKEN}
 * environment variable (doctl's), then {@code DIGITALOCEAN_TOKEN} (DigitalOcean's newer SDKs'); see
 * {@link GradientConnectionDetails}. {@link #toString()} never shows the token.
 */
@ConfigurationProperties("gradient")
public class GradientProperties {

    /**
     * Whether to auto-configure the Gradient indexing-jobs client.
     */
    private boolean enabled = true;

    /**
     * DigitalOcean API token sent as a Bearer token. When not set, the DIGITALOCEAN_ACCESS_TOKEN environment
     * variable is used, then DIGITALOCEAN_TOKEN.
     */
    private @Nullable String accessToken;

    /**
     * Base URL of the DigitalOcean API. Plain http is accepted only for a loopback address, such as a local
     * simulator.
     */
    private String baseUrl = "https://api.digitalocean.com";

    /**
     * Maximum time one attempt of a call may take, from sending the request to the last byte of the response. Each
     * retry gets a fresh timeout.
     */
    private Duration timeout = Duration.ofSeconds(60);

    /**
     * Maximum time to wait for a connection to the API.
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Largest response body the client accepts; larger responses fail instead of exhausting memory.
     */
    private DataSize maxResponseSize = DataSize.ofMegabytes(4);

    /**
     * Number of jobs requested per page when streaming every job with listAll, from 1 to 200.
     */
    private int listAllPageSize = 200;

    /**
     * When failed calls are retried. The defaults follow DigitalOcean's official SDKs.
     */
    private final Retry retry = new Retry();

    /**
     * How watching a job polls it.
     */
    private final Watch watch = new Watch();

    /**
     * The request budget the client keeps to, shared by every call and poll it makes.
     */
    private final RateLimit rateLimit = new RateLimit();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getAccessToken() {
        return this.accessToken;
    }

    public void setAccessToken(@Nullable String accessToken) {
        this.accessToken = accessToken;
    }

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public DataSize getMaxResponseSize() {
        return this.maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public int getListAllPageSize() {
        return this.listAllPageSize;
    }

    public void setListAllPageSize(int listAllPageSize) {
        this.listAllPageSize = listAllPageSize;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public Watch getWatch() {
        return this.watch;
    }

    public RateLimit getRateLimit() {
        return this.rateLimit;
    }

    @Override
    public String toString() {
        // The token is a credential: only whether one is set is shown, so that logging these properties is safe.
        return "GradientProperties[enabled=" + this.enabled + ", accessToken="
                + ((this.accessToken != null) ? "******" : "(not set)") + ", baseUrl=" + this.baseUrl + ", timeout="
                + this.timeout + ", connectTimeout=" + this.connectTimeout + ", maxResponseSize="
                + this.maxResponseSize + ", listAllPageSize=" + this.listAllPageSize + ", retry=" + this.retry
                + ", watch=" + this.watch + ", rateLimit=" + this.rateLimit + "]";
    }

    /**
     * When failed calls are retried. The defaults follow DigitalOcean's official SDKs.
     */
    public static class Retry {

        /**
         * Maximum number of retries after the first attempt of a call; 0 disables retries.
         */
        private int maxRetries = 2;

        /**
         * Wait before the first retry, doubled for each retry after it.
         */
        private Duration initialDelay = Duration.ofMillis(500);

        /**
         * Longest wait between retries that the doubling reaches.
         */
        private Duration maxDelay = Duration.ofSeconds(8);

        /**
         * Longest wait a retry-after or retry-after-ms response header may ask for and be honoured.
         */
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        /**
         * Largest share, from 0 to 1, by which a wait between retries is randomly shortened.
         */
        private double jitter = 0.25;

        /**
         * The retry quota of each client: every retry takes tokens from it, every success gives some back.
         */
        private final Quota quota = new Quota();

        public Quota getQuota() {
            return this.quota;
        }

        public int getMaxRetries() {
            return this.maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getInitialDelay() {
            return this.initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Duration getMaxRetryAfter() {
            return this.maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        @Override
        public String toString() {
            return "Retry[maxRetries=" + this.maxRetries + ", initialDelay=" + this.initialDelay + ", maxDelay="
                    + this.maxDelay + ", maxRetryAfter=" + this.maxRetryAfter + ", jitter=" + this.jitter + ", quota="
                    + this.quota + "]";
        }

        /**
         * The client-wide retry quota: every retry takes tokens from it, every success gives some back, so that an
         * outage is not multiplied by the retries. The defaults are the AWS SDKs' standard retry mode's.
         */
        public static class Quota {

            /**
             * Whether retries draw from a client-wide quota; when off, only max-retries bounds them.
             */
            private boolean enabled = true;

            /**
             * Most tokens the retry quota holds.
             */
            private int capacity = 500;

            /**
             * Tokens a retry after an error answer or a lost connection takes from the quota.
             */
            private int retryCost = 5;

            /**
             * Tokens a retry after a timeout takes from the quota.
             */
            private int timeoutRetryCost = 10;

            /**
             * Tokens a call that succeeds at its first attempt gives back to the quota.
             */
            private int successRefill = 1;

            public boolean isEnabled() {
                return this.enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public int getCapacity() {
                return this.capacity;
            }

            public void setCapacity(int capacity) {
                this.capacity = capacity;
            }

            public int getRetryCost() {
                return this.retryCost;
            }

            public void setRetryCost(int retryCost) {
                this.retryCost = retryCost;
            }

            public int getTimeoutRetryCost() {
                return this.timeoutRetryCost;
            }

            public void setTimeoutRetryCost(int timeoutRetryCost) {
                this.timeoutRetryCost = timeoutRetryCost;
            }

            public int getSuccessRefill() {
                return this.successRefill;
            }

            public void setSuccessRefill(int successRefill) {
                this.successRefill = successRefill;
            }

            @Override
            public String toString() {
                return "Quota[enabled=" + this.enabled + ", capacity=" + this.capacity + ", retryCost="
                        + this.retryCost + ", timeoutRetryCost=" + this.timeoutRetryCost + ", successRefill="
                        + this.successRefill + "]";
            }

        }

    }

    /**
     * How watching a job polls it.
     */
    public static class Watch {

        /**
         * First wait between polls of a watched job; the wait grows while the job does not change.
         */
        private Duration initialInterval = Duration.ofSeconds(2);

        /**
         * Longest wait between polls of a watched job that does not change; shorter while the request budget has
         * more than half of its minute and hour to spare.
         */
        private Duration maxInterval = Duration.ofSeconds(30);

        /**
         * Maximum time a job is watched before the watch fails with a timeout.
         */
        private Duration timeout = Duration.ofHours(1);

        /**
         * Whether several due jobs may be refreshed with one request for a page of the account's job list instead
         * of one retrieve each; off, every poll is a retrieve.
         */
        private boolean listSweep = true;

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isListSweep() {
            return this.listSweep;
        }

        public void setListSweep(boolean listSweep) {
            this.listSweep = listSweep;
        }

        @Override
        public String toString() {
            return "Watch[initialInterval=" + this.initialInterval + ", maxInterval=" + this.maxInterval
                    + ", timeout=" + this.timeout + ", listSweep=" + this.listSweep + "]";
        }

    }

    /**
     * The request budget the client keeps to, shared by every call and poll it makes. DigitalOcean allows a token
     * 250 requests a minute and 5,000 an hour; the defaults keep to 80 % of both.
     */
    public static class RateLimit {

        /**
         * Whether the client keeps a request budget; when off, only the API's 429 answers slow it down.
         */
        private boolean enabled = true;

        /**
         * Requests the client may send per minute.
         */
        private int requestsPerMinute = 200;

        /**
         * Requests the client may send per hour.
         */
        private int requestsPerHour = 4000;

        /**
         * Longest a call of the application waits for the request budget, from 0 to 1h; a call that would wait
         * longer fails at once with a RequestBudgetExhaustedException. Polls of watches are not bound by it.
         */
        private Duration maxWait = Duration.ofSeconds(60);

        /**
         * How many calls of the application may wait for the request budget at once; one more fails at once.
         */
        private int maxQueued = 1000;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getRequestsPerMinute() {
            return this.requestsPerMinute;
        }

        public void setRequestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
        }

        public int getRequestsPerHour() {
            return this.requestsPerHour;
        }

        public void setRequestsPerHour(int requestsPerHour) {
            this.requestsPerHour = requestsPerHour;
        }

        public Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public int getMaxQueued() {
            return this.maxQueued;
        }

        public void setMaxQueued(int maxQueued) {
            this.maxQueued = maxQueued;
        }

        @Override
        public String toString() {
            return "RateLimit[enabled=" + this.enabled + ", requestsPerMinute=" + this.requestsPerMinute
                    + ", requestsPerHour=" + this.requestsPerHour + ", maxWait=" + this.maxWait + ", maxQueued="
                    + this.maxQueued + "]";
        }

    }

}
