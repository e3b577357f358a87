package org.openyjs.cases.access;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.openyjs.support.axon.RecordingMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audits the writes to a child's record that do not come over HTTP (panel decisions from Kafka, rows of
 * an import): the HTTP ones are audited by {@link CaseAccessAudit}. The row is written in the command's
 * own transaction, after the handler succeeded, so the trail holds a write exactly when its events do.
 */
@Configuration
public class CommandAudit {

    /** Command metadata naming where a write came from when not over HTTP: KAFKA or IMPORT. */
    public static final String CHANNEL = "channel";

    @Bean
    public ConfigurerModule auditCommandsOutsideHttp(JdbcClient jdbc) {
        MessageHandlerInterceptor<CommandMessage<?>> audit = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes)) {
                record(jdbc, unitOfWork.getMessage());
            }
            return result;
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INSTRUCTION_COMPONENTS + 1,
                () -> config.commandBus().registerHandlerInterceptor(audit)));
    }

    private static void record(JdbcClient jdbc, CommandMessage<?> command) {
        String childId = childId(command.getPayload());
        if (childId == null) {
            return;
        }
        Object user = command.getMetaData().getOrDefault(RecordingMetadata.RECORDED_BY, RecordingMetadata.SYSTEM);
        Object channel = command.getMetaData().getOrDefault(CHANNEL, "SYSTEM");
        jdbc.sql("""
                        INSERT INTO case_access_audit (user_name, child_id, action, access, channel)
                        VALUES (:user, :child, :action, 'WRITE', :channel)""")
                .param("user", CaseAccessAudit.truncate(String.valueOf(user), 255))
                .param("child", CaseAccessAudit.truncate(childId, 64))
                .param("action", CaseAccessAudit.truncate("COMMAND " + command.getPayloadType().getSimpleName(), 64))
                .param("channel", CaseAccessAudit.truncate(String.valueOf(channel), 16))
                .update();
    }

    /** Every case command is a record naming the child. */
    private static String childId(Object payload) {
        try {
            return payload.getClass().isRecord()
                    ? (String) payload.getClass().getMethod("childId").invoke(payload) : null;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }
}
