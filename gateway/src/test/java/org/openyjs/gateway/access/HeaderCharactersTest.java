package org.openyjs.gateway.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick header checks answer exactly as Spring Security's strict firewall would, character by character. */
class HeaderCharactersTest {

    @Test
    void every_character_is_judged_as_the_strict_firewall_judges_it() {
        List<String> disagreements = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            for (String text : List.of(String.valueOf((char) c), "Bearer a" + (char) c + "b")) {
                if (HeaderCharacters.NAMES.test(text) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text)) {
                    disagreements.add("name with U+" + Integer.toHexString(c));
                }
                if (HeaderCharacters.VALUES.test(text) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text)) {
                    disagreements.add("value with U+" + Integer.toHexString(c));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void control_characters_are_still_refused_and_a_tab_only_in_values() {
        assertThat(HeaderCharacters.VALUES.test("a\u0085b")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\u007Fb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\u0000b")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("caf\u00e9")).isTrue();
    }
}
