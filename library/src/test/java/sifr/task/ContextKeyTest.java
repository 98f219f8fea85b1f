package sifr.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;

/** Sifr's {@code ContextKey[T]}: typed context values that travel to child tasks. */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextKeyTest {
    private static final ContextKey<String> REQUEST_ID = ContextKey.of("request_id", "none");

    @AfterEach
    void noTaskLeaks() {
        assertThat(TaskScope.liveTasks()).isZero();
    }

    @Test
    void anUnboundKeyReadsItsDefault() {
        assertThat(REQUEST_ID.get()).isEqualTo("none");
        assertThat(REQUEST_ID.name()).isEqualTo("request_id");
    }

    @Test
    void withContextBindsForTheBlockAndRestoresAfterwards() throws Exception {
        String inside = Task.withContext(REQUEST_ID, "abc123", REQUEST_ID::get);
        assertThat(inside).isEqualTo("abc123");
        assertThat(REQUEST_ID.get()).isEqualTo("none");
    }

    @Test
    void anInnerBindingShadowsTheOuterOne() throws Exception {
        Task.withContext(REQUEST_ID, "outer", () -> {
            assertThat(Task.withContext(REQUEST_ID, "inner", REQUEST_ID::get)).isEqualTo("inner");
            assertThat(REQUEST_ID.get()).isEqualTo("outer");
            return null;
        });
    }

    @Test
    void childrenSpawnedInsideInheritTheBinding() throws Exception {
        List<String> seen = Task.withContext(REQUEST_ID, "req-7", () -> {
            try (TaskScope scope = Task.scope()) {
                TaskHandle<String> child = scope.spawn(REQUEST_ID::get);
                TaskHandle<String> grandchild = scope.spawn(() -> {
                    try (TaskGroup group = Task.group()) {
                        return group.spawn(REQUEST_ID::get).join();
                    }
                });
                String viaFirstSuccess = Task.firstSuccess(List.of(REQUEST_ID::get));
                return List.of(child.join(), grandchild.join(), viaFirstSuccess);
            }
        });
        assertThat(seen).containsExactly("req-7", "req-7", "req-7");
    }

    @Test
    void aChildSpawnedOutsideTheBlockDoesNotSeeIt() throws Exception {
        try (TaskScope scope = Task.scope()) {
            TaskHandle<String> before = Task.withContext(REQUEST_ID, "req-8", () -> scope.spawn(REQUEST_ID::get));
            TaskHandle<String> after = scope.spawn(REQUEST_ID::get);
            assertThat(before.join()).isEqualTo("req-8"); // bound where it was spawned
            assertThat(after.join()).isEqualTo("none");
        }
    }
}
