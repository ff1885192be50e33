try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('API "orders": generated com.example.clients.orders')
    assert log.contains('API "pets": generated com.example.clients.pets')
    assert log.contains('[WARNING] API "plain": subscribed, but the catalog has no OpenAPI document for it')
    assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
    def generated = new File(basedir, 'target/generated-sources/turnpike/com/example/clients').list().sort()
    assert generated == ['orders', 'pets'] : "only the subscribed APIs with a document: ${generated}"
    def seen = context.get('seen')
    assert seen.any { it.startsWith('GET /pets?') && it.endsWith('via=null') } : "pets end-to-end: ${seen}"
    assert seen.any { it.startsWith('GET /orders ') && !it.endsWith('via=null') } : "orders via the gateway: ${seen}"
} finally {
    context.get('server')?.close()
    context.get('store')?.close()
    context.get('upstream')?.stop(0)
}
return true
