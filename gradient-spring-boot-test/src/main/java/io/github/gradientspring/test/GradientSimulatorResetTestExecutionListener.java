package io.github.gradientspring.test;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.simulator.GradientSimulator;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the state an {@link AutoConfigureGradientSimulator} test leaves behind after each test method, because
 * Spring shares one context, and so one simulator and one client, between tests: the simulator (jobs, faults,
 * journal, rate-limit windows), every {@link RetryQuota} bean of the context, refilled, and the request budget of
 * every {@link IndexingJobsClient} bean ({@link io.github.gradientspring.client.RequestBudget#reset()}). Registered
 * in {@code META-INF/spring.factories}.
 */
class GradientSimulatorResetTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        // After the listeners that run the test's own @AfterEach-like callbacks, like Boot's mock reset.
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        AutoConfigureGradientSimulator annotation = TestContextAnnotationUtils
            .findMergedAnnotation(testContext.getTestClass(), AutoConfigureGradientSimulator.class);
        // Never starts a context only to reset it: a context that is not there has nothing to reset.
        if (annotation == null || !annotation.resetAfterEachTest() || !testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        // Watches a test left open would poll jobs the reset simulator no longer has, in the next test: they stop
        // first, so that no poll of theirs lands in the journal the reset has just emptied.
        context.getBeanProvider(IndexingJobsClient.class).stream().forEach(IndexingJobsClient::stopWatches);
        context.getBeanProvider(GradientSimulator.class).stream().forEach(GradientSimulator::reset);
        context.getBeanProvider(RetryQuota.class).stream().forEach(RetryQuota::reset);
        // The simulator forgot its rate-limit windows; the clients' budgets (shared per token) forget theirs too.
        context.getBeanProvider(IndexingJobsClient.class).stream().forEach((client) -> client.budget().reset());
    }

}
