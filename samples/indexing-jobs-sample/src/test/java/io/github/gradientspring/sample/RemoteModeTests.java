package io.github.gradientspring.sample;

import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production application, with the test's simulator standing in for DigitalOcean: it starts no simulator of
 * its own (its jar carries none) and, unless asked, no job.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class,
        properties = "spring.main.web-application-type=none")
@AutoConfigureGradientSimulator(resetAfterEachTest = false)
@ExtendWith(OutputCaptureExtension.class)
class RemoteModeTests {

    @Autowired
    GradientSimulator simulator;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void startsNoJobAndNoSimulatorOfItsOwn(CapturedOutput output) {
        assertThat(this.simulator.journal().total()).isZero();
        assertThat(this.context.getBeansOfType(GradientSimulator.class)).hasSize(1);
        assertThat(this.context.getBean(SampleProperties.class).getDemo().isEnabled()).isFalse();
        // This test class alone has this configuration, so its context started inside the capture.
        assertThat(output.getOut()).contains("The client talks to " + this.simulator.baseUrl() + ".")
            .contains("The demo is off: it would start real indexing jobs. Set sample.demo.enabled=true");
    }

}
