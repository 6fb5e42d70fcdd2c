package io.github.gradientspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Turns a {@link GradientConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report: what is
 * wrong, where the value was set (the file and line, or the environment variable, as Boot's own analyzers show a
 * property's origin), which property to set, and how to switch Gradient off instead. Shows no stack trace and never
 * the token.
 */
class GradientConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<GradientConfigurationException> {

    private static final String SWITCH_OFF = "If this application does not use DigitalOcean Gradient, set "
            + "gradient.enabled=false to switch its auto-configuration off.";

    private final @Nullable Environment environment;

    // Spring Boot passes the application's environment to a failure analyzer that asks for it.
    GradientConfigurationFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GradientConfigurationException cause) {
        StringBuilder description = new StringBuilder("The Gradient indexing-jobs client could not be configured: ")
            .append(cause.getProperty())
            .append(" is not usable; ")
            .append(cause.getProblem())
            .append('.');
        Origin origin = originOf(cause.getProperty());
        if (origin != null) {
            description.append(System.lineSeparator()).append(System.lineSeparator()).append("    Origin: ").append(origin);
        }
        return new FailureAnalysis(description.toString(), action(cause.getProperty()), cause);
    }

    private @Nullable Origin originOf(String property) {
        if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        if (ConfigurationPropertyName.isValid(property)) {
            // Through Boot's configuration property sources, so that GRADIENT_BASE_URL is found for gradient.base-url.
            ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
                ConfigurationProperty found = source.getConfigurationProperty(name);
                if (found != null) {
                    return found.getOrigin();
                }
            }
            return null;
        }
        // An environment variable, such as DIGITALOCEAN_ACCESS_TOKEN, by its own name.
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source.containsProperty(property)) {
                return PropertySourceOrigin.get(source, property);
            }
        }
        return null;
    }

    private static String action(String property) {
        if (PropertiesGradientConnectionDetails.ACCESS_TOKEN_SOURCES.contains(property)) {
            return "Set gradient.access-token (for example in application.yml, or as the GRADIENT_ACCESS_TOKEN "
                    + "environment variable), or the DIGITALOCEAN_ACCESS_TOKEN or DIGITALOCEAN_TOKEN environment "
                    + "variable, to a DigitalOcean API token with GenAI access, or declare a GradientConnectionDetails "
                    + "bean that supplies one. " + SWITCH_OFF;
        }
        if (PropertiesGradientConnectionDetails.BASE_URL_PROPERTY.equals(property)) {
            return "Set gradient.base-url (or the GRADIENT_BASE_URL environment variable) to an absolute URL such as "
                    + "https://api.digitalocean.com. Plain http is accepted only for a loopback address such as a local "
                    + "simulator, because the access token (gradient.access-token, DIGITALOCEAN_ACCESS_TOKEN or DIGITALOCEAN_TOKEN) would "
                    + "otherwise travel unencrypted. " + SWITCH_OFF;
        }
        return "Correct " + property + " (see the gradient.* properties in the documentation). " + SWITCH_OFF;
    }

}
