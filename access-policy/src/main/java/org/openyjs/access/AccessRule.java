package org.openyjs.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of the role matrix: which methods (none = any) on which path patterns, and who may call them.
 * Patterns are service paths (no {@code /api}): literal segments, {@code *} for one segment and a
 * trailing {@code /**} for the path itself and anything below it.
 */
public record AccessRule(Set<String> methods, List<String> patterns, Who who, Set<Role> roles) {

    /** Who a rule lets through. */
    public enum Who {
        /** No token needed: health probes, metrics scraping, the OpenAPI document, the dashboard's files. */
        ANYONE,
        /** Any valid token, whatever its roles. */
        SIGNED_IN,
        /** A valid token with at least one of the rule's roles. */
        ROLES,
        /** Nobody: what no rule names. */
        NOBODY
    }

    public AccessRule {
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        patterns = List.copyOf(patterns);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        for (String pattern : patterns) {
            PathPatterns.check(pattern);
        }
    }

    static final AccessRule DENY = new AccessRule(Set.of(), List.of("/**"), Who.NOBODY, Set.of());

    public boolean matches(String method, String path) {
        return (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT)))
                && patterns.stream().anyMatch(pattern -> PathPatterns.matches(pattern, path));
    }

    /** Whether a caller with these roles may pass; {@code signedIn} is false for a request without a valid token. */
    public boolean allows(boolean signedIn, Set<Role> callerRoles) {
        return switch (who) {
            case ANYONE -> true;
            case SIGNED_IN -> signedIn;
            case ROLES -> signedIn && callerRoles.stream().anyMatch(roles::contains);
            case NOBODY -> false;
        };
    }

    /** The same rule for the gateway, whose public paths are {@code /api} followed by the service path. */
    AccessRule prefixed(String prefix) {
        return new AccessRule(methods, patterns.stream().map(p -> prefix + p).toList(), who, roles);
    }

    @Override
    public String toString() {
        String on = methods.isEmpty() ? "ANY" : String.join(",", methods);
        String by = who == Who.ROLES ? roles.toString() : who.name();
        return on + " " + patterns + " -> " + by;
    }

    static Set<String> methods(String... methods) {
        return Arrays.stream(methods).collect(Collectors.toUnmodifiableSet());
    }
}
