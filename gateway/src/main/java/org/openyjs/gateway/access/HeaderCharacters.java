package org.openyjs.gateway.access;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import java.util.function.Predicate;

/**
 * Spring Security's firewall rules for header names and values (no unassigned or control characters; a
 * value may hold a tab), answered without a regular expression when every character is printable ASCII,
 * as in nearly every request; anything else goes to Spring's own check. The firewall checks a header each
 * time anything reads it, and a proxied request's headers are read several times, the bearer token (about
 * 800 characters) among them: the expressions were a tenth of the gateway's CPU.
 */
final class HeaderCharacters {

    static final Predicate<String> NAMES = asciiFirst(false, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
    static final Predicate<String> VALUES = asciiFirst(true, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);

    private HeaderCharacters() {
    }

    private static Predicate<String> asciiFirst(boolean tabAllowed, Predicate<String> strict) {
        return text -> (text != null && printableAscii(text, tabAllowed)) || strict.test(text);
    }

    // Space to tilde: assigned, and none of them a control character.
    private static boolean printableAscii(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < ' ' || c > '~') && !(tabAllowed && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
