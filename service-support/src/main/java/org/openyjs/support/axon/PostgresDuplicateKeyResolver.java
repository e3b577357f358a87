package org.openyjs.support.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon when PostgreSQL refused an append because the aggregate sequence number is taken.
 * Axon's default resolver reads vendor error codes, which PostgreSQL leaves at 0, so without this
 * a concurrent edit or a re-used child id surfaces as a generic storage failure instead of a conflict.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
