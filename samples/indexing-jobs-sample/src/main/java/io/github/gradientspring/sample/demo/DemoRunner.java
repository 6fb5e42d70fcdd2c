package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.sample.SampleProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * At startup, once the HTTP server listens: says where the client points, runs the demo when it is enabled, and
 * prints the URLs to try. A demo that fails is reported and the application keeps serving.
 */
@Component
class DemoRunner implements ApplicationRunner {

    private final IndexingJobsClient client;

    private final SampleProperties properties;

    private final Environment environment;

    private final PrintStream out = System.out;

    DemoRunner(IndexingJobsClient client, SampleProperties properties, Environment environment) {
        this.client = client;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String baseUrl = this.environment.getProperty("gradient.base-url", IndexingJobsClient.Builder.DEFAULT_BASE_URL);
        this.out.println();
        if (this.properties.getMode() == SampleProperties.Mode.LOCAL) {
            this.out.println("Local mode: the client talks to the embedded Gradient simulator at " + baseUrl
                    + " (no token, no network).");
        }
        else {
            this.out.println("Remote mode: the client talks to " + baseUrl + ".");
        }
        SampleProperties.Demo demo = this.properties.getDemo();
        if (demo.isEnabled()) {
            runDemo(demo);
        }
        else if (this.properties.getMode() == SampleProperties.Mode.REMOTE) {
            this.out.println("The demo is off: it would start real indexing jobs. Set sample.demo.enabled=true and "
                    + "sample.demo.knowledge-base-uuid to run it.");
        }
        printUrls(demo.getKnowledgeBaseUuid());
    }

    private void runDemo(SampleProperties.Demo demo) {
        if (!StringUtils.hasText(demo.getKnowledgeBaseUuid())) {
            this.out.println("The demo needs a knowledge base: set sample.demo.knowledge-base-uuid.");
            return;
        }
        OutputMode mode = demo.getOutput().resolve();
        this.out.println("Demo output: " + mode.name().toLowerCase() + " (sample.demo.output=" + demo.getOutput()
            .name()
            .toLowerCase() + ")");
        IndexingDemo indexingDemo = new IndexingDemo(this.client, ProgressDisplay.of(mode, this.out), this.out);
        try {
            indexingDemo.run(demo.getKnowledgeBaseUuid(), List.copyOf(demo.getDataSourceUuids()),
                    demo.getCancelAfterDataSources())
                .block(demo.getTimeout());
        }
        catch (RuntimeException ex) {
            this.out.println("The demo failed: " + ex.getMessage());
        }
    }

    private void printUrls(String knowledgeBaseUuid) {
        String port = this.environment.getProperty("local.server.port", "8080");
        String base = "http://localhost:" + port;
        String kb = StringUtils.hasText(knowledgeBaseUuid) ? knowledgeBaseUuid : "<knowledge-base-uuid>";
        this.out.println();
        this.out.println("Serving on " + base + " until stopped (Ctrl-C). Try:");
        this.out.println("  curl -s " + base + "/jobs");
        this.out.println("  curl -s -X POST " + base + "/jobs -H 'Content-Type: application/json' -d '{\"knowledgeBaseUuid\":\""
                + kb + "\"}'");
        this.out.println("  curl -s " + base + "/jobs/<job-uuid>");
        this.out.println("  curl -s " + base + "/jobs/<job-uuid>/data-sources");
        this.out.println("  curl -N " + base + "/jobs/<job-uuid>/events");
        this.out.println("  curl -s -X POST " + base + "/jobs/<job-uuid>/cancel");
        this.out.println("  curl -s " + base + "/actuator/health");
        this.out.println("  curl -s " + base + "/actuator/metrics/gradient.client.operation");
        this.out.println("  curl -s " + base + "/actuator/prometheus | grep '^gradient_'");
        this.out.flush();
    }

}
