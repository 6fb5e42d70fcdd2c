package io.github.gradientspring.autoconfigure;

import java.util.Map;

import io.github.gradientspring.client.IndexingJobsClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientConnectionDetails}: where the token and the base URL come from, and what the failure
 * report says when they cannot be used.
 */
class GradientConnectionDetailsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withInitializer((context) -> this.environment = context.getEnvironment())
        .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class));

    // The environment of the context last run: a context that failed to start no longer gives it out.
    private org.springframework.core.env.Environment environment;

    @Test
    void propertiesAreTheDefaultConnectionDetails() {
        this.contextRunner
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN, "gradient.base-url=http://127.0.0.1:8089")
            .run((context) -> {
                assertThat(context).hasSingleBean(GradientConnectionDetails.class)
                    .hasSingleBean(PropertiesGradientConnectionDetails.class);
                GradientConnectionDetails details = context.getBean(GradientConnectionDetails.class);
                assertThat(details.accessToken()).isEqualTo(WireFixtures.TOKEN);
                assertThat(details.baseUrl()).isEqualTo("http://127.0.0.1:8089");
                assertThat(details.toString()).doesNotContain(WireFixtures.TOKEN);
            });
    }

    @Test
    void readsDigitalOceanTokenAsPydoAndDotsDoWhenNothingElseIsSet() {
        this.contextRunner.withInitializer(variables(Map.of("DIGITALOCEAN_TOKEN", "from-dots"))).run((context) -> {
            assertThat(context).hasSingleBean(IndexingJobsClient.class);
            assertThat(context.getBean(GradientConnectionDetails.class).accessToken()).isEqualTo("from-dots");
        });
    }

    @Test
    void prefersDoctlsDigitalOceanAccessTokenOverDigitalOceanToken() {
        this.contextRunner
            .withInitializer(
                    variables(Map.of("DIGITALOCEAN_TOKEN", "from-dots", "DIGITALOCEAN_ACCESS_TOKEN", "from-doctl")))
            .run((context) -> assertThat(context.getBean(GradientConnectionDetails.class).accessToken())
                .isEqualTo("from-doctl"));
    }

    @Test
    void prefersTheAccessTokenPropertyOverBothVariables() {
        this.contextRunner
            .withInitializer(
                    variables(Map.of("DIGITALOCEAN_TOKEN", "from-dots", "DIGITALOCEAN_ACCESS_TOKEN", "from-doctl")))
            .withPropertyValues("gradient.access-token=from-property")
            .run((context) -> assertThat(context.getBean(GradientConnectionDetails.class).accessToken())
                .isEqualTo("from-property"));
    }

    @Test
    void gradientBaseUrlVariableSetsTheBaseUrl() {
        this.contextRunner
            .withInitializer(variables(Map.of("GRADIENT_BASE_URL", "https://gradient.example.com",
                    "DIGITALOCEAN_TOKEN", WireFixtures.TOKEN)))
            .run((context) -> assertThat(context.getBean(GradientConnectionDetails.class).baseUrl())
                .isEqualTo("https://gradient.example.com"));
    }

    @Test
    void aConnectionDetailsBeanOfTheApplicationReplacesTheProperties() {
        this.contextRunner.withPropertyValues("gradient.access-token=ignored-token")
            .withBean(GradientConnectionDetails.class, () -> new GradientConnectionDetails() {

                @Override
                public String accessToken() {
                    return "from-the-vault";
                }

                @Override
                public String baseUrl() {
                    return "http://127.0.0.1:9";
                }

            })
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(GradientConnectionDetails.class)
                    .doesNotHaveBean(PropertiesGradientConnectionDetails.class)
                    .hasSingleBean(IndexingJobsClient.class);
                assertThat(context.getBean(GradientConnectionDetails.class).accessToken()).isEqualTo("from-the-vault");
            });
    }

    @Test
    void aConnectionDetailsBeanWithoutATokenIsReportedAsSuch() {
        this.contextRunner.withBean(GradientConnectionDetails.class, () -> () -> null).run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("GradientConnectionDetails bean", "no access token");
        });
    }

    @Test
    void theMissingTokenReportNamesAllThreeSources() {
        this.contextRunner.run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("gradient.access-token", "DIGITALOCEAN_ACCESS_TOKEN",
                    "DIGITALOCEAN_TOKEN");
            assertThat(analysis.getAction()).contains("gradient.access-token", "DIGITALOCEAN_ACCESS_TOKEN",
                    "DIGITALOCEAN_TOKEN", "GradientConnectionDetails", "gradient.enabled=false");
        });
    }

    @Test
    void theDocumentedPlaceholderWithAnUnsetVariableReachesTheMissingTokenReport() {
        // docs/configuration.md writes ${DIGITALOCEAN_ACCESS_TOKEN:} so that an unset variable is empty, not an
        // unresolvable placeholder.
        this.contextRunner.withPropertyValues("gradient.access-token=${DIGITALOCEAN_ACCESS_TOKEN:}").run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("no DigitalOcean access token is configured");
        });
    }

    @Test
    void anInvalidBaseUrlIsReportedWithTheFileAndLineItWasSetIn() {
        TextResourceOrigin origin = new TextResourceOrigin(new ClassPathResource("config/application.yml"),
                new TextResourceOrigin.Location(6, 12));
        this.contextRunner.withInitializer((context) -> context.getEnvironment()
            .getPropertySources()
            .addFirst(new OriginTrackedMapPropertySource("Config resource 'class path resource [config/application.yml]'",
                    Map.of("gradient.base-url", OriginTrackedValue.of("api.digitalocean.com", origin),
                            "gradient.access-token", OriginTrackedValue.of(WireFixtures.TOKEN, origin)))))
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("gradient.base-url", "absolute",
                        "Origin: class path resource [config/application.yml] - 7:13");
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(WireFixtures.TOKEN);
            });
    }

    @Test
    void anInvalidBaseUrlFromTheVariableIsReportedWithTheVariable() {
        this.contextRunner
            .withInitializer(variables(Map.of("GRADIENT_BASE_URL", "http://gradient.example.com",
                    "DIGITALOCEAN_TOKEN", WireFixtures.TOKEN)))
            .run((context) -> assertThat(analyze(context).getDescription()).contains("plain http",
                    "Origin: \"GRADIENT_BASE_URL\" from property source \"systemEnvironment\""));
    }

    private static org.springframework.context.ApplicationContextInitializer<org.springframework.context.ConfigurableApplicationContext> variables(
            Map<String, Object> variables) {
        return (context) -> context.getEnvironment()
            .getPropertySources()
            .addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    variables));
    }

    private FailureAnalysis analyze(AssertableApplicationContext context) {
        Throwable failure = context.getStartupFailure();
        assertThat(failure).as("the context failed to start").isNotNull();
        FailureAnalysis analysis = new GradientConfigurationFailureAnalyzer(this.environment).analyze(failure);
        assertThat(analysis).as("the failure was analyzed").isNotNull();
        return analysis;
    }

}
