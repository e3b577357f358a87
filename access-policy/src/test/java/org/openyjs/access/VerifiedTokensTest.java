package org.openyjs.access;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    private record Token(String subject, Instant expiresAt) {
    }

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void a_verified_token_is_served_until_it_expires_and_not_at_or_after_its_expiry() {
        VerifiedTokens<Token> tokens = new VerifiedTokens<>(10, Token::expiresAt, now::get);
        Token ada = new Token("ada", Instant.parse("2026-11-22T10:05:00Z"));
        tokens.remember("a.b.c", ada);

        assertThat(tokens.get("a.b.c")).contains(ada);
        assertThat(tokens.get("a.b.d")).as("only the exact text verified").isEmpty();
        now.set(Instant.parse("2026-11-22T10:04:59Z"));
        assertThat(tokens.get("a.b.c")).contains(ada);
        now.set(Instant.parse("2026-11-22T10:05:00Z"));
        assertThat(tokens.get("a.b.c")).isEmpty();
        assertThat(tokens.size()).as("an expired token is dropped").isZero();
    }

    @Test
    void a_token_without_expiry_is_not_kept_and_a_full_cache_starts_again() {
        VerifiedTokens<Token> tokens = new VerifiedTokens<>(2, Token::expiresAt, now::get);
        tokens.remember("forever", new Token("x", null));
        assertThat(tokens.get("forever")).isEmpty();

        Instant later = Instant.parse("2026-11-22T11:00:00Z");
        tokens.remember("t1", new Token("1", later));
        tokens.remember("t2", new Token("2", later));
        tokens.remember("t3", new Token("3", later));
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.get("t3")).isPresent();
        assertThat(tokens.get("t1")).isEmpty();
    }
}
