package sifr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SharedDataTest {
    @Test
    void findsTheConformanceSuitesBesideTheCheckout() {
        assertThat(Files.isRegularFile(SharedData.conformance("url/urltestdata.json"))).isTrue();
        assertThat(SharedData.json(SharedData.conformance("url/urltestdata.json")).isArray()).isTrue();
    }
}
