package org.openyjs.support.web;

import org.springframework.http.HttpStatus;

/**
 * A command refused by a domain rule. Names the field at fault so the caller's problem response can
 * point at it; the status says whether the request was wrong (400) or the case's state forbids it (409).
 */
public class DomainRefusal extends RuntimeException {

    private final String field;
    private final HttpStatus status;

    public DomainRefusal(String field, String message) {
        this(field, message, HttpStatus.BAD_REQUEST);
    }

    public DomainRefusal(String field, String message, HttpStatus status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public static DomainRefusal conflict(String field, String message) {
        return new DomainRefusal(field, message, HttpStatus.CONFLICT);
    }

    public static DomainRefusal notFound(String field, String message) {
        return new DomainRefusal(field, message, HttpStatus.NOT_FOUND);
    }

    public String field() {
        return field;
    }

    public HttpStatus status() {
        return status;
    }
}
