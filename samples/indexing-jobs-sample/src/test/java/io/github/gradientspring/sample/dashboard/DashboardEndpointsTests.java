package io.github.gradientspring.sample.dashboard;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dashboard reads besides {@code /jobs}, in remote mode (the production application, the simulator
 * standing in for DigitalOcean): the configured knowledge bases of {@code docs/dashboard-knowledge-bases.yml}, the
 * request budget, and the page itself.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.import=classpath:docs/dashboard-knowledge-bases.yml",
                "gradient.retry.max-retries=0" })
@AutoConfigureGradientSimulator
@AutoConfigureWebTestClient
class DashboardEndpointsTests {

    @Autowired
    WebTestClient http;

    @Autowired
    GradientSimulator simulator;

    @Autowired
    IndexingJobsClient client;

    @Test
    void knowledgeBasesAreTheConfiguredOnesInOrderNamedOrByUuid() {
        this.http.get()
            .uri("/knowledge-bases")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.length()").isEqualTo(2)
            .jsonPath("$[0].uuid").isEqualTo("9758a232-b351-11ef-bf8f-4e013e2ddde4")
            .jsonPath("$[0].name").isEqualTo("product-docs")
            .jsonPath("$[0].dataSources.length()").isEqualTo(2)
            .jsonPath("$[0].dataSources[1].uuid").isEqualTo("9a825ee0-bbb1-11ef-bf8f-4e013e2ddde5")
            .jsonPath("$[0].dataSources[1].items").isEmpty()
            .jsonPath("$[1].name").isEqualTo("support-articles")
            .jsonPath("$[1].dataSources.length()").isEqualTo(0);
    }

    @Test
    void theBudgetShowsTheRequestsLeftAndNoPause() {
        this.client.budget().reset();
        this.http.get().uri("/jobs").exchange().expectStatus().isOk();

        this.http.get()
            .uri("/budget")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.limited").isEqualTo(true)
            .jsonPath("$.limitPerMinute").isEqualTo(200)
            .jsonPath("$.limitPerHour").isEqualTo(4000)
            .jsonPath("$.remainingInMinute").isEqualTo(199)
            .jsonPath("$.remainingInHour").isEqualTo(3999)
            .jsonPath("$.waiting").isEqualTo(0)
            .jsonPath("$.pausedUntil").isEmpty()
            .jsonPath("$.pausedForMillis").isEqualTo(0);
    }

    @Test
    void theBudgetShowsThePauseARateLimitAnswerAskedFor() {
        this.client.budget().reset();
        this.simulator.faults().on(Operation.LIST).respond(Fault.status(429).retryAfter(Duration.ofSeconds(30)));
        this.http.get().uri("/jobs").exchange().expectStatus().isEqualTo(429);

        this.http.get()
            .uri("/budget")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.pausedUntil").isNotEmpty()
            .jsonPath("$.pausedForMillis")
            .value(Long.class, (millis) -> assertThat(millis).isBetween(20_000L, 30_000L));
        this.client.budget().reset();
    }

    @Test
    void theDashboardIsServedAtTheRootWithItsScriptAndStyles() {
        this.http.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .value((html) -> assertThat(html).contains("<script src=\"dashboard.js\" defer></script>")
                .contains("<link rel=\"stylesheet\" href=\"dashboard.css\">")
                .doesNotContain("https://"));
        this.http.get().uri("/dashboard.js").exchange().expectStatus().isOk().expectBody(String.class)
            .value((script) -> assertThat(script).contains("new EventSource(").doesNotContain("http://")
                .doesNotContain("https://"));
        this.http.get().uri("/dashboard.css").exchange().expectStatus().isOk();
    }

}
