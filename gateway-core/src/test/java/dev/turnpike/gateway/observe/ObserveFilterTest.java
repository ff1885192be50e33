package dev.turnpike.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;

/** Which errors count as the client going away rather than as gateway faults. */
class ObserveFilterTest {
    @Test
    void resetsAndWritesToAClosedConnectionAreClientAborts() {
        assertThat(ObserveFilter.clientAborted(null, AbortedException.beforeSend())).isTrue();
        assertThat(ObserveFilter.clientAborted(null, new IOException("Connection reset by peer"))).isTrue();
        assertThat(ObserveFilter.clientAborted(null, new IOException("Broken pipe"))).isTrue();
        assertThat(ObserveFilter.clientAborted(null, new ClosedChannelException())).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ObserveFilter.clientAborted(null, new IllegalStateException("a bug"))).isFalse();
        assertThat(ObserveFilter.clientAborted(null, new NullPointerException())).isFalse();
    }
}
