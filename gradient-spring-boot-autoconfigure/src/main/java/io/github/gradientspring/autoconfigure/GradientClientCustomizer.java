package io.github.gradientspring.autoconfigure;

import io.github.gradientspring.client.IndexingJobsClient;

/**
 * Adjusts the {@link IndexingJobsClient.Builder} of the auto-configured client after the {@code gradient.*}
 * properties are applied, so a customizer has the last word. Declare any number as beans; they run in
 * {@link org.springframework.core.annotation.Order @Order} / {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * GradientClientCustomizer noRetries() {
 *     return (builder) -> builder.retryPolicy(RetryPolicy.none());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GradientClientCustomizer {

    /**
     * Customizes the builder of the auto-configured client.
     * @param builder the builder, with the properties already applied
     */
    void customize(IndexingJobsClient.Builder builder);

}
