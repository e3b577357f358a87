package org.openyjs.support.axon;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps Axon's exceptions to problem responses: unknown aggregate 404, concurrent change 409. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class AxonProblemAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail notFound(AggregateNotFoundException e) {
        return Problems.field(HttpStatus.NOT_FOUND, null, "No record with id " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    public ProblemDetail alreadyExists(AggregateStreamCreationException e) {
        return Problems.field(HttpStatus.CONFLICT, null, "A record with this id already exists");
    }

    /** The user's change was based on an older version of the record: say which version it is at now. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    public ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = Problems.field(HttpStatus.CONFLICT, "If-Match", "the record is at version "
                + e.getActualVersion() + ", not " + e.getExpectedVersion() + "; reload it and apply the change again");
        problem.setProperty("currentVersion", e.getActualVersion());
        return ResponseEntity.status(HttpStatus.CONFLICT).eTag("\"" + e.getActualVersion() + "\"").body(problem);
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ProblemDetail conflict(ConcurrencyException e) {
        return Problems.field(HttpStatus.CONFLICT, null, "The record was changed meanwhile; reload it and try again");
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ProblemDetail failed(CommandExecutionException e) {
        if (e.getCause() instanceof DomainRefusal refusal) {
            return Problems.field(refusal.status(), refusal.field(), refusal.getMessage());
        }
        throw e;
    }
}
