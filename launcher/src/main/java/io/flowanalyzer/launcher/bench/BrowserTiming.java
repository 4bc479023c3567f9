package io.flowanalyzer.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times pages in a real headless Chromium, driven over the DevTools protocol with the JDK's own
 * WebSocket (no browser driver on the launcher's class path): the signed-in session's cookie is set,
 * the page is opened, and the clock stops when its script says it has drawn ({@code data-drawn-ms} on
 * the page's root). Both figures are reported: from asking for the page to drawn (HTML, scripts,
 * the data request, drawing), and the script's own (its data request and the drawing).
 */
final class BrowserTiming implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    /** The calls sent and not yet answered; the socket's listener completes them. */
    private final Map<Integer, CompletableFuture<JsonNode>> waiting;

    /** A page's two figures, in milliseconds. */
    record Drawn(long page, long script) {}

    private BrowserTiming(
            Process chromium, Path profile, WebSocket socket, Map<Integer, CompletableFuture<JsonNode>> waiting) {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = socket;
        this.waiting = waiting;
    }

    /** Starts Chromium and signs it in with the session cookie {@code name=value} of {@code base}. */
    static BrowserTiming start(String base, String cookieName, String cookieValue) throws Exception {
        Path profile = Files.createTempDirectory("flowanalyzer-bench-chromium-");
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--window-size=1600,1000",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader err =
                    new BufferedReader(new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8));
            String browserUrl = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String line;
            while (browserUrl == null && System.nanoTime() < until && (line = err.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    browserUrl = m.group(1);
                }
            }
            if (browserUrl == null) {
                throw new IllegalStateException("Chromium did not open its DevTools port");
            }
            // the rest of its chatter is drained so that Chromium never blocks on a full pipe
            Thread drain = new Thread(() -> {
                try {
                    while (err.readLine() != null) {
                        // discarded
                    }
                } catch (java.io.IOException ignored) {
                    // Chromium ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return open(chromium, profile, browserUrl, base, cookieName, cookieValue);
        } catch (Exception e) {
            chromium.destroyForcibly();
            throw e;
        }
    }

    private static BrowserTiming open(
            Process chromium, Path profile, String browserUrl, String base, String cookieName, String cookieValue)
            throws Exception {
        URI devtools = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + devtools.getAuthority() + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String pageUrl = null;
        for (JsonNode target : JSON.readTree(list)) {
            if ("page".equals(target.path("type").asText())) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageUrl == null) {
            throw new IllegalStateException("Chromium opened no page");
        }
        Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageUrl), new Answers(waiting))
                .get(30, TimeUnit.SECONDS);
        BrowserTiming timing = new BrowserTiming(chromium, profile, socket, waiting);
        ObjectNode cookie = JSON.createObjectNode()
                .put("name", cookieName)
                .put("value", cookieValue)
                .put("url", base)
                .put("httpOnly", true);
        timing.call("Network.setCookie", cookie);
        return timing;
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.path("error"));
        }
        return reply.path("result");
    }

    /** Opens {@code url} and waits until the page's root carries {@code data-drawn-ms}. */
    Drawn time(String url, Duration timeout) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", "about:blank"));
        long t0 = System.nanoTime();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long until = t0 + timeout.toNanos();
        while (System.nanoTime() < until) {
            JsonNode v = call(
                            "Runtime.evaluate",
                            JSON.createObjectNode()
                                    .put(
                                            "expression",
                                            "(function(){var e=document.querySelector('[data-drawn-ms]');"
                                                    + "var p=document.querySelector('.problem, .graph-summary.problem');"
                                                    + "return e?e.dataset.drawnMs:(p&&p.textContent.trim()?'!'+p.textContent:null)})()")
                                    .put("returnByValue", true))
                    .path("result")
                    .path("value");
            if (v.isTextual()) {
                long page = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (v.asText().startsWith("!")) {
                    throw new IllegalStateException(url + " says: " + v.asText().substring(1));
                }
                return new Drawn(page, Long.parseLong(v.asText()));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + " was not drawn within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chromium.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder left behind
        }
    }

    /** Collects each text message (which may come in parts) and completes the call it answers. */
    private static final class Answers implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonNode>> waiting;
        private final StringBuilder partial = new StringBuilder();

        Answers(Map<Integer, CompletableFuture<JsonNode>> waiting) {
            this.waiting = waiting;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> f =
                                waiting.remove(message.path("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // not an answer
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
