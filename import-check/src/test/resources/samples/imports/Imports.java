package imports;

import static java.net.http.HttpClient.Redirect.NORMAL;
import static java.net.URLEncoder.*;

import com.sun.net.httpserver.spi.HttpServerProvider;
import java.net.http.HttpClient.*;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngineResult.Status;

class Imports {
    Object redirect = NORMAL;
    String query = encode("a b", StandardCharsets.UTF_8);
    Version version;
    Status status;
    HttpServerProvider provider;
}
