package io.github.gradientspring.sample.docs;

import java.io.IOException;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientProperties;
import io.github.gradientspring.client.IndexingJobsClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limit settings docs/watching.md shows (the page's YAML is this test's resource) bind as it says.
 */
class WatchingSettingsTests {

    @Test
    void theTwoInstancesBudgetBindsToHalfTheDefaults() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=documented-token")
            .withInitializer((context) -> {
                try {
                    new YamlPropertySourceLoader().load("watching", new ClassPathResource("docs/watching-rate-limit.yml"))
                        .forEach(context.getEnvironment().getPropertySources()::addFirst);
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            })
            .run((context) -> {
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
                GradientProperties.RateLimit rateLimit = context.getBean(GradientProperties.class).getRateLimit();
                assertThat(rateLimit.isEnabled()).isTrue();
                assertThat(rateLimit.getRequestsPerMinute()).isEqualTo(100);
                assertThat(rateLimit.getRequestsPerHour()).isEqualTo(2000);
            });
    }

}
