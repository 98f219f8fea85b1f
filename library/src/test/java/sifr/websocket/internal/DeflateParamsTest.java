package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7692 §5 and §7.1 negotiation, from both sides. */
class DeflateParamsTest {
    @Test
    void rfc7692Section7_1ServerAcceptsThePlainOfferWithContextTakeover() {
        var a = DeflateParams.accept(List.of("permessage-deflate; client_max_window_bits"), false).orElseThrow();
        assertThat(a.response()).isEqualTo("permessage-deflate");
        assertThat(a.params()).isEqualTo(new DeflateParams(true, true));
    }

    @Test
    void rfc7692Section7_1_1ServerHonoursNoContextTakeoverRequests() {
        var a = DeflateParams.accept(List.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                false).orElseThrow();
        assertThat(a.response()).isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(a.params()).isEqualTo(new DeflateParams(false, false));
    }

    @Test
    void rfc7692Section7_1_2ServerDeclinesAWindowBelow15AndTakesTheNextOffer() {
        var a = DeflateParams.accept(List.of("permessage-deflate; server_max_window_bits=9, permessage-deflate"), false);
        assertThat(a).isPresent();
        assertThat(a.get().response()).isEqualTo("permessage-deflate");
        assertThat(DeflateParams.accept(List.of("permessage-deflate; server_max_window_bits=9"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("permessage-deflate; server_max_window_bits=\"15\""), false)).isPresent();
    }

    @Test
    void rfc7692Section5_1ServerDeclinesInvalidOffers() {
        assertThat(DeflateParams.accept(List.of("permessage-deflate; unknown"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("permessage-deflate; client_max_window_bits=7"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("permessage-deflate; client_max_window_bits=015"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("x-webkit-deflate-frame"), false)).isEmpty();
        assertThat(DeflateParams.accept(List.of("permessage-deflate; ="), false)).isEmpty();
    }

    @Test
    void rfc7692Section7_1_2ClientChecksTheResponse() {
        assertThat(DeflateParams.clientAccept(List.of(), true)).isEmpty();
        assertThat(DeflateParams.clientAccept(List.of("permessage-deflate; server_no_context_takeover"), true).orElseThrow())
                .isEqualTo(new DeflateParams(false, true));
        assertThat(DeflateParams.clientAccept(List.of("permessage-deflate; server_max_window_bits=10"), true)).isPresent();
        assertThatThrownBy(() -> DeflateParams.clientAccept(List.of("permessage-deflate; client_max_window_bits=10"), true))
                .hasMessageContaining("not offered");
        assertThatThrownBy(() -> DeflateParams.clientAccept(List.of("permessage-deflate"), false)).hasMessageContaining("not offered");
        assertThatThrownBy(() -> DeflateParams.clientAccept(List.of("permessage-deflate, permessage-deflate"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
