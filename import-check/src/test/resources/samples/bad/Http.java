package bad;

import com.sun.net.httpserver.HttpServer;
import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

abstract class Http implements com.sun.net.httpserver.HttpHandler {
    HttpClient.Version version = HttpClient.Version.HTTP_2;
    HttpResponse.BodyHandler<String> body = HttpResponse.BodyHandlers.ofString();
    Class<?> kind = HttpURLConnection.class;
    Supplier<HttpClient> clients = HttpClient::newHttpClient;

    abstract HttpServer server();
}

record Endpoint(java.net.URL url) {
}
