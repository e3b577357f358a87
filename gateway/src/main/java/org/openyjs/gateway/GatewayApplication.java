package org.openyjs.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /**
     * Reactor Netty 1.2 stops reading a kept-alive connection when the next request arrives before the previous
     * request's operations have terminated (its answer completed on another thread, as a proxied one does): the
     * request is queued, the queue drains without asking for another read, and the request after it is never read
     * (reactor/reactor-netty#4347, not in a release we can use). With this switch the previous operations are ended
     * when the next request arrives, which is then handled at once. Reactor Netty reads it once, when the first
     * connection comes: hence here, before any server starts; a value given on the command line wins.
     */
    static final String END_PREVIOUS_REQUEST_ON_NEXT = "reactor.netty.http.server.lastFlushWhenNoRead";

    static {
        if (System.getProperty(END_PREVIOUS_REQUEST_ON_NEXT) == null) {
            System.setProperty(END_PREVIOUS_REQUEST_ON_NEXT, "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
