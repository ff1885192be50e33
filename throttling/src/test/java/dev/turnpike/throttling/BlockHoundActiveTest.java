package dev.turnpike.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves the other tests' silence about blocking means something: BlockHound is installed in this module. */
class BlockHoundActiveTest {

    @Test
    void blockingOnANonBlockingThreadFails() {
        Mono<Object> sleeping = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return (Object) "slept";
        }).subscribeOn(Schedulers.parallel());
        StepVerifier.create(sleeping)
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("Blocking call"))
                .verify(Duration.ofSeconds(5));
    }
}
