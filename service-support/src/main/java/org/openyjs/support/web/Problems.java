package org.openyjs.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem bodies in one shape: a title, a detail and the fields at fault. */
public final class Problems {

    private Problems() {
    }

    /** One field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail of(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://openyjs.org/problems/" + slug(status)));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message()))
                    .toList());
        }
        return problem;
    }

    public static ProblemDetail field(HttpStatus status, String field, String message) {
        return of(status, field == null ? message : field + ": " + message,
                field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
