package io.github.gradientspring.benchmarks.startup;

import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The smallest Spring Boot application: no beans of its own, auto-configuration on, no web server. Loaded by
 * {@link StartupBenchmark} from a class path with or without the starter; it refers to nothing of this library, so
 * the same class serves both.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApp {

    static final String CLIENT_TYPE = "io.github.gradientspring.client.IndexingJobsClient";

    /**
     * Starts and closes the application once and prints how long that took; for looking at one start by hand, for
     * example {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/startup/with-starter.classpath)
     * io.github.gradientspring.benchmarks.startup.StartupApp}.
     * @param args none
     */
    public static void main(String[] args) {
        long started = System.nanoTime();
        String what = startAndClose();
        System.out.printf("%.1f ms: %s%n", (System.nanoTime() - started) / 1e6, what);
    }

    /**
     * Starts the application and closes it.
     * @return what started: the number of beans and of {@code IndexingJobsClient} beans, and the auto-configurations
     * the class path offers
     */
    public static String startAndClose() {
        ClassLoader loader = StartupApp.class.getClassLoader();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApp.class)
            .web(WebApplicationType.NONE)
            .properties("gradient.access-token=x", "gradient.base-url=http://127.0.0.1:1",
                    "spring.main.banner-mode=off")
            .run()) {
            int clients = ClassUtils.isPresent(CLIENT_TYPE, loader)
                    ? context.getBeanNamesForType(ClassUtils.resolveClassName(CLIENT_TYPE, loader)).length : 0;
            List<String> candidates = ImportCandidates.load(AutoConfiguration.class, loader).getCandidates();
            long foreign = candidates.stream()
                .filter((name) -> !name.startsWith("org.springframework.boot.autoconfigure."))
                .count();
            return "beans=" + context.getBeanDefinitionCount() + " clients=" + clients + " foreignAutoConfigurations="
                    + foreign;
        }
    }

}
