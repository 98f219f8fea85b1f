package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketAddrTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1:80",
        "::1, [::1]:80",
        "::, [::]:80",
        "2001:db8:0:0:0:0:2:1, [2001:db8::2:1]:80",
        "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:80",
        "2001:0:0:1:0:0:0:1, [2001:0:0:1::1]:80",
        "fe80:0:0:0:0:0:0:0, [fe80::]:80",
    })
    void printsCanonicalLiterals(String literal, String expected) throws Exception {
        assertThat(new SocketAddr(InetAddress.getByName(literal), 80).toString()).isEqualTo(expected);
    }
}
