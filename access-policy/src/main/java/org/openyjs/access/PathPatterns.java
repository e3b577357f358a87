package org.openyjs.access;

/**
 * The small pattern language of the matrix, kept deliberately simpler than Spring's so the gateway
 * (WebFlux) and the services (servlet) match a path the same way: {@code *} is exactly one non-empty
 * segment, a final {@code /**} is the path itself or anything below it, all else is literal.
 */
final class PathPatterns {

    private PathPatterns() {
    }

    static void check(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("A pattern starts with /: " + pattern);
        }
        int wildcard = pattern.indexOf("**");
        if (wildcard >= 0 && (wildcard != pattern.length() - 2 || !pattern.endsWith("/**"))) {
            throw new IllegalArgumentException("** may only end a pattern, as /**: " + pattern);
        }
    }

    static boolean matches(String pattern, String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        String[] want = segments(pattern);
        String[] have = segments(path);
        boolean rest = want.length > 0 && want[want.length - 1].equals("**");
        int fixed = rest ? want.length - 1 : want.length;
        if (rest ? have.length < fixed : have.length != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            boolean any = want[i].equals("*") && !have[i].isEmpty();
            if (!any && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    // "/" has no segments; "/a/b" has two. A trailing slash makes an empty last segment, which no
    // literal matches, so "/kpi/rules/" is not "/kpi/rules" (the services do not treat it as one either).
    private static String[] segments(String path) {
        return path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    }
}
