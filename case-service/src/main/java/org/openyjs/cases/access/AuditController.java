package org.openyjs.cases.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The audit trail of access to children's records, by child or by user, newest first (admin only, at the gateway). */
@Tag(name = "Audit")
@RestController
@RequestMapping("/audit")
public class AuditController {

    private static final int LIMIT = 500;

    private final JdbcClient jdbc;

    public AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param access  READ or WRITE (null on entries from before writes were told apart)
     * @param status  the HTTP status of the answer (403: refused, e.g. a restricted record)
     * @param channel HTTP, or KAFKA / IMPORT for writes that did not come over HTTP
     */
    public record Access(Instant at, String user, String roles, String childId, String access, String action,
                         Integer status, String channel, String reason, String correlationId) {
    }

    @Operation(summary = "Who read or wrote a child's record, or what a user read or wrote (give childId or user)")
    @GetMapping("/case-access")
    public List<Access> access(@RequestParam(required = false) String childId,
                               @RequestParam(required = false) String user) {
        if ((childId == null) == (user == null)) {
            throw new DomainRefusal(childId == null ? "childId" : "user", "give exactly one of childId or user");
        }
        return jdbc.sql("""
                        SELECT at, user_name, roles, child_id, access, action, status, channel, reason, correlation_id
                        FROM case_access_audit
                        WHERE (CAST(:child AS VARCHAR) IS NULL OR child_id = :child)
                          AND (CAST(:user AS VARCHAR) IS NULL OR user_name = :user)
                        ORDER BY id DESC LIMIT :limit""")
                .param("child", childId).param("user", user).param("limit", LIMIT)
                .query((rs, n) -> new Access(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)))
                .list();
    }
}
