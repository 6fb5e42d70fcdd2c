package io.github.gradientspring.autoconfigure;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the access token comes from: {@code gradient.access-token} (which {@code GRADIENT_ACCESS_TOKEN} also binds
 * to), else the {@code DIGITALOCEAN_ACCESS_TOKEN} environment variable that DigitalOcean's SDKs and {@code doctl}
 * read, so an application already set up for them needs no extra configuration.
 */
final class GradientAccessToken {

    /** The property that holds the token. */
    static final String PROPERTY = "gradient.access-token";

    /** The environment variable the official SDKs read. */
    static final String ENVIRONMENT_VARIABLE = "DIGITALOCEAN_ACCESS_TOKEN";

    private GradientAccessToken() {
    }

    /**
     * Finds the token.
     * @param properties the bound properties
     * @param environment the environment, for the variable
     * @return the token, or {@code null} when neither source has text
     */
    static String resolve(GradientProperties properties, Environment environment) {
        if (StringUtils.hasText(properties.getAccessToken())) {
            return properties.getAccessToken();
        }
        // Read through the Environment rather than System.getenv, so that tests and other property sources can
        // supply the variable too.
        String fromVariable = environment.getProperty(ENVIRONMENT_VARIABLE);
        return StringUtils.hasText(fromVariable) ? fromVariable : null;
    }

}
