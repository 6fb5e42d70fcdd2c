package io.github.gradientspring.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of {@link io.github.gradientspring.client.IndexingJobsClient}.
 */
public enum GradientObservationDocumentation implements ObservationDocumentation {

    /**
     * One logical call of the client, such as {@code cancel(uuid)}: every attempt and the waits between retries
     * are inside it. Spring's {@code http.client.requests} observation of each attempt is its child.
     */
    CLIENT_OPERATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultGradientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }

    };

    /**
     * The keys of bounded value sets, which become metric tags.
     */
    public enum LowCardinalityKeyNames implements KeyName {

        /**
         * The operation: {@code create}, {@code retrieve}, {@code list}, {@code list_by_knowledge_base}, …, and the
         * schedule operations {@code create_schedule}, {@code retrieve_schedule} and {@code delete_schedule}; every
         * {@link io.github.gradientspring.client.GradientOperation#tagValue()}.
         */
        OPERATION {
            @Override
            public String asString() {
                return "gradient.operation";
            }
        },

        /** How the call ended: {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code TIMEOUT}, … */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /** The HTTP status of the final attempt, or {@code NONE} when it got no response. */
        STATUS_CODE {
            @Override
            public String asString() {
                return "http.status_code";
            }
        },

        /** The simple class name of the exception the call failed with, or {@code none}. */
        ERROR_TYPE {
            @Override
            public String asString() {
                return "error.type";
            }
        },

        /** Whether the call was retried at least once: {@code true} or {@code false}. */
        RETRIED {
            @Override
            public String asString() {
                return "retried";
            }
        }

    }

    /**
     * The keys of unbounded value sets, which go to traces only.
     */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The API address the client calls. */
        BASE_URL {
            @Override
            public String asString() {
                return "gradient.base_url";
            }
        },

        /** The indexing job the call is about; absent when it is about none. */
        JOB_UUID {
            @Override
            public String asString() {
                return "gradient.job.uuid";
            }

            @Override
            public boolean isRequired() {
                return false;
            }
        },

        /**
         * The knowledge base the call is about (a job's create, its list, a schedule's create and retrieve); absent
         * when it is about none.
         */
        KNOWLEDGE_BASE_UUID {
            @Override
            public String asString() {
                return "gradient.knowledge_base.uuid";
            }

            @Override
            public boolean isRequired() {
                return false;
            }
        }

    }

}
