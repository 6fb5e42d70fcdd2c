package io.github.gradientspring.autoconfigure.health;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.fleet.GradientFleet;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.MethodMetadata;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the {@code gradient}
 * health contributor, when Spring Boot's health module is present and {@code management.health.gradient.enabled}
 * is not {@code false}.
 * <p>
 * Like Spring Boot's indicators for several connection factories or Redis connections, there is one
 * {@link GradientHealthIndicator} per {@link IndexingJobsClient} bean, each probing that client itself (no second
 * client is built, so no second request budget is spent): with one client the component is {@code gradient}; with
 * several, {@code gradient} is a composite whose components are named after the client beans. The auto-configured
 * client's indicator reports the base URL of the {@link GradientConnectionDetails} it was built with; the
 * application's own client beans report none, because only the application knows where they point. In fleet mode
 * (a {@link GradientFleet} bean) each also shows a {@code fleet} detail: the member, the fleet's size, the leases it
 * holds and whether it is degraded.
 */
@AutoConfiguration(after = GradientAutoConfiguration.class)
@ConditionalOnClass({ IndexingJobsClient.class, ReactiveHealthIndicator.class,
        ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(IndexingJobsClient.class)
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("gradient")
@EnableConfigurationProperties(GradientHealthProperties.class)
public final class GradientHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "gradientHealthIndicator", "gradientHealthContributor" })
    ReactiveHealthContributor gradientHealthContributor(ConfigurableListableBeanFactory beanFactory,
            GradientHealthProperties health, ObjectProvider<GradientConnectionDetails> connectionDetails,
            ObjectProvider<GradientFleet> fleet) {
        GradientFleet joined = fleet.getIfUnique();
        Map<String, GradientHealthIndicator> indicators = new LinkedHashMap<>();
        for (String name : beanFactory.getBeanNamesForType(IndexingJobsClient.class, false, true)) {
            if (beanFactory.containsBeanDefinition(name)
                    && !beanFactory.getBeanDefinition(name).isAutowireCandidate()) {
                continue;
            }
            IndexingJobsClient client = beanFactory.getBean(name, IndexingJobsClient.class);
            // The client's own base URL; for a client that does not say (another implementation), the connection
            // details' when it is the auto-configured one.
            URI clientBaseUrl = client.baseUrl();
            String baseUrl = (clientBaseUrl != null) ? clientBaseUrl.toString()
                    : isAutoConfigured(beanFactory, name) ? baseUrl(connectionDetails) : null;
            GradientHealthIndicator indicator = new GradientHealthIndicator(client, baseUrl, health.getTimeout(),
                    health.getCacheTtl());
            // Every client built from the starter's builders joined the fleet bean.
            indicator.setFleet(joined);
            indicators.put(name, indicator);
        }
        if (indicators.size() == 1) {
            return indicators.values().iterator().next();
        }
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }

    private static @Nullable String baseUrl(ObjectProvider<GradientConnectionDetails> connectionDetails) {
        GradientConnectionDetails details = connectionDetails.getIfUnique();
        return (details != null) ? details.baseUrl() : null;
    }

    // Whether the bean is the client GradientAutoConfiguration built from the connection details.
    private static boolean isAutoConfigured(ConfigurableListableBeanFactory beanFactory, String name) {
        if (!beanFactory.containsBeanDefinition(name)) {
            return false;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(name);
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            return factoryMethod != null
                    && GradientAutoConfiguration.class.getName().equals(factoryMethod.getDeclaringClassName());
        }
        return false;
    }

}
