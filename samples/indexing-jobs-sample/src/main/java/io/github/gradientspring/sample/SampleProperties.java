package io.github.gradientspring.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.gradientspring.sample.demo.OutputMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's own settings, under {@code sample.*}. The client's settings are the starter's, under
 * {@code gradient.*}.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    private final Demo demo = new Demo();

    private final Simulator simulator = new Simulator();

    /**
     * The knowledge bases the dashboard offers to index, with their data sources. DigitalOcean's indexing-jobs API
     * cannot list them, so remote mode offers what is configured here; the local application offers the
     * simulator's seeded ones instead.
     */
    private List<KnowledgeBase> knowledgeBases = new ArrayList<>();

    public Demo getDemo() {
        return this.demo;
    }

    public List<KnowledgeBase> getKnowledgeBases() {
        return this.knowledgeBases;
    }

    public void setKnowledgeBases(List<KnowledgeBase> knowledgeBases) {
        this.knowledgeBases = knowledgeBases;
    }

    public Simulator getSimulator() {
        return this.simulator;
    }

    /** The terminal demo that starts two jobs, follows them and cancels one. */
    public static class Demo {

        /**
         * Whether to run the demo once the application is ready. The local application (the main job) switches it
         * on; otherwise it stays off unless set, so that no job is started on a real account by accident.
         */
        private boolean enabled;

        /** How progress is printed: {@code auto} (in place on a terminal, else plain lines), {@code ansi} or {@code plain}. */
        private OutputMode output = OutputMode.AUTO;

        /** The knowledge base the demo indexes; the local application sets it to the seeded one. */
        private @Nullable String knowledgeBaseUuid;

        /**
         * The data sources of the demo's second job; empty to index the whole knowledge base again. The local
         * application sets it to the first three seeded data sources.
         */
        private List<String> dataSourceUuids = new ArrayList<>();

        /** The demo cancels its first job once this many of its data sources have finished. */
        private int cancelAfterDataSources = 2;

        /** The longest the demo may take before it gives up (the application keeps serving). */
        private Duration timeout = Duration.ofMinutes(5);

        /**
         * How long the demo waits, once the application is ready, before it starts its jobs: time to open the
         * dashboard. The local application waits a few seconds.
         */
        private Duration startDelay = Duration.ZERO;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public OutputMode getOutput() {
            return this.output;
        }

        public void setOutput(OutputMode output) {
            this.output = output;
        }

        public @Nullable String getKnowledgeBaseUuid() {
            return this.knowledgeBaseUuid;
        }

        public void setKnowledgeBaseUuid(@Nullable String knowledgeBaseUuid) {
            this.knowledgeBaseUuid = knowledgeBaseUuid;
        }

        public List<String> getDataSourceUuids() {
            return this.dataSourceUuids;
        }

        public void setDataSourceUuids(List<String> dataSourceUuids) {
            this.dataSourceUuids = dataSourceUuids;
        }

        public int getCancelAfterDataSources() {
            return this.cancelAfterDataSources;
        }

        public void setCancelAfterDataSources(int cancelAfterDataSources) {
            this.cancelAfterDataSources = cancelAfterDataSources;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getStartDelay() {
            return this.startDelay;
        }

        public void setStartDelay(Duration startDelay) {
            this.startDelay = startDelay;
        }

    }

    /** The simulator of the local application (TestIndexingJobsSampleApplication, test class path only). */
    public static class Simulator {

        /** Port of the embedded simulator on 127.0.0.1; 0 picks a free one. */
        private int port;

        /** How long a job stays pending in the embedded simulator. */
        private Duration pending = Duration.ofSeconds(1);

        /** How long the embedded simulator takes to index one data source. */
        private Duration perDataSource = Duration.ofSeconds(3);

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public Duration getPending() {
            return this.pending;
        }

        public void setPending(Duration pending) {
            this.pending = pending;
        }

        public Duration getPerDataSource() {
            return this.perDataSource;
        }

        public void setPerDataSource(Duration perDataSource) {
            this.perDataSource = perDataSource;
        }

    }

    /** A knowledge base the dashboard offers to index. */
    public static class KnowledgeBase {

        /** The knowledge base's UUID. */
        private @Nullable String uuid;

        /** The name the dashboard shows; the UUID when unset. */
        private @Nullable String name;

        /** The UUIDs of its data sources, which the dashboard offers to index one by one. */
        private List<String> dataSourceUuids = new ArrayList<>();

        public @Nullable String getUuid() {
            return this.uuid;
        }

        public void setUuid(@Nullable String uuid) {
            this.uuid = uuid;
        }

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public List<String> getDataSourceUuids() {
            return this.dataSourceUuids;
        }

        public void setDataSourceUuids(List<String> dataSourceUuids) {
            this.dataSourceUuids = dataSourceUuids;
        }

    }

}
