// Starts a real upstream (JDK HTTP server) and a real Turnpike node (embedded store, free ports) serving the catalog,
// issues a key for consumer "app", and hands URL and key to the build through .mvn/maven.config (the POM names no
// API: the plugin generates the key's subscriptions). verify.groovy stops both.
import com.sun.net.httpserver.HttpServer
import dev.turnpike.gateway.config.SettingsLoader
import dev.turnpike.gateway.server.TurnpikeServer
import dev.turnpike.registry.file.CatalogFile
import dev.turnpike.registry.store.JdbcCatalogStore
import java.nio.file.Files

def upstream = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
def seen = Collections.synchronizedList([])
upstream.createContext('/', { exchange ->
    seen.add(exchange.requestMethod + ' ' + exchange.requestURI + ' via=' + exchange.requestHeaders.getFirst('Via'))
    def body = (exchange.requestURI.path.startsWith('/orders') ? '[{"id": 7, "item": "bone"}]'
            : '[{"id": 1, "name": "Rex", "tag": "dog"}]').getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.write(body)
    exchange.close()
})
upstream.start()

def catalogFile = new File(basedir, 'catalog.yaml')
catalogFile.text = catalogFile.text.replace('@UPSTREAM_PORT@', String.valueOf(upstream.address.port))
def dataDir = new File(basedir, 'target/gateway-data').toPath()
Files.createDirectories(dataDir)
def store = JdbcCatalogStore.embedded(dataDir)
store.replace(CatalogFile.read(catalogFile.toPath()))
def key = store.createKey('app', Optional.empty(), 'it').plaintext()
def settings = SettingsLoader.load(Optional.empty(), [:], ['public.host': '127.0.0.1', 'public.port': '0',
        'admin.port': '0', 'dataDir': dataDir.toString(), 'ioThreads': '2', 'shutdownGrace': '1s'])
def server = TurnpikeServer.start(settings, store)

def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').text = "-Dturnpike.gatewayUrl=http://127.0.0.1:${server.publicPort()}\n" +
        "-Dturnpike.apiKey=${key}\n"
context.put('server', server)
context.put('store', store)
context.put('upstream', upstream)
context.put('seen', seen)
return true
