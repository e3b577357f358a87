package org.openyjs.panel.timeliness;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deadline manager the timeliness saga uses: Axon's in-memory one, on purpose. Deadlines are
 * days away and a restart forgets them, so {@link OverdueSweep} re-derives overdue cases from the
 * read model at start-up and daily; no extra scheduler (Quartz, db-scheduler) is needed for that.
 */
@Configuration
public class DeadlineConfiguration {

    @Bean
    public DeadlineManager deadlineManager(org.axonframework.config.Configuration axon,
                                           TransactionManager transactionManager) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactionManager)
                .build();
    }
}
