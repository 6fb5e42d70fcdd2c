package io.github.gradientspring.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

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
