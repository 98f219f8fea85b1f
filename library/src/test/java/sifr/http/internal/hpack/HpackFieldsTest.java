package sifr.http.internal.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;

class HpackFieldsTest {
    @Test
    void headerMapRoundTripsThroughHpackKeepingOctetsAndSensitivity() throws Exception {
        HeaderMap headers = HeaderMap.builder()
                .add("content-type", "text/plain")
                .add(HeaderName.of("x-utf8"), HeaderValue.of("caf\u00e9")) // UTF-8 octets c3 a9
                .add(HeaderName.of("x-obs"), HeaderValue.of(new byte[] {'a', (byte) 0xff}, 0, 2)) // not UTF-8
                .add(HeaderName.of("x-secret"), HeaderValue.sensitive("s3cr3t"))
                .build();
        HpackEncoder encoder = new HpackEncoder();
        GrowableBytes out = new GrowableBytes();
        encoder.startBlock(out);
        headers.forEach((n, v) -> encoder.field(n, v, out));

        HeaderMap.Builder decoded = HeaderMap.builder();
        List<Boolean> sensitivity = new ArrayList<>();
        new HpackDecoder(1 << 16, 1 << 16).decode(out.array(), 0, out.size(), (n, v, s) -> {
            decoded.add(HeaderName.of(n), HpackFields.toHeaderValue(v, s));
            sensitivity.add(s);
        });
        HeaderMap back = decoded.build();
        assertThat(back).isEqualTo(headers);
        assertThat(back.get("x-utf8")).contains("caf\u00e9");
        assertThat(back.getValue("x-obs").orElseThrow().bytes()).containsExactly('a', 0xff);
        assertThat(sensitivity).containsExactly(false, false, false, true);
        assertThat(back.getValue("x-secret").orElseThrow().isSensitive()).isTrue();
    }

    @Test
    void asciiValuesPassThroughAsTheSameString() {
        HeaderValue v = HeaderValue.of("gzip");
        assertThat(HpackFields.toOctets(v)).isSameAs(v.value());
        assertThat(HpackFields.toOctets(HeaderValue.of("\u00e9")).getBytes(StandardCharsets.ISO_8859_1))
                .containsExactly(0xc3, 0xa9);
    }
}
