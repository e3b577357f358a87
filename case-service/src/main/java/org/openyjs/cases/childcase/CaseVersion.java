package org.openyjs.cases.childcase;

import org.openyjs.support.web.DomainRefusal;

/**
 * The case version a change was based on, as the client sends it back in {@code If-Match}
 * (the {@code ETag} of {@code GET /cases/{id}}, which is the case's version).
 */
public final class CaseVersion {

    public static final String IF_MATCH = "If-Match";

    private CaseVersion() {
    }

    /** Null when the client sent none: the change applies to whatever version the case is at. */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new DomainRefusal(IF_MATCH, "must be the case version from the ETag of GET /cases/{childId}, e.g. \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
