package org.openyjs.gateway.protection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.channel.ChannelOperations;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks for the next read of a kept-alive connection that sits between requests without one. Reactor Netty 1.2 reads
 * only on demand, and after draining requests it had to queue (the client sent the next one before the previous
 * answer was done) it does not ask again (reactor/reactor-netty#4347, not in a release we can use): the request
 * after them was never read, and the client waited in vain. {@code GatewayApplication} switches off the usual way
 * into that queue; this catches the other (a client that pipelines) within {@code every}.
 */
final class ResumeIdleReads extends ChannelInboundHandlerAdapter {

    static final String NAME = "yjs.resumeIdleReads";

    private final Duration every;

    ResumeIdleReads(Duration every) {
        this.every = every;
    }

    // On being added, not on channelActive: added at the head of the pipeline, events past Reactor Netty's own last
    // handler never come here.
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ScheduledFuture<?> check = ctx.executor().scheduleWithFixedDelay(() -> {
            // No request in hand: reading can only bring the next one. A read asked for twice is still one read.
            if (ctx.channel().isActive() && ChannelOperations.get(ctx.channel()) == null) {
                ctx.channel().read();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> check.cancel(false));
    }
}
