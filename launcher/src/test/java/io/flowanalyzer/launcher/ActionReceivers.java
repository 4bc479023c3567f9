package io.flowanalyzer.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the alert rules' actions reach in the tests: a webhook endpoint (the JDK's HTTP server) that keeps
 * every post with its Authorization header, and an SMTP server speaking just enough of RFC 5321 for a
 * real mail client to hand it messages, which it keeps as they arrived.
 */
final class ActionReceivers implements AutoCloseable {
    record Post(String authorization, String body) {}

    final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<String> mails = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private final ServerSocket smtp;

    ActionReceivers() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        http.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(new Post(
                    exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        smtp = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "it-smtp");
        t.setDaemon(true);
        t.start();
    }

    String webhook() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
    }

    int smtpPort() {
        return smtp.getLocalPort();
    }

    private void accept() {
        while (!smtp.isClosed()) {
            try (Socket s = smtp.accept()) {
                converse(s);
            } catch (IOException e) {
                // closed, or a client gone: the next one is served
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream raw = s.getOutputStream();
        PrintWriter out = new PrintWriter(raw, true, StandardCharsets.UTF_8);
        say(out, "220 it-smtp ready");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> say(out, "250 it-smtp");
                case "DATA" -> {
                    say(out, "354 end with a dot");
                    StringBuilder message = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        message.append(line.startsWith("..") ? line.substring(1) : line)
                                .append('\n');
                    }
                    mails.add(message.toString());
                    say(out, "250 kept");
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "250 OK");
            }
        }
    }

    private static void say(PrintWriter out, String reply) {
        out.print(reply + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        smtp.close();
    }
}
