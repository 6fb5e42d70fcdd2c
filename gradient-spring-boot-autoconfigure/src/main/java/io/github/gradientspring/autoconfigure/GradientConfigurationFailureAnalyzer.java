package io.github.gradientspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link GradientConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report: what is
 * wrong, which property to set, and how to switch Gradient off instead. Shows no stack trace and never the token.
 */
class GradientConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<GradientConfigurationException> {

    private static final String SWITCH_OFF = "If this application does not use DigitalOcean Gradient, set "
            + "gradient.enabled=false to switch its auto-configuration off.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GradientConfigurationException cause) {
        String description = "The Gradient indexing-jobs client could not be configured: " + cause.getProperty()
                + " is not usable; " + cause.getProblem() + ".";
        return new FailureAnalysis(description, action(cause.getProperty()), cause);
    }

    private static String action(String property) {
        if (GradientAccessToken.PROPERTY.equals(property)) {
            return "Set gradient.access-token (for example in application.yml, or as the GRADIENT_ACCESS_TOKEN "
                    + "environment variable) or the DIGITALOCEAN_ACCESS_TOKEN environment variable to a DigitalOcean "
                    + "API token with GenAI access. " + SWITCH_OFF;
        }
        if ("gradient.base-url".equals(property)) {
            return "Set gradient.base-url (or the GRADIENT_BASE_URL environment variable) to an absolute URL such as "
                    + "https://api.digitalocean.com. Plain http is accepted only for a loopback address such as a local "
                    + "simulator, because the access token (gradient.access-token or DIGITALOCEAN_ACCESS_TOKEN) would "
                    + "otherwise travel unencrypted. " + SWITCH_OFF;
        }
        return "Correct " + property + " (see the gradient.* properties in the documentation; the access token comes "
                + "from gradient.access-token or DIGITALOCEAN_ACCESS_TOKEN). " + SWITCH_OFF;
    }

}
