package io.github.gradientspring.fleet;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the harness tells a member.
 * @param name the member's name in its report
 * @param callInterval the time between two of its application calls (a page of the job list)
 */
@ConfigurationProperties("member")
public record MemberProperties(String name, Duration callInterval) {
}
