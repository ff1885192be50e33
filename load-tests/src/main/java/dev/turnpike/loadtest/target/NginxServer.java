package dev.turnpike.loadtest.target;

import dev.turnpike.loadtest.process.FreePort;
import dev.turnpike.loadtest.process.Pinning;
import dev.turnpike.loadtest.process.ProcessSupervisor;
import dev.turnpike.loadtest.process.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx as the reference reverse proxy: a config written into its own temp directory (1 worker to match the
 * gateway's one event loop, access log off, keep-alive connections to the stub), run in the foreground so the
 * supervisor can stop it by pid. {@code /bench/...} is proxied to the stub's {@code /...}, like the gateway's bench API.
 */
public final class NginxServer {
    private final Process process;
    private final int port;

    private NginxServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Writes the config, starts nginx and waits until it proxies to {@code stub}. */
    public static NginxServer start(ProcessSupervisor supervisor, Tools tools, Pinning pinning, Path workDir,
                                    StubServer stub) throws IOException, InterruptedException {
        Path nginx = tools.nginx().orElseThrow(() -> new IllegalStateException("nginx is not installed"));
        Path dir = Files.createTempDirectory(workDir, "nginx-");
        int port = FreePort.find();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, stub.address()));
        Path log = dir.resolve("stdout.log");
        Process process = supervisor.start(pinning.server(List.of(nginx.toString(), "-p", dir.toString(),
                "-c", conf.toString(), "-e", dir.resolve("error.log").toString())), log);
        Readiness.awaitHttp200("http://127.0.0.1:" + port + "/bench/items/42", process, dir.resolve("error.log"),
                Duration.ofSeconds(30));
        return new NginxServer(process, port);
    }

    static String config(Path dir, int port, String upstream) {
        return """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 20000; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  keepalive_requests 1000000;
                  upstream stub {
                    server %3$s;
                    keepalive 128;
                    keepalive_requests 1000000;
                  }
                  server {
                    listen 127.0.0.1:%2$d;
                    location /bench/ {
                      proxy_pass http://stub/;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                    }
                  }
                }
                """.formatted(dir, port, upstream);
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }
}
