package io.github.gradientspring.sample.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.sample.SampleProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Once the application is ready (the HTTP server listens, readiness is UP): prints the dashboard's URL first, says
 * where the client points, and runs the demo when it is enabled (after {@code sample.demo.start-delay}, time to open
 * the dashboard), off the main thread, then prints the URLs to try; with the demo off, prints
 * them at once. A demo that fails is reported and the application keeps serving. When the application shuts down
 * during the demo (Ctrl-C), the demo is cancelled quietly: no failure and no URLs are printed after that.
 */
@Component
class DemoRunner {

    private final IndexingJobsClient client;

    private final SampleProperties properties;

    private final GradientConnectionDetails connectionDetails;

    private final Environment environment;

    private final ApiClock apiClock;

    private final PrintStream out = System.out;

    private volatile boolean closing;

    private volatile @Nullable Disposable running;

    DemoRunner(IndexingJobsClient client, SampleProperties properties, GradientConnectionDetails connectionDetails,
            Environment environment, ObjectProvider<ApiClock> apiClock) {
        this.client = client;
        // DigitalOcean's clock is the real time; the local application's simulator supplies a clock it can move.
        this.apiClock = apiClock.getIfAvailable(ApiClock::system);
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void applicationReady() {
        this.out.println();
        this.out.println("Dashboard: " + base() + "/ (open it in a browser to watch the jobs)");
        this.out.println("The client talks to " + this.connectionDetails.baseUrl() + ".");
        SampleProperties.Demo demo = this.properties.getDemo();
        if (!demo.isEnabled()) {
            this.out.println("The demo is off: it would start real indexing jobs. Set sample.demo.enabled=true and "
                    + "sample.demo.knowledge-base-uuid to run it.");
            printUrls(demo.getKnowledgeBaseUuid());
            return;
        }
        if (!StringUtils.hasText(demo.getKnowledgeBaseUuid())) {
            this.out.println("The demo needs a knowledge base: set sample.demo.knowledge-base-uuid.");
            printUrls(null);
            return;
        }
        OutputMode mode = demo.getOutput().resolve();
        this.out.println("Demo output: " + mode.name().toLowerCase() + " (sample.demo.output=" + demo.getOutput()
            .name()
            .toLowerCase() + ")");
        IndexingDemo indexingDemo = new IndexingDemo(this.client, ProgressDisplay.of(mode, this.out), this.out);
        // A display of its own: an ANSI display redraws its block in place, and the first part's block is done.
        ScheduleDemo scheduleDemo = new ScheduleDemo(this.client, this.apiClock, ProgressDisplay.of(mode, this.out),
                this.out);
        Duration startDelay = demo.getStartDelay();
        if (!startDelay.isNegative() && !startDelay.isZero()) {
            this.out.println("The demo starts in " + startDelay.toSeconds() + " s (sample.demo.start-delay): open the "
                    + "dashboard to watch its two jobs run and one of them be cancelled.");
        }
        // Subscribed, not blocked on: the demo runs on the client's threads and the main thread returns, so that
        // the application is ready (and its readiness UP) while the demo runs. After the start delay, the two jobs
        // first, then a schedule that starts a third.
        this.running = Mono.delay(startDelay)
            .then(indexingDemo.run(demo.getKnowledgeBaseUuid(), List.copyOf(demo.getDataSourceUuids()),
                    demo.getCancelAfterDataSources()))
            .then(scheduleDemo.run(demo.getKnowledgeBaseUuid()))
            .timeout(demo.getTimeout().plus(startDelay))
            .subscribe((result) -> afterDemo(null), (failure) -> afterDemo(failure));
    }

    private void afterDemo(@Nullable Throwable failure) {
        if (this.closing) {
            return;
        }
        if (failure != null) {
            this.out.println("The demo failed: " + failure.getMessage());
        }
        printUrls(this.properties.getDemo().getKnowledgeBaseUuid());
    }

    // Before the web server and the client's connector stop, so that a demo cut short by a shutdown ends quietly.
    @EventListener(ContextClosedEvent.class)
    void contextClosed() {
        this.closing = true;
        Disposable demo = this.running;
        if (demo != null) {
            demo.dispose();
        }
    }

    private String base() {
        return "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
    }

    private void printUrls(@Nullable String knowledgeBaseUuid) {
        if (this.closing) {
            return;
        }
        String base = base();
        String kb = StringUtils.hasText(knowledgeBaseUuid) ? knowledgeBaseUuid : "<knowledge-base-uuid>";
        this.out.println();
        this.out.println("Serving on " + base + " until stopped (Ctrl-C).");
        this.out.println("Dashboard: " + base + "/");
        this.out.println("Try:");
        this.out.println("  curl -s " + base + "/jobs");
        this.out.println("  curl -s -X POST " + base + "/jobs -H 'Content-Type: application/json' -d '{\"knowledgeBaseUuid\":\""
                + kb + "\"}'");
        this.out.println("  curl -s " + base + "/jobs/<job-uuid>");
        this.out.println("  curl -s " + base + "/jobs/<job-uuid>/data-sources");
        this.out.println("  curl -N " + base + "/jobs/<job-uuid>/events");
        this.out.println("  curl -s -X POST " + base + "/jobs/<job-uuid>/cancel");
        this.out.println("  curl -s -X PUT " + base + "/knowledge-bases/" + kb + "/schedule -H 'Content-Type: application/json' "
                + "-d '{\"time\":\"02:30\",\"days\":[\"MONDAY\",\"THURSDAY\"]}'");
        this.out.println("  curl -s " + base + "/knowledge-bases/" + kb + "/schedule");
        this.out.println("  curl -s -X DELETE " + base + "/knowledge-bases/" + kb + "/schedule");
        this.out.println("  curl -s " + base + "/actuator/health");
        this.out.println("  curl -s " + base + "/actuator/metrics/gradient.client.operation");
        this.out.println("  curl -s " + base + "/knowledge-bases");
        this.out.println("  curl -s " + base + "/budget");
        this.out.println("  curl -s " + base + "/actuator/prometheus | grep '^gradient_'");
        this.out.flush();
    }

}
