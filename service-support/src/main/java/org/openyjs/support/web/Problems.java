package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
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

    /** Answers with the problem straight from a servlet filter or handler, where no controller advice applies. */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
