try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('API "pets": generated com.example.clients.pets')
    assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
    def seen = context.get('seen')
    assert seen.any { it.startsWith('GET /pets?') && it.endsWith('via=null') } : "a direct call: ${seen}"
    assert seen.any { it.startsWith('GET /pets?') && !it.endsWith('via=null') } : "a call through the gateway: ${seen}"
} finally {
    context.get('server')?.close()
    context.get('store')?.close()
    context.get('upstream')?.stop(0)
}
return true
