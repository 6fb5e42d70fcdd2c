package io.github.gradientspring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientAccessTokenSanitizingFunction}: the token stays masked in the actuator, whichever key it
 * is shown under, even when the application asks to show values.
 */
class GradientAccessTokenSanitizingFunctionTests {

    private final SanitizingFunction function = new GradientAccessTokenSanitizingFunction(() -> WireFixtures.TOKEN);

    private final MapPropertySource source = new MapPropertySource("test", Map.of());

    @Test
    void masksEveryKeyFormOfTheToken() {
        for (String key : new String[] { "gradient.accessToken", "gradient.access-token", "gradient.access_token",
                "GRADIENT_ACCESS_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "digitalocean_access_token" }) {
            assertThat(sanitize(key, "some-other-value")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
    }

    @Test
    void masksAnyKeyWhoseValueIsTheToken() {
        assertThat(sanitize("app.aliases.do-token", WireFixtures.TOKEN)).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Test
    void leavesOtherPropertiesAlone() {
        assertThat(sanitize("gradient.base-url", "https://api.digitalocean.com"))
            .isEqualTo("https://api.digitalocean.com");
        assertThat(sanitize("gradient.access-token-hint", "x")).isEqualTo("x");
        assertThat(sanitize("gradient.access-token", null)).isNull();
    }

    @Test
    void doesNotMatchValuesWhenThereIsNoToken() {
        SanitizingFunction withoutToken = new GradientAccessTokenSanitizingFunction(() -> null);
        assertThat(withoutToken.apply(new SanitizableData(this.source, "app.name", "")).getValue()).isEqualTo("");
    }

    @Test
    void actuatorEndpointsMaskTheTokenWithShowValuesAlways() {
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withInitializer((context) -> TestPropertyValues.of("DIGITALOCEAN_ACCESS_TOKEN=" + WireFixtures.TOKEN)
                .applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT))
            .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class, EndpointAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                    "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
                    "management.endpoints.jmx.exposure.include=*", "management.endpoints.web.exposure.include=*",
                    "app.region=nyc3")
            .run((context) -> {
                assertThat(context).hasSingleBean(ConfigurationPropertiesReportEndpoint.class);
                assertThat(context).hasSingleBean(EnvironmentEndpoint.class);
                ConfigurationPropertiesBeanDescriptor gradient = context.getBean(ConfigurationPropertiesReportEndpoint.class)
                    .configurationPropertiesWithPrefix("gradient")
                    .getContexts()
                    .values()
                    .iterator()
                    .next()
                    .getBeans()
                    .values()
                    .iterator()
                    .next();
                assertThat(gradient.getProperties()).containsEntry("accessToken", SanitizableData.SANITIZED_VALUE)
                    .containsEntry("baseUrl", "https://api.digitalocean.com");
                EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
                assertThat(env.environmentEntry("gradient.access-token").getProperty().getValue())
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
                assertThat(env.environmentEntry("DIGITALOCEAN_ACCESS_TOKEN").getProperty().getValue())
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
                // show-values=always is in force: an ordinary property is shown as it is.
                assertThat(env.environmentEntry("app.region").getProperty().getValue()).isEqualTo("nyc3");
                assertThat(env.environment(null).toString()).doesNotContain(WireFixtures.TOKEN);
            });
    }

    @Test
    void noSanitizingFunctionWithoutTheActuator() {
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
            .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean("gradientAccessTokenSanitizingFunction");
            });
    }

    private Object sanitize(String key, Object value) {
        return this.function.apply(new SanitizableData(this.source, key, value)).getValue();
    }

}
