package org.openyjs.support.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.openyjs.support.web.RequestUser;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.lifecycle.Phase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Axon glue shared by the write-side services: who recorded a command travels into its events,
 * and Axon's exceptions become problem responses.
 */
@AutoConfiguration(before = JdbcAutoConfiguration.class)
@ConditionalOnClass(CommandBus.class)
@Import(AxonProblemAdvice.class)
public class AxonSupportAutoConfiguration {

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /** Business dates ("today") are English dates. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }

    /** Copies who recorded a command, and the request it came from, onto the events it causes. */
    @Bean
    public CorrelationDataProvider recordedByProvider() {
        return new SimpleCorrelationDataProvider(RecordingMetadata.RECORDED_BY, RecordingMetadata.REQUEST_CORRELATION_ID);
    }

    /**
     * Stamps each command sent while serving an HTTP request (or handling a Kafka record) with the user
     * the caller was authenticated as and the correlation id of the request.
     */
    @Bean
    public ConfigurerModule recordedByStamp() {
        MessageDispatchInterceptor<CommandMessage<?>> stamp = messages -> (index, command) -> {
            Map<String, Object> added = new HashMap<>();
            if (!command.getMetaData().containsKey(RecordingMetadata.RECORDED_BY)) {
                added.put(RecordingMetadata.RECORDED_BY, RequestUser.name().orElse(RecordingMetadata.SYSTEM));
            }
            if (!command.getMetaData().containsKey(RecordingMetadata.REQUEST_CORRELATION_ID)) {
                RequestUser.correlationId().ifPresent(id -> added.put(RecordingMetadata.REQUEST_CORRELATION_ID, id));
            }
            return added.isEmpty() ? command : command.andMetaData(added);
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INSTRUCTION_COMPONENTS + 1,
                () -> config.commandBus().registerDispatchInterceptor(stamp)));
    }
}
