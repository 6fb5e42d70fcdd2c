package io.github.gradientspring.client.observation;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.RateLimitStatus;

/**
 * Told about every HTTP response an {@link IndexingJobsClient} receives (each attempt of each call, successful or
 * not, before its body is read) and about every retry. Register one with
 * {@link IndexingJobsClient.Builder#responseListener(GradientResponseListener)}; a client may have any number.
 * <p>
 * This is how a caller learns the rate-limit headers of successful responses, which the results themselves do not
 * carry (an error's headers are also on the exception, see
 * {@link io.github.gradientspring.client.error.GradientApiException#rateLimit()}). Listeners are called on the
 * thread that received the response, often an event-loop thread: they must return quickly and never block. An
 * exception a listener throws is logged and otherwise ignored; it never fails the call.
 */
@FunctionalInterface
public interface GradientResponseListener {

    /**
     * Called for each response received.
     * @param operation the operation the response belongs to
     * @param statusCode the HTTP status code
     * @param rateLimit the response's rate-limit headers; {@link RateLimitStatus#NONE} when it carried none
     */
    void onResponse(GradientOperation operation, int statusCode, RateLimitStatus rateLimit);

    /**
     * Called before each retry of a call, on the same terms as {@link #onResponse}; nothing by default.
     * @param operation the operation being retried
     * @param reason what the failed attempt got: its status code ({@code 503}), {@code timeout} or
     * {@code connection}, as the {@code reason} tag of the {@code gradient.client.retries} metric
     */
    default void onRetry(GradientOperation operation, String reason) {
    }

}
