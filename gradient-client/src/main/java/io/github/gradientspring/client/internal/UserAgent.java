package io.github.gradientspring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} the client sends: {@code gradient-spring-boot/<version> (Java <version>)}, so that
 * DigitalOcean's logs tell this library's traffic from the official SDKs'.
 */
final class UserAgent {

    static final String RESOURCE = "META-INF/gradient/client.properties";

    static final String VALUE = "gradient-spring-boot/" + libraryVersion() + " (Java "
            + System.getProperty("java.version", "unknown") + ")";

    private UserAgent() {
    }

    static String libraryVersion() {
        Properties properties = new Properties();
        try (InputStream in = UserAgent.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException ex) {
            // The version is informative only; a missing resource must not stop the client.
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }

}
