package org.openyjs.gateway.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer token is taken from exactly the headers Spring Security's converter takes it from, and no others. */
class BearerTokensTest {

    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
    private final ServerAuthenticationConverter ours = new BearerTokens();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc", "bEaReR abc==",
            "Bearer abc=", "Bearer abc=d", "Bearer =", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", " Bearer abc",
            "Bearer ab c", "Bearer abc\n", "Bearer\tabc", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearerabc", "bearer: abc",
            "Bearer a\u017Fb", "Bearer \u212Aey", "", "Token abc"})
    void each_header_gives_what_spring_security_gives(String authorization) {
        assertThat(outcome(ours, authorization)).isEqualTo(outcome(spring, authorization));
    }

    @Test
    void a_request_without_the_header_is_anonymous_for_both() {
        assertThat(outcome(ours, null)).isEqualTo("anonymous").isEqualTo(outcome(spring, null));
    }

    @Test
    void every_character_in_a_token_is_accepted_or_refused_as_spring_security_does() {
        // 262,144 headers, each through both converters: on both cores, one exchange per header (neither converter
        // changes it), or the sweep took 46 s of every build.
        List<String> disagreements = IntStream.rangeClosed(0, Character.MAX_VALUE).parallel().mapToObj(c -> (char) c)
                .flatMap(c -> Stream.of("Bearer a" + c + "b", "Bearer " + c, "Bearer a=" + c, c + "earer abc")
                        .filter(header -> {
                            MockServerWebExchange exchange = exchange(header);
                            return !outcomeFor(ours, exchange).equals(outcomeFor(spring, exchange));
                        })
                        .map(header -> "U+" + Integer.toHexString(c) + " in " + header))
                .toList();
        assertThat(disagreements).isEmpty();
    }

    private static String outcome(ServerAuthenticationConverter converter, String authorization) {
        return outcomeFor(converter, exchange(authorization));
    }

    private static MockServerWebExchange exchange(String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/cases");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return MockServerWebExchange.from(request);
    }

    private static String outcomeFor(ServerAuthenticationConverter converter, MockServerWebExchange exchange) {
        try {
            Authentication authentication = converter.convert(exchange)
                    .map(Authentication.class::cast).onErrorResume(OAuth2AuthenticationException.class,
                            e -> Mono.error(new IllegalStateException("refused: " + e.getError().getErrorCode()
                                    + " " + e.getError().getDescription())))
                    .block();
            return authentication == null ? "anonymous"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
