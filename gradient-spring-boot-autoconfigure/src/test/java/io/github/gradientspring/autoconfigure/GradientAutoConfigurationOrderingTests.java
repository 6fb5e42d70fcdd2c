package io.github.gradientspring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration is registered and ordered after Boot's WebClient auto-configuration. An ordering that
 * names a class that does not exist (a Boot 3 name, say) is ignored by Boot without a word, so every name is
 * checked to load.
 */
class GradientAutoConfigurationOrderingTests {

    @Test
    void isListedInTheAutoConfigurationImports() throws IOException {
        ClassPathResource imports = new ClassPathResource(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        List<String> lines;
        try (InputStream in = imports.getInputStream()) {
            lines = StreamUtils.copyToString(in, StandardCharsets.UTF_8).lines().map(String::strip).toList();
        }
        assertThat(lines).contains(GradientAutoConfiguration.class.getName());
    }

    @Test
    void comesAfterWebClientAutoConfigurationWhichExists() {
        AutoConfiguration annotation = GradientAutoConfiguration.class.getAnnotation(AutoConfiguration.class);
        assertThat(annotation.after()).contains(WebClientAutoConfiguration.class);
        assertThat(annotation.afterName()).isEmpty();
        assertThat(annotation.before()).isEmpty();
        assertThat(annotation.beforeName()).isEmpty();
    }

    @Test
    void everyOrderingNameInTheGeneratedMetadataLoads() throws IOException {
        Properties metadata = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/spring-autoconfigure-metadata.properties").getInputStream()) {
            metadata.load(in);
        }
        String after = metadata.getProperty(GradientAutoConfiguration.class.getName() + ".AutoConfigureAfter");
        assertThat(after).isEqualTo(WebClientAutoConfiguration.class.getName());
        metadata.stringPropertyNames()
            .stream()
            .filter((key) -> key.endsWith(".AutoConfigureAfter") || key.endsWith(".AutoConfigureBefore"))
            .flatMap((key) -> Arrays.stream(metadata.getProperty(key).split(",")))
            .forEach((name) -> assertThat(ClassUtils.isPresent(name.strip(), getClass().getClassLoader())).as(name)
                .isTrue());
    }

    @Test
    void bootSortsTheChainWithGradientLast() {
        // Given in the wrong order on purpose: Boot's sorter must put them right.
        Class<?>[] sorted = Configurations.getClasses(AutoConfigurations.of(GradientAutoConfiguration.class,
                WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
                HttpClientAutoConfiguration.class));
        List<Class<?>> order = Arrays.asList(sorted);
        assertThat(order.indexOf(GradientAutoConfiguration.class))
            .isGreaterThan(order.indexOf(WebClientAutoConfiguration.class));
        assertThat(order.indexOf(WebClientAutoConfiguration.class))
            .isGreaterThan(order.indexOf(ReactiveHttpClientAutoConfiguration.class));
        assertThat(order.get(order.size() - 1)).isEqualTo(GradientAutoConfiguration.class);
    }

}
