package org.openyjs.support.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** A service's event processors keep the segment count configured for them (see {@link SegmentsMergedToConfiguredCount}). */
@AutoConfiguration(after = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class, EventProcessingAutoConfiguration.class})
@ConditionalOnClass(TokenStore.class)
@ConditionalOnBean(TokenStore.class)
public class ProcessorSegmentsAutoConfiguration {

    @Bean
    public SegmentsMergedToConfiguredCount segmentsMergedToConfiguredCount(EventProcessorProperties properties,
                                                                           EventProcessingConfiguration processing,
                                                                           TokenStore tokenStore,
                                                                           TransactionManager transactions) {
        return new SegmentsMergedToConfiguredCount(properties, processing, tokenStore, transactions);
    }
}
