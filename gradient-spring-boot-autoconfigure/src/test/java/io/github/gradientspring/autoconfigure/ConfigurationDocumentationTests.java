package io.github.gradientspring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} and the configuration metadata an IDE reads must say the same: the same keys, the
 * same defaults and the same descriptions. Edit the Javadoc of {@link GradientProperties} (or
 * {@code additional-spring-configuration-metadata.json}) and the table together.
 */
class ConfigurationDocumentationTests {

    private static final String START = "<!-- properties:start";

    private static final String END = "<!-- properties:end";

    @Test
    void documentedPropertiesMatchTheMetadata() throws IOException {
        Map<String, Row> metadata = metadata();
        Map<String, Row> documented = documented();
        assertThat(metadata).as("metadata properties").isNotEmpty();
        assertThat(documented.keySet()).as("keys in docs/configuration.md")
            .containsExactlyInAnyOrderElementsOf(metadata.keySet());
        for (Map.Entry<String, Row> entry : metadata.entrySet()) {
            Row doc = documented.get(entry.getKey());
            assertThat(doc.defaultValue()).as("default of " + entry.getKey()).isEqualTo(entry.getValue().defaultValue());
            assertThat(doc.description()).as("description of " + entry.getKey())
                .isEqualTo(entry.getValue().description());
        }
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        metadata().forEach((key, row) -> assertThat(row.description()).as(key).isNotBlank().endsWith("."));
    }

    @Test
    void metadataDescribesEveryFleetProperty() throws IOException {
        Map<String, Row> fleet = new LinkedHashMap<>();
        metadata().forEach((key, row) -> {
            if (key.startsWith("gradient.fleet.")) {
                fleet.put(key, row);
            }
        });
        assertThat(fleet).containsOnlyKeys("gradient.fleet.enabled", "gradient.fleet.key-prefix",
                "gradient.fleet.lease-time", "gradient.fleet.command-timeout");
        fleet.forEach((key, row) -> assertThat(row.description()).as(key).isNotBlank().endsWith("."));
        assertThat(fleet.get("gradient.fleet.enabled").defaultValue()).isEqualTo("true");
        assertThat(fleet.get("gradient.fleet.key-prefix").defaultValue()).isEqualTo("gradient:");
    }

    private static Map<String, Row> metadata() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String file : new String[] { "META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json" }) {
            ClassPathResource resource = new ClassPathResource(file);
            if (!resource.exists()) {
                continue;
            }
            JsonNode root;
            try (InputStream in = resource.getInputStream()) {
                root = JsonMapper.builder().build().readTree(in);
            }
            JsonNode properties = root.path("properties");
            for (JsonNode property : properties) {
                JsonNode defaultValue = property.path("defaultValue");
                rows.put(property.path("name").asString(),
                        new Row(defaultValue.isMissingNode() || defaultValue.isNull() ? "" : defaultValue.asString(),
                                property.path("description").asString("")));
            }
        }
        return rows;
    }

    private static Map<String, Row> documented() throws IOException {
        String docsDir = System.getProperty("gradient.docs.dir", "../docs");
        String text = Files.readString(Path.of(docsDir, "configuration.md"));
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("docs/configuration.md has a %s marker", START).isNotNegative();
        assertThat(end).as("docs/configuration.md has a %s marker", END).isGreaterThan(start);
        Map<String, Row> rows = new LinkedHashMap<>();
        text.substring(start, end).lines().map(String::strip).filter((line) -> line.startsWith("| `")).forEach((line) -> {
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            assertThat(cells).as(line).hasSize(3);
            String key = unquote(cells[0]);
            assertThat(rows).as("%s is listed once", key).doesNotContainKey(key);
            rows.put(key, new Row(unquote(cells[1]), cells[2].strip()));
        });
        return rows;
    }

    private static String unquote(String cell) {
        String value = cell.strip();
        return (value.length() >= 2 && value.startsWith("`") && value.endsWith("`"))
                ? value.substring(1, value.length() - 1) : value;
    }

    private record Row(String defaultValue, String description) {
    }

}
