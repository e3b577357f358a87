package org.openyjs.cases.access;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.openyjs.support.axon.RecordingMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audits the writes to a child's record that do not come over HTTP (panel decisions from Kafka, rows of
 * an import): the HTTP ones are audited by {@link CaseAccessAudit}. The row is written in the command's
 * own transaction, after the handler succeeded, so the trail holds a write exactly when its events do.
 * Rows are gathered in the root unit of work and written as one JDBC batch when it commits: an import
 * batch of a hundred rows is one round trip, not a hundred.
 */
@Configuration
public class CommandAudit {

    /** Command metadata naming where a write came from when not over HTTP: KAFKA or IMPORT. */
    public static final String CHANNEL = "channel";

    private static final String PENDING = CommandAudit.class.getName() + ".pending";

    /** Every case command is a record naming the child: its accessor, found once per command type. */
    private static final ClassValue<Optional<Method>> CHILD_ID = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method accessor = type.getMethod("childId");
                return type.isRecord() && accessor.getReturnType() == String.class ? Optional.of(accessor)
                        : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    @Bean
    public ConfigurerModule auditCommandsOutsideHttp(JdbcClient jdbc) {
        MessageHandlerInterceptor<CommandMessage<?>> audit = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes)) {
                record(jdbc, unitOfWork);
            }
            return result;
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INSTRUCTION_COMPONENTS + 1,
                () -> config.commandBus().registerHandlerInterceptor(audit)));
    }

    private static void record(JdbcClient jdbc, UnitOfWork<? extends CommandMessage<?>> unitOfWork) {
        CommandMessage<?> command = unitOfWork.getMessage();
        String childId = childId(command.getPayload());
        if (childId == null) {
            return;
        }
        Object user = command.getMetaData().getOrDefault(RecordingMetadata.RECORDED_BY, RecordingMetadata.SYSTEM);
        Object channel = command.getMetaData().getOrDefault(CHANNEL, "SYSTEM");
        UnitOfWork<?> root = unitOfWork.root();
        List<Object[]> pending = root.getOrComputeResource(PENDING, key -> {
            List<Object[]> rows = new ArrayList<>();
            root.onPrepareCommit(u -> write(jdbc, rows));
            return rows;
        });
        pending.add(new Object[] {CaseAccessAudit.truncate(String.valueOf(user), 255),
                CaseAccessAudit.truncate(childId, 64),
                CaseAccessAudit.truncate("COMMAND " + command.getPayloadType().getSimpleName(), 64),
                CaseAccessAudit.truncate(String.valueOf(channel), 16)});
    }

    /** One multi-row INSERT per 1,000 rows (PostgreSQL takes at most 65,535 parameters a statement). */
    private static void write(JdbcClient jdbc, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 1000) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 1000));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO case_access_audit (user_name, child_id, action, access, channel) VALUES ");
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'WRITE', ?)");
                params.addAll(List.of(chunk.get(i)));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    private static String childId(Object payload) {
        try {
            Optional<Method> accessor = CHILD_ID.get(payload.getClass());
            return accessor.isPresent() ? (String) accessor.get().invoke(payload) : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
