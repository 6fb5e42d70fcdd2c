package io.github.gradientspring.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.observation.DefaultGradientObservationConvention;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.github.gradientspring.client.observation.GradientObservationDocumentation;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each logical call in one {@code gradient.client.operation} observation
 * ({@link GradientObservationDocumentation#CLIENT_OPERATION}). The caller's observation, found in the Reactor
 * context as Spring and Micrometer put it there, becomes the parent, and this observation is put in the context of
 * the call so that Spring's per-attempt {@code http.client.requests} observations become its children.
 * <p>
 * The observation stops before the call's terminal signal reaches the subscriber, so that whoever sees the result
 * also sees the finished observation and its metrics.
 */
final class OperationObservations {

    static final String NAME = DefaultGradientObservationConvention.NAME;

    private final ObservationRegistry registry;

    private final @Nullable GradientObservationConvention convention;

    private final List<GradientResponseListener> listeners;

    private final URI baseUrl;

    OperationObservations(ClientSettings settings) {
        this(settings.observationRegistry(), settings.observationConvention(), settings.responseListeners(),
                settings.baseUrl());
    }

    OperationObservations(ObservationRegistry registry, @Nullable GradientObservationConvention convention,
            List<GradientResponseListener> listeners, URI baseUrl) {
        this.registry = registry;
        this.convention = convention;
        this.listeners = List.copyOf(listeners);
        this.baseUrl = baseUrl;
    }

    <T> Mono<T> observeMono(GradientOperation operation, @Nullable String knowledgeBaseUuid, @Nullable String jobUuid,
            Function<CallState, Mono<T>> call) {
        return Mono.deferContextual((reactorContext) -> {
            if (isUnobserved()) {
                return call.apply(CallState.UNOBSERVED);
            }
            Call observed = start(operation, knowledgeBaseUuid, jobUuid,
                    reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return call.apply(observed.state)
                // A Mono's value ends the call: a subscriber that cancels after it (as flatMapIterable may) did
                // not cancel the call.
                .doOnNext((value) -> observed.stop(false))
                .doOnError(observed::error)
                .doOnTerminate(() -> observed.stop(false))
                .doOnCancel(() -> observed.stop(true))
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observed.observation));
        });
    }

    <T> Flux<T> observeFlux(GradientOperation operation, @Nullable String knowledgeBaseUuid, @Nullable String jobUuid,
            Function<CallState, Flux<T>> call) {
        return Flux.deferContextual((reactorContext) -> {
            if (isUnobserved()) {
                return call.apply(CallState.UNOBSERVED);
            }
            Call observed = start(operation, knowledgeBaseUuid, jobUuid,
                    reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return call.apply(observed.state)
                .doOnError(observed::error)
                .doOnTerminate(() -> observed.stop(false))
                .doOnCancel(() -> observed.stop(true))
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observed.observation));
        });
    }

    /**
     * Whether nothing would see this call's observation: a no-op registry (none given, or one without handlers)
     * and no response listeners. Such a call skips the observation, its context and the operators that feed it,
     * which are most of what the client adds to a bare WebClient call (docs/benchmarks.md). Asked on every call,
     * as handlers may be registered after the client is built.
     */
    private boolean isUnobserved() {
        return this.listeners.isEmpty() && this.registry.isNoop();
    }

    private Call start(GradientOperation operation, @Nullable String knowledgeBaseUuid, @Nullable String jobUuid,
            @Nullable Observation parent) {
        GradientObservationContext context = new GradientObservationContext(operation, this.baseUrl,
                knowledgeBaseUuid, jobUuid);
        // Precedence as Micrometer defines it: the client's convention, else a matching global convention of the
        // registry, else the default.
        Observation observation = GradientObservationDocumentation.CLIENT_OPERATION.observation(this.convention,
                DefaultGradientObservationConvention.INSTANCE, () -> context, this.registry);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        observation.start();
        return new Call(observation, context, new CallState(context, this.listeners));
    }

    /**
     * The final status of a call: that of the response its last attempt failed with, none when that attempt got
     * no response, else the last one received.
     */
    static int finalStatus(@Nullable Throwable error, int lastStatus) {
        if (error instanceof GradientApiException api) {
            return api.statusCode();
        }
        if (error instanceof GradientResponseException response) {
            return response.statusCode();
        }
        if (error instanceof GradientConnectionException) {
            return GradientObservationContext.NO_STATUS;
        }
        return lastStatus;
    }

    /** One observed call. Stops once, whichever of termination and cancellation comes first. */
    private static final class Call {

        private final Observation observation;

        private final GradientObservationContext context;

        private final CallState state;

        private final AtomicBoolean stopped = new AtomicBoolean();

        private volatile @Nullable Throwable error;

        Call(Observation observation, GradientObservationContext context, CallState state) {
            this.observation = observation;
            this.context = context;
            this.state = state;
        }

        void error(Throwable failure) {
            this.error = failure;
            this.observation.error(failure);
        }

        void stop(boolean cancelled) {
            if (this.stopped.compareAndSet(false, true)) {
                this.context.setStatusCode(finalStatus(this.error, this.context.getStatusCode()));
                this.context.finish(cancelled && this.error == null);
                this.observation.stop();
            }
        }

    }

}
