package io.github.gradientspring.client;

import java.net.URI;
import java.util.function.Function;

import io.github.gradientspring.client.error.GradientApiException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps each logical call in one {@code gradient.client.operation} observation. The caller's observation, found in
 * the Reactor context as Spring and Micrometer put it there, becomes the parent, and this observation is put in the
 * context of the call so that Spring's per-attempt {@code http.client.requests} observations become its children.
 */
final class OperationObservations {

    static final String NAME = "gradient.client.operation";

    private final ObservationRegistry registry;

    private final String baseUrl;

    OperationObservations(ObservationRegistry registry, URI baseUrl) {
        this.registry = registry;
        this.baseUrl = baseUrl.toString();
    }

    <T> Mono<T> observeMono(GradientOperation operation, String knowledgeBaseUuid, String jobUuid,
            Function<CallState, Mono<T>> call) {
        return Mono.deferContextual((context) -> {
            CallState state = new CallState();
            Observation observation = start(operation, knowledgeBaseUuid, jobUuid,
                    context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return call.apply(state)
                .doOnError(observation::error)
                .doFinally((signal) -> stop(observation, state, signal.toString()))
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    <T> Flux<T> observeFlux(GradientOperation operation, String knowledgeBaseUuid, String jobUuid,
            Function<CallState, Flux<T>> call) {
        return Flux.deferContextual((context) -> {
            CallState state = new CallState();
            Observation observation = start(operation, knowledgeBaseUuid, jobUuid,
                    context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return call.apply(state)
                .doOnError(observation::error)
                .doFinally((signal) -> stop(observation, state, signal.toString()))
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private Observation start(GradientOperation operation, String knowledgeBaseUuid, String jobUuid,
            Observation parent) {
        Observation observation = Observation.createNotStarted(NAME, this.registry)
            .contextualName("gradient " + operation.tagValue())
            .parentObservation(parent)
            .lowCardinalityKeyValue("gradient.operation", operation.tagValue())
            .highCardinalityKeyValue("gradient.base_url", this.baseUrl);
        if (jobUuid != null) {
            observation.highCardinalityKeyValue("gradient.job.uuid", jobUuid);
        }
        if (knowledgeBaseUuid != null) {
            observation.highCardinalityKeyValue("gradient.knowledge_base.uuid", knowledgeBaseUuid);
        }
        return observation.start();
    }

    private void stop(Observation observation, CallState state, String signal) {
        Throwable error = observation.getContext().getError();
        String outcome = (error != null) ? "ERROR" : ("CANCEL".equals(signal) ? "CANCELLED" : "SUCCESS");
        int status = state.statusCode();
        if (error instanceof GradientApiException api) {
            status = api.statusCode();
        }
        observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome))
            .lowCardinalityKeyValue("http.status_code", (status > 0) ? Integer.toString(status) : "NONE")
            .lowCardinalityKeyValue("error.type", (error != null) ? error.getClass().getSimpleName() : "none")
            .lowCardinalityKeyValue("retried", Boolean.toString(state.retries() > 0))
            .stop();
    }

}
