package org.openyjs.gateway.protection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection in stages (RFC 9112, section 9.6): when the gateway closes one while the request may still be
 * arriving (a 413 before the body is read, a 431 for headers too large, a 400 for a request it cannot parse), the
 * answer goes out, then the sending side is shut, and what the client still sends is read and dropped until it
 * closes too, for at most {@code linger}. Closed at once with bytes unread, the kernel answers them with a reset,
 * which can destroy the answer before the client has read it: the fuzzer's "header parser received no bytes".
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "yjs.lingeringClose";

    private final Duration linger;
    private boolean lingering;

    LingeringClose(Duration linger) {
        this.linger = linger;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering || !(ctx.channel() instanceof DuplexChannel channel) || !channel.isActive()
                || channel.isInputShutdown() || channel.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        // Closes are asked for once the answer is written, so nothing queued is lost by shutting the output.
        channel.shutdownOutput().addListener(shut -> {
            if (!shut.isSuccess()) {
                ctx.close(promise);
                return;
            }
            channel.config().setAutoRead(true);
            ScheduledFuture<?> giveUp = ctx.executor().schedule(() -> {
                ctx.close(promise);
            }, linger.toMillis(), TimeUnit.MILLISECONDS);
            // The client closing its side ends the channel (no half-closure), and with it the wait.
            channel.closeFuture().addListener(closed -> {
                giveUp.cancel(false);
                promise.trySuccess();
            });
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
