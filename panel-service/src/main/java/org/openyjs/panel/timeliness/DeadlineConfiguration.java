package org.openyjs.panel.timeliness;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deadline manager the panel's sagas use: Axon's {@link DbSchedulerDeadlineManager}, which keeps
 * each deadline as a row in PostgreSQL ({@code scheduled_tasks}, db-scheduler's table), so a deadline
 * set weeks before a restart still fires after it. The scheduler's connection joins the saga's
 * transaction: a deadline is stored only if the event that set it was handled.
 */
@Configuration
public class DeadlineConfiguration {

    /** Holds the scheduler so it starts after Axon (sagas can take deadlines) and stops before it. */
    public static final class DeadlineScheduler implements SmartLifecycle {

        private final Scheduler scheduler;
        private final DbSchedulerDeadlineManager deadlineManager;
        private volatile boolean running;

        DeadlineScheduler(Scheduler scheduler, DbSchedulerDeadlineManager deadlineManager) {
            this.scheduler = scheduler;
            this.deadlineManager = deadlineManager;
        }

        public DbSchedulerDeadlineManager deadlineManager() {
            return deadlineManager;
        }

        @Override
        public void start() {
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            scheduler.stop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SpringAxonConfiguration.LIFECYCLE_PHASE + 1024;
        }
    }

    @Bean
    public DeadlineScheduler deadlineScheduler(DataSource dataSource, org.axonframework.config.Configuration axon,
                                               Serializer serializer, TransactionManager transactionManager,
                                               @Value("${panel.deadlines.polling-interval}") Duration pollingInterval,
                                               @Value("${panel.deadlines.threads}") int threads) {
        AtomicReference<DbSchedulerDeadlineManager> manager = new AtomicReference<>();
        Scheduler scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        DbSchedulerDeadlineManager.binaryTask(manager::get))
                .pollingInterval(pollingInterval)
                .threads(threads)
                .build();
        manager.set(DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false) // DeadlineScheduler starts and stops it with the Spring context
                .stopScheduler(false)
                .build());
        return new DeadlineScheduler(scheduler, manager.get());
    }

    @Bean
    public DeadlineManager deadlineManager(DeadlineScheduler deadlineScheduler) {
        return deadlineScheduler.deadlineManager();
    }
}
