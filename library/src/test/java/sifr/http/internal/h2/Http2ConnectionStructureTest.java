package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.testing.MemoryByteStreams;

/**
 * The shape of the HTTP/2 connection core (issue 16): one model with one lock owner, split by
 * concern, roles that hold a connection instead of extending it, lock preconditions asserted (and
 * assertions on in tests), and one helper for the content-length and body-limit rules.
 */
class Http2ConnectionStructureTest {
    private static final Path H2 = Path.of("src/main/java/sifr/http/internal/h2");

    @Test
    void everyHttp2SourceFileStaysUnderSixHundredLines() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path f : sources()) {
            long lines = Files.readAllLines(f).size();
            if (lines > 600) {
                over.add(f.getFileName() + ": " + lines);
            }
        }
        assertThat(over).as("HTTP/2 files over 600 lines").isEmpty();
    }

    @Test
    void lockPreconditionsAreAssertedNotCommented() throws IOException {
        List<String> commented = new ArrayList<>();
        int asserted = 0;
        for (Path f : sources()) {
            String code = Files.readString(f);
            if (code.contains("Under lock")) {
                commented.add(f.getFileName().toString());
            }
            asserted += code.split("assert lock.isHeldByCurrentThread\\(\\)", -1).length - 1;
        }
        assertThat(commented).as("files that state a lock precondition in a comment").isEmpty();
        assertThat(asserted).as("asserted lock preconditions").isGreaterThanOrEqualTo(19);
    }

    @Test
    void testsRunWithAssertionsEnabled() {
        boolean enabled = false;
        assert enabled = true; // only runs with -ea
        assertThat(enabled).as("surefire's -ea (the lock assertions are checked by every test)").isTrue();
    }

    @Test
    void aLockPreconditionFailsWhenTheLockIsNotHeld() throws IOException {
        var pair = MemoryByteStreams.pair();
        Http2Connection c = new Http2Connection(pair.server(), Http2Config.SERVER_DEFAULT, new QuietRole(),
                sifr.net.internal.NanoClock.SYSTEM);
        ReentrantLock lock = c.lock;
        H2Stream s = new H2Stream(1, 65_535, 65_535, 65_535, lock.newCondition());
        assertThatThrownBy(() -> c.dropQueued(s)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> c.streams.size()).isInstanceOf(AssertionError.class);
        lock.lock();
        try {
            c.dropQueued(s); // held: fine
            assertThat(c.streams.size()).isZero();
        } finally {
            lock.unlock();
        }
        pair.server().close();
    }

    @Test
    void serverAndClientHoldAConnectionInsteadOfExtendingIt() {
        assertThat(Http2ServerConnection.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(Http2ClientConnection.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(java.lang.reflect.Modifier.isFinal(Http2Connection.class.getModifiers())).isTrue();
    }

    @Test
    void theLengthMismatchMessageIsBuiltInOnePlace() throws IOException {
        int places = 0;
        int contentLengthChecks = 0;
        for (Path f : sources()) {
            String code = Files.readString(f);
            places += code.split("body does not match its length", -1).length - 1;
            contentLengthChecks += code.split("DATA does not match content-length", -1).length - 1;
        }
        assertThat(places).isEqualTo(1);
        assertThat(contentLengthChecks).as("DATA against content-length: on DATA and at trailers").isEqualTo(2);
    }

    @Test
    void aDeclaredLengthIsCheckedAgainstDataAndTrailers() throws Http2Error {
        H2Stream s = new H2Stream(1, 65_535, 65_535, 65_535, new ReentrantLock().newCondition());
        assertThat(H2Message.head(s, 5, false, 100)).isFalse();
        assertThat(H2Message.data(s, 3, false)).isNull();
        assertThat(H2Message.data(s, 3, false)).isEqualTo("DATA does not match content-length");

        H2Stream early = new H2Stream(3, 65_535, 65_535, 65_535, new ReentrantLock().newCondition());
        H2Message.head(early, 5, false, 100);
        H2Message.data(early, 4, false);
        FieldBlock trailers = new FieldBlock();
        trailers.reset();
        assertThatThrownBy(() -> H2Message.trailers(early, true, trailers))
                .isInstanceOf(Http2Error.class).hasMessageContaining("DATA does not match content-length");
    }

    @Test
    void headRulesCoverEndStreamNoContentAndTheLimit() throws Http2Error {
        H2Stream ended = new H2Stream(1, 65_535, 65_535, 65_535, new ReentrantLock().newCondition());
        assertThatThrownBy(() -> H2Message.head(ended, 5, true, 100))
                .isInstanceOf(Http2Error.class).hasMessageContaining("content-length without DATA");

        H2Stream head = new H2Stream(3, 65_535, 65_535, 65_535, new ReentrantLock().newCondition());
        head.noContent = true; // a response to HEAD: the length describes what GET would carry
        assertThat(H2Message.head(head, 500, true, 100)).isFalse();
        assertThat(head.inboundEnded).isTrue();
        assertThat(H2Message.data(head, 1, true)).isEqualTo("DATA in a message without content");

        H2Stream big = new H2Stream(5, 65_535, 65_535, 65_535, new ReentrantLock().newCondition());
        assertThat(H2Message.head(big, 101, false, 100)).isTrue();

        HeaderMap bad = HeaderMap.builder().add("content-length", "x").build();
        assertThatThrownBy(() -> H2Message.declaredLength(7, bad, "malformed response: "))
                .isInstanceOf(Http2Error.class).hasMessage("malformed response: invalid content-length");
    }

    @Test
    void aBodySentIsCheckedAgainstItsDeclaredLength() throws HttpError {
        H2Message.checkSent(10, 4, false, "request");
        H2Message.checkSent(10, 10, true, "request");
        H2Message.checkSent(-1, 99, true, "request");
        assertThatThrownBy(() -> H2Message.checkSent(10, 11, false, "response"))
                .isInstanceOf(HttpError.class).hasMessage("HTTP/2 response body does not match its length");
        assertThatThrownBy(() -> H2Message.checkSent(10, 9, true, "request"))
                .isInstanceOf(HttpError.class).hasMessage("HTTP/2 request body does not match its length");
    }

    private static List<Path> sources() throws IOException {
        assertThat(H2).isDirectory();
        try (Stream<Path> files = Files.list(H2)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** A role that is never asked anything in these tests. */
    private static final class QuietRole implements Http2Role {
        @Override
        public Http2Reader.Role side() {
            return Http2Reader.Role.SERVER;
        }

        @Override
        public String inboundName() {
            return "request";
        }

        @Override
        public String outboundName() {
            return "response";
        }

        @Override
        public void peerStream(int id, boolean endStream, FieldBlock f) {
        }

        @Override
        public void streamHeaders(H2Stream s, boolean endStream, FieldBlock f) {
        }

        @Override
        public boolean acceptsData(H2Stream s) {
            return true;
        }

        @Override
        public void bodyLimitExceeded(H2Stream s) {
        }

        @Override
        public IOException resetByPeer(H2Stream s, long errorCode, HttpError plain) {
            return plain;
        }

        @Override
        public void bodyClosed(H2Stream s) {
        }
    }
}
