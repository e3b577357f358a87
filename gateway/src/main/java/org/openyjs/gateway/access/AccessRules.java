package org.openyjs.gateway.access;

import org.openyjs.access.AccessPolicy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who may call what: the platform's role matrix ({@link AccessPolicy#gateway()}, module access-policy),
 * the same one every service applies to its own paths. The first matching rule wins, and anything not
 * listed is denied, so a new downstream endpoint stays shut until a rule names it.
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final AccessPolicy policy = AccessPolicy.gateway();

    @Override
    public Mono<AuthorizationDecision> check(Mono<Authentication> authentication, AuthorizationContext context) {
        var request = context.getExchange().getRequest();
        // Decoded, as the service will route it: matching the raw path would let an encoded letter
        // (/api/cases/1/vict%69ms) slip past a narrower rule into a broader one.
        String path = UriUtils.decode(request.getPath().pathWithinApplication().value(), StandardCharsets.UTF_8);
        String method = request.getMethod().name();
        return authentication
                .filter(caller -> caller instanceof JwtAuthenticationToken && caller.isAuthenticated())
                .map(caller -> policy.allows(method, path, true,
                        caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()))
                .defaultIfEmpty(policy.allows(method, path, false, List.of()))
                .map(AuthorizationDecision::new);
    }
}
