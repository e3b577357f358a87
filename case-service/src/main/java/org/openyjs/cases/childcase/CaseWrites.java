package org.openyjs.cases.childcase;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.util.function.Function;

import static java.nio.charset.StandardCharsets.UTF_8;

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
        return record(commands, ifMatch, command, location(childId), body);
    }

    /**
     * {@code /cases/{childId}/...} with each segment percent-encoded: a location is built before the command is
     * sent, and an id the case would refuse (spaces, quotes) must get that refusal, not a malformed URI.
     */
    public static URI location(String childId, String... more) {
        StringBuilder path = new StringBuilder("/cases/").append(UriUtils.encodePathSegment(childId, UTF_8));
        for (String segment : more) {
            path.append('/').append(UriUtils.encodePathSegment(segment, UTF_8));
        }
        return URI.create(path.toString());
    }

    public static <T> ResponseEntity<T> record(CommandGateway commands, String ifMatch,
                                               Function<Long, ?> command, URI location, T body) {
        commands.sendAndWait(command.apply(CaseVersion.fromIfMatch(ifMatch)));
        return ResponseEntity.created(location).body(body);
    }
}
