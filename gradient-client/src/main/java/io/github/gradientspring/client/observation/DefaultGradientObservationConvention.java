package io.github.gradientspring.client.observation;

import java.util.ArrayList;
import java.util.List;

import io.github.gradientspring.client.error.GradientApiException;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.error.IndexingJobTimeoutException;
import io.github.gradientspring.client.observation.GradientObservationDocumentation.HighCardinalityKeyNames;
import io.github.gradientspring.client.observation.GradientObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default names and tags of the {@code gradient.client.operation} observation, as
 * {@link GradientObservationDocumentation} lists them. Each key has its own protected method, so a subclass can
 * change one key and keep the others.
 */
public class DefaultGradientObservationConvention implements GradientObservationConvention {

    /** The observation's name, and so the prefix of the metrics it becomes. */
    public static final String NAME = "gradient.client.operation";

    /** The default convention. */
    public static final DefaultGradientObservationConvention INSTANCE = new DefaultGradientObservationConvention();

    /** The outcome of a call that returned its result. */
    public static final String OUTCOME_SUCCESS = "SUCCESS";

    /** The outcome of a call the API refused with a 4xx status. */
    public static final String OUTCOME_CLIENT_ERROR = "CLIENT_ERROR";

    /** The outcome of a call that ended with a 5xx status. */
    public static final String OUTCOME_SERVER_ERROR = "SERVER_ERROR";

    /** The outcome of a call whose last attempt timed out, or of a watch that outlasted its timeout. */
    public static final String OUTCOME_TIMEOUT = "TIMEOUT";

    /** The outcome of a call whose last attempt could not connect, or lost its connection. */
    public static final String OUTCOME_CONNECTION_ERROR = "CONNECTION_ERROR";

    /** The outcome of a call that failed otherwise: a malformed response, a job that ended failed. */
    public static final String OUTCOME_ERROR = "ERROR";

    /** The outcome of a call its subscriber cancelled before it ended. */
    public static final String OUTCOME_CANCELLED = "CANCELLED";

    /** The outcome of a call still running, seen by handlers when it starts. */
    public static final String OUTCOME_UNKNOWN = "UNKNOWN";

    private static final String NONE = KeyValue.NONE_VALUE;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(GradientObservationContext context) {
        return "gradient " + context.getOperation().tagValue();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(GradientObservationContext context) {
        return KeyValues.of(operation(context), outcome(context), statusCode(context), errorType(context),
                retried(context));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(GradientObservationContext context) {
        List<KeyValue> keyValues = new ArrayList<>(3);
        keyValues.add(baseUrl(context));
        KeyValue job = jobUuid(context);
        if (job != null) {
            keyValues.add(job);
        }
        KeyValue knowledgeBase = knowledgeBaseUuid(context);
        if (knowledgeBase != null) {
            keyValues.add(knowledgeBase);
        }
        return KeyValues.of(keyValues);
    }

    /**
     * The {@code gradient.operation} key: the operation's {@link io.github.gradientspring.client.GradientOperation#tagValue()}.
     * @param context the call
     * @return the key value
     */
    protected KeyValue operation(GradientObservationContext context) {
        return LowCardinalityKeyNames.OPERATION.withValue(context.getOperation().tagValue());
    }

    /**
     * The {@code outcome} key: {@value #OUTCOME_SUCCESS}, {@value #OUTCOME_CLIENT_ERROR},
     * {@value #OUTCOME_SERVER_ERROR}, {@value #OUTCOME_TIMEOUT}, {@value #OUTCOME_CONNECTION_ERROR},
     * {@value #OUTCOME_ERROR}, {@value #OUTCOME_CANCELLED}, or {@value #OUTCOME_UNKNOWN} while the call runs.
     * @param context the call
     * @return the key value
     */
    protected KeyValue outcome(GradientObservationContext context) {
        return LowCardinalityKeyNames.OUTCOME.withValue(outcomeOf(context));
    }

    private static String outcomeOf(GradientObservationContext context) {
        if (!context.isFinished()) {
            return OUTCOME_UNKNOWN;
        }
        Throwable error = context.getError();
        if (error == null) {
            return context.isCancelled() ? OUTCOME_CANCELLED : OUTCOME_SUCCESS;
        }
        if (error instanceof GradientApiException api) {
            int status = api.statusCode();
            if (status >= 400 && status < 500) {
                return OUTCOME_CLIENT_ERROR;
            }
            return (status >= 500) ? OUTCOME_SERVER_ERROR : OUTCOME_ERROR;
        }
        // A timeout is a kind of connection failure in the exception hierarchy, so it is asked about first.
        if (error instanceof GradientTimeoutException || error instanceof IndexingJobTimeoutException) {
            return OUTCOME_TIMEOUT;
        }
        if (error instanceof GradientConnectionException) {
            return OUTCOME_CONNECTION_ERROR;
        }
        return OUTCOME_ERROR;
    }

    /**
     * The {@code http.status_code} key: the status of the final attempt, or {@code NONE} when it got no response.
     * @param context the call
     * @return the key value
     */
    protected KeyValue statusCode(GradientObservationContext context) {
        int status = context.getStatusCode();
        return LowCardinalityKeyNames.STATUS_CODE
            .withValue((status == GradientObservationContext.NO_STATUS) ? "NONE" : Integer.toString(status));
    }

    /**
     * The {@code error.type} key: the simple class name of the call's exception, {@code none} without one.
     * @param context the call
     * @return the key value
     */
    protected KeyValue errorType(GradientObservationContext context) {
        Throwable error = context.getError();
        return LowCardinalityKeyNames.ERROR_TYPE.withValue((error != null) ? error.getClass().getSimpleName() : NONE);
    }

    /**
     * The {@code retried} key: {@code true} when the call was retried at least once.
     * @param context the call
     * @return the key value
     */
    protected KeyValue retried(GradientObservationContext context) {
        return LowCardinalityKeyNames.RETRIED.withValue(Boolean.toString(context.getRetries() > 0));
    }

    /**
     * The {@code gradient.base_url} key: the API address.
     * @param context the call
     * @return the key value
     */
    protected KeyValue baseUrl(GradientObservationContext context) {
        return HighCardinalityKeyNames.BASE_URL.withValue(context.getBaseUrl().toString());
    }

    /**
     * The {@code gradient.job.uuid} key, or {@code null} to leave it out (calls not about one job).
     * @param context the call
     * @return the key value or {@code null}
     */
    protected @Nullable KeyValue jobUuid(GradientObservationContext context) {
        String uuid = context.getJobUuid();
        return (uuid != null) ? HighCardinalityKeyNames.JOB_UUID.withValue(uuid) : null;
    }

    /**
     * The {@code gradient.knowledge_base.uuid} key, or {@code null} to leave it out (calls not about one
     * knowledge base).
     * @param context the call
     * @return the key value or {@code null}
     */
    protected @Nullable KeyValue knowledgeBaseUuid(GradientObservationContext context) {
        String uuid = context.getKnowledgeBaseUuid();
        return (uuid != null) ? HighCardinalityKeyNames.KNOWLEDGE_BASE_UUID.withValue(uuid) : null;
    }

}
