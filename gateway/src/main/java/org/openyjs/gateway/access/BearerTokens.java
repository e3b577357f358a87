package org.openyjs.gateway.access;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes the bearer token from the {@code Authorization} header as Spring Security's converter does, without its
 * regular expression (case-insensitive, over the whole token) on every request. A header of exactly the form that
 * converter accepts ({@code Bearer}, any case, one space, then RFC 6750's b64token) gives its token at once;
 * anything else goes to Spring's converter, which refuses or ignores it as before. Tokens in the query or the body
 * stay off (Spring's defaults), so the header is the only place a token can come from.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer ";

    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token = wellFormed(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return token != null ? Mono.just(new BearerTokenAuthenticationToken(token)) : spring.convert(exchange);
    }

    /** The token of a header Spring's pattern {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive) accepts, else null. */
    static String wellFormed(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()) {
            return null;
        }
        for (int i = 0; i < SCHEME.length(); i++) {
            // ASCII case only, as the pattern without UNICODE_CASE.
            char c = authorization.charAt(i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != SCHEME.charAt(i)) {
                return null;
            }
        }
        int i = SCHEME.length();
        int end = authorization.length();
        while (i < end && tokenCharacter(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return null;
        }
        while (i < end && authorization.charAt(i) == '=') {
            i++;
        }
        return i == end ? authorization.substring(SCHEME.length()) : null;
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
