package sifr.cli;

import java.util.List;
import sifr.http.BodyError;
import sifr.http.Http;

/** The seed's body-limit check: collecting 4 bytes under a 2-byte limit fails with a BodyError. */
final class BodyLimitStep implements DemoStep {

    @Override
    public String title() {
        return "body limit";
    }

    @Override
    public String run() throws Exception {
        try {
            Http.bodyFromChunks(List.of(HttpSubstrateStep.ascii("abcd"))).collectWithLimit(2);
        } catch (BodyError e) {
            if (!e.isLimitExceeded()) {
                throw e;
            }
            return "4 bytes under collectWithLimit(2) -> BodyError: " + e.getMessage();
        }
        throw new IllegalStateException("collectWithLimit(2) accepted 4 bytes");
    }
}
