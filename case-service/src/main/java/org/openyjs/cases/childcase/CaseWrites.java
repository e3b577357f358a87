package org.openyjs.cases.childcase;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.function.Function;

/**
 * How a controller records one fact on a child's case: the command is built for the case version the
 * client's change was based on ({@code If-Match}; none: whatever the version is), sent and waited for,
 * and the answer is 201 Created pointing at the case.
 */
public final class CaseWrites {

    private CaseWrites() {
    }

    public static <T> ResponseEntity<T> record(CommandGateway commands, String ifMatch,
                                               Function<Long, ?> command, String childId, T body) {
        return record(commands, ifMatch, command, URI.create("/cases/" + childId), body);
    }

    public static <T> ResponseEntity<T> record(CommandGateway commands, String ifMatch,
                                               Function<Long, ?> command, URI location, T body) {
        commands.sendAndWait(command.apply(CaseVersion.fromIfMatch(ifMatch)));
        return ResponseEntity.created(location).body(body);
    }
}
