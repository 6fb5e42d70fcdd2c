package io.github.gradientspring.docs;

import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.observation.DefaultGradientObservationConvention;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.micrometer.common.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The beans and builder calls that docs/configuration.md and docs/observability.md show, compiled here and put to
 * work by {@code DocumentedSettingsTests}. In a package of their own, outside the sample application's component
 * scan, so that the local application (which has no test filter) does not pick them up.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DocumentedBeans {

    private static final Logger log = LoggerFactory.getLogger(DocumentedBeans.class);

    // tag::observation-convention[]
    @Bean
    GradientObservationConvention gradientObservationConvention() {
        return new DefaultGradientObservationConvention() {
            @Override
            protected KeyValue outcome(GradientObservationContext context) {
                // for example, fold everything that is not a success into ERROR
                KeyValue outcome = super.outcome(context);
                return "SUCCESS".equals(outcome.getValue()) ? outcome : KeyValue.of("outcome", "ERROR");
            }
        };
    }
    // end::observation-convention[]

    // tag::no-retries[]
    @Bean
    GradientClientCustomizer noRetries() {
        return (builder) -> builder.retryPolicy(RetryPolicy.none());
    }
    // end::no-retries[]

    static IndexingJobsClient withRateLimitWarnings(String token) {
        // tag::response-listener[]
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(token)
            .responseListener((operation, status, rateLimit) -> {
                if (rateLimit.remaining() != null && rateLimit.remaining() < 100) {
                    log.warn("Gradient rate limit nearly used up: {} of {} left", rateLimit.remaining(), rateLimit.limit());
                }
            })
            .build();
        // end::response-listener[]
        return client;
    }

}
