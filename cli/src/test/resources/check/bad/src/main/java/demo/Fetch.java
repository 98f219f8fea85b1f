package demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** Fetches a page the old way. */
final class Fetch {
    static byte[] get(String address) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
