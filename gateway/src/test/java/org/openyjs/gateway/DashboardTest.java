package org.openyjs.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway serves the dashboard's static files to anyone, and still nothing else without a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardTest {

    @Autowired
    WebTestClient client;

    @Test
    void serves_the_entry_page_at_dashboard_slash_with_a_strict_content_security_policy() {
        String html = client.get().uri("/dashboard/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueMatches("Content-Security-Policy", ".*default-src 'self'.*script-src 'self';.*")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("<title>Youth justice KPI dashboard</title>", "<main id=\"main\"");

        client.get().uri("/dashboard").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().location("/dashboard/");
    }

    @Test
    void serves_the_modules_and_the_chart_library_the_page_names() {
        String html = client.get().uri("/dashboard/index.html").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher chart = Pattern.compile("src=\"\\.\\./(webjars/chart\\.js/[^\"]+/chart\\.umd\\.js)\"").matcher(html);
        assertThat(chart.find()).as("index.html loads Chart.js from the webjar: %s", html).isTrue();
        assertThat(chart.group(1)).doesNotContain("@");

        client.get().uri("/" + chart.group(1)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("Chart"));
        for (String module : new String[] {"app.js", "api.js", "board.js", "kpi.js", "people.js", "periods.js", "dom.js"}) {
            client.get().uri("/dashboard/" + module).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueMatches("Content-Type", "(text|application)/javascript.*");
        }
        client.get().uri("/dashboard/styles.css").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Type", "text/css.*");
    }

    @Test
    void opening_the_dashboard_opens_nothing_else() {
        client.get().uri("/api/kpi/rules").exchange().expectStatus().isUnauthorized();
        client.post().uri("/dashboard/index.html").exchange().expectStatus().isUnauthorized();
        client.get().uri("/webjars/other/1.0/x.js").exchange().expectStatus().isUnauthorized();
        client.get().uri("/dashboard/no-such-file.js").exchange().expectStatus().isNotFound();
    }
}
