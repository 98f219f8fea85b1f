package demo;

import static java.net.URLDecoder.decode;

import java.net.*;
import java.nio.charset.StandardCharsets;

final class Encode {
    static String roundTrip(String text) {
	return decode(URLEncoder.encode(text, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    static java.util.List<URI> parse(java.util.List<String> texts) {
        return texts.stream().map(URI::create).toList();
    }
}
