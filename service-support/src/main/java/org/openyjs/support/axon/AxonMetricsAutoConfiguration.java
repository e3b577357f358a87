package org.openyjs.support.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/** Axon's metric registry with a bounded capacity window ({@link WindowedCapacityMetricRegistry}), in place of Axon's. */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({GlobalMetricRegistry.class, MeterRegistry.class})
public class AxonMetricsAutoConfiguration {

    @Bean
    public static GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry,
                                                            @Value("${yjs.axon-metrics.capacity-window}") Duration window) {
        return new WindowedCapacityMetricRegistry(meterRegistry, window);
    }
}
