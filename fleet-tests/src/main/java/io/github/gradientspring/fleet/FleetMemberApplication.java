package io.github.gradientspring.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * One member of the fleet under test. Everything it needs comes from the command line: {@code --gradient.*} and
 * {@code --spring.data.redis.*} as any application on the starter, {@code --member.*} for the harness
 * ({@link MemberProperties}). It writes its HTTP port to the file the system property {@code member.port-file} names once it listens,
 * and with {@code -Dmember.exit-with-parent=true} exits when the process that started it ends.
 */
@SpringBootApplication
@EnableConfigurationProperties(MemberProperties.class)
public class FleetMemberApplication {

    /**
     * Names the member on every request it sends ({@code x-fleet-member}), so that the run's timeline of the
     * simulator's journal says which member listed which page when.
     * @param properties the member's name
     * @return the customizer of the client's WebClient
     */
    @Bean
    WebClientCustomizer memberHeader(MemberProperties properties) {
        return (builder) -> builder.defaultHeader("x-fleet-member", properties.name());
    }

    /**
     * Starts a member.
     * @param args Spring Boot's command-line properties
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FleetMemberApplication.class);
        String portFile = System.getProperty("member.port-file");
        if (portFile != null) {
            application.addListeners(new WebServerPortFileWriter(portFile));
        }
        if (Boolean.getBoolean("member.exit-with-parent")) {
            // Started by the fleet test: a member must not outlive it, even when the test's JVM is killed.
            ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        application.run(args);
    }

}
